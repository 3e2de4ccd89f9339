// Which findings become STS calls, with which key id, secret and token, and why the others are skipped.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RAW, type Finding } from '../../src/types.js';
import { planValidation } from '../../src/validate/plan.js';
import { isExampleCredential } from '../../src/validate/examples.js';
import { describeKeyId } from '../../src/detect/aws.js';
import { generateKeyId, generateSecret, generateSessionToken } from '../helpers/fake-sts.js';

interface Spec {
  ruleId: string;
  line: number;
  secret: string;
  pairedId?: string;
  file?: string;
  commit?: string;
}

function make(spec: Spec): Finding {
  const keyId = spec.pairedId ?? (spec.ruleId === 'aws-access-key-id' ? spec.secret : undefined);
  return {
    ruleId: spec.ruleId, description: 'd', severity: 'high', file: spec.file ?? 'a.env', line: spec.line, column: 1, endColumn: 2,
    secret: 'masked', match: 'masked', fingerprint: `${spec.ruleId}:${spec.line}`, entropy: 4,
    ...(spec.commit ? { commit: spec.commit } : {}),
    ...(keyId ? { aws: describeKeyId(keyId) } : {}),
    [RAW]: { secret: spec.secret, lineText: spec.secret, ...(spec.pairedId ? { pairedId: spec.pairedId } : {}) },
  };
}

const validating = (ruleId: string): boolean => ['aws-access-key-id', 'aws-secret-access-key', 'aws-access-key-pair'].includes(ruleId);
const AKIA = generateKeyId();
const ASIA = generateKeyId('ASIA');
const SECRET = generateSecret();
const TOKEN = generateSessionToken();

interface Case {
  name: string;
  findings: Spec[];
  /** Per finding, in order: "call <keyId>/<secret>[/token]" or "skip <reason>" or "-" (untouched). */
  want: string[];
}

const cases: Case[] = [
  { name: 'a pair finding is one call with its key id and secret', findings: [{ ruleId: 'aws-access-key-pair', line: 2, secret: SECRET, pairedId: AKIA }], want: ['call AKIA/SECRET'] },
  {
    name: 'a lone key id borrows a secret-access-key finding three lines away',
    findings: [{ ruleId: 'aws-access-key-id', line: 1, secret: AKIA }, { ruleId: 'aws-secret-access-key', line: 4, secret: SECRET }],
    want: ['call AKIA/SECRET', 'helper'],
  },
  {
    name: 'a key id and a secret in different files stay apart',
    findings: [{ ruleId: 'aws-access-key-id', line: 1, secret: AKIA }, { ruleId: 'aws-secret-access-key', line: 2, secret: SECRET, file: 'b.env' }],
    want: ['skip no-secret', 'skip no-key-id'],
  },
  {
    name: 'a key id and a secret from different commits stay apart',
    findings: [{ ruleId: 'aws-access-key-id', line: 1, secret: AKIA, commit: 'c1' }, { ruleId: 'aws-secret-access-key', line: 2, secret: SECRET, commit: 'c2' }],
    want: ['skip no-secret', 'skip no-key-id'],
  },
  {
    name: 'a key id and a secret too far apart stay apart',
    findings: [{ ruleId: 'aws-access-key-id', line: 1, secret: AKIA }, { ruleId: 'aws-secret-access-key', line: 9, secret: SECRET }],
    want: ['skip no-secret', 'skip no-key-id'],
  },
  {
    name: 'a temporary key takes the session token found nearby',
    findings: [{ ruleId: 'aws-access-key-pair', line: 2, secret: SECRET, pairedId: ASIA }, { ruleId: 'aws-session-token', line: 3, secret: TOKEN }],
    want: ['call ASIA/SECRET/TOKEN', 'helper'],
  },
  {
    name: 'a temporary key without its token is not sent (it would look invalid)',
    findings: [{ ruleId: 'aws-access-key-pair', line: 2, secret: SECRET, pairedId: ASIA }, { ruleId: 'aws-session-token', line: 30, secret: TOKEN }],
    want: ['skip no-session-token', '-'],
  },
  {
    name: 'a long-term key never carries a token',
    findings: [{ ruleId: 'aws-access-key-pair', line: 2, secret: SECRET, pairedId: AKIA }, { ruleId: 'aws-session-token', line: 3, secret: TOKEN }],
    want: ['call AKIA/SECRET', '-'],
  },
  {
    name: 'a canary key is skipped, and so is the secret it borrowed',
    findings: [{ ruleId: 'aws-access-key-id', line: 1, secret: generateKeyId('AKIA', '992382622183') }, { ruleId: 'aws-secret-access-key', line: 2, secret: SECRET }],
    want: ['skip canary', 'skip canary'],
  },
  { name: 'the documented example key id is skipped', findings: [{ ruleId: 'aws-access-key-pair', line: 1, secret: SECRET, pairedId: 'AKIAI44QH8DHB' + 'EXAMPLE' }], want: ['skip example-key'] },
  { name: 'a documented example secret is skipped', findings: [{ ruleId: 'aws-access-key-pair', line: 1, secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYz' + 'EXAMPLEKEY', pairedId: AKIA }], want: ['skip example-key'] },
  {
    name: 'the documented example session token is skipped',
    findings: [{ ruleId: 'aws-access-key-pair', line: 1, secret: SECRET, pairedId: ASIA }, { ruleId: 'aws-session-token', line: 2, secret: 'AQoDYXdzEPT//////////wEXAMPLE' + 'tc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmx' }],
    want: ['skip example-key', '-'],
  },
  { name: 'findings of other rules are left alone', findings: [{ ruleId: 'github-pat', line: 1, secret: 'ghp_' + 'x'.repeat(36) }], want: ['-'] },
];

const names: Record<string, string> = { [AKIA]: 'AKIA', [ASIA]: 'ASIA', [SECRET]: 'SECRET', [TOKEN]: 'TOKEN' };

describe('planValidation', () => {
  for (const c of cases) {
    it(c.name, () => {
      const findings = c.findings.map(make);
      const plan = planValidation(findings, validating);
      const got = findings.map((f) => {
        const job = plan.jobs.find((j) => j.finding === f);
        if (job) return `call ${[job.credentials.accessKeyId, job.credentials.secretAccessKey, job.credentials.sessionToken].filter(Boolean).map((v) => names[v as string] ?? v).join('/')}`;
        if (plan.jobs.some((j) => j.helpers.includes(f))) return 'helper';
        const skipped = plan.skipped.find((s) => s.finding === f);
        return skipped ? `skip ${skipped.verdict.reason}` : '-';
      });
      assert.deepEqual(got, c.want);
    });
  }
});

describe('isExampleCredential', () => {
  const table = [
    { name: 'the IAM docs key id', args: ['AKIAIOSFODNN7' + 'EXAMPLE'], want: true },
    { name: 'the SigV4 suite key id and secret', args: ['AKID' + 'EXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCY' + 'EXAMPLEKEY'], want: true },
    { name: 'any key id ending in EXAMPLE', args: ['AKIAQ3EGRIUBZF' + 'EXAMPLE'], want: true },
    { name: 'the SDK docs session token', args: [ASIA, SECRET, 'AQoEXAMPLEH4aoAH0gNCAPy' + 'truncated'], want: true },
    { name: 'a generated key', args: [AKIA, SECRET, TOKEN], want: false },
  ];
  for (const c of table) it(`${c.want ? 'recognises' : 'does not flag'} ${c.name}`, () => assert.equal(isExampleCredential(...(c.args as [string, string?, string?])), c.want));
});
