// The exit policy --fail-on any|valid|unknown (exitCodeFor in src/cli/run.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exitCodeFor } from '../../src/cli/run.js';
import { RAW, type Finding, type Verdict } from '../../src/types.js';

function finding(validation?: Verdict): Finding {
  return {
    ruleId: 'aws-access-key-pair', description: 'd', severity: 'critical', file: 'a.env', line: 1, column: 1, endColumn: 2,
    secret: 's', match: 'm', fingerprint: 'f', entropy: 4, ...(validation ? { validation } : {}), [RAW]: { secret: 's', lineText: 's' },
  };
}

const valid = finding({ status: 'valid', arn: 'arn:aws:iam::123456789012:user/a' });
const invalid = finding({ status: 'invalid', reason: 'InvalidClientTokenId' });
const unknown = finding({ status: 'unknown', reason: 'timeout' });
const canary = finding({ status: 'skipped', reason: 'canary' });
const unvalidated = finding();

const cases: { name: string; findings: Finding[]; failOn: 'any' | 'valid' | 'unknown'; want: number }[] = [
  { name: 'any: nothing found passes', findings: [], failOn: 'any', want: 0 },
  { name: 'any: an unvalidated finding fails', findings: [unvalidated], failOn: 'any', want: 1 },
  { name: 'any: an invalid key still fails', findings: [invalid], failOn: 'any', want: 1 },
  { name: 'valid: a live key fails', findings: [invalid, valid], failOn: 'valid', want: 1 },
  { name: 'valid: unknown, invalid and skipped keys pass', findings: [invalid, unknown, canary], failOn: 'valid', want: 0 },
  { name: 'valid: unvalidated findings pass (validation was not requested)', findings: [unvalidated], failOn: 'valid', want: 0 },
  { name: 'unknown: an unknown verdict fails', findings: [invalid, unknown], failOn: 'unknown', want: 1 },
  { name: 'unknown: a live key fails', findings: [valid], failOn: 'unknown', want: 1 },
  { name: 'unknown: invalid and skipped keys pass', findings: [invalid, canary], failOn: 'unknown', want: 0 },
];

describe('exitCodeFor', () => {
  for (const c of cases) it(c.name, () => assert.equal(exitCodeFor(c.findings, c.failOn), c.want));
});
