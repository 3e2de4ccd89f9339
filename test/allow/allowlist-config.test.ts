// Config allowlists applied by scanFragment: allow.fingerprints and allow.commits (a sha prefix).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, scanFragment } from '../../src/scan.js';
import { defaultConfig } from '../../src/config/defaults.js';
import type { Fragment } from '../../src/types.js';
import { fakeKeyId } from '../helpers/baseline-repo.js';

const sha = 'c0ffee'.padEnd(40, '1');
const fragment: Fragment = {
  file: 'app.env',
  text: `AWS_ACCESS_KEY_ID=${fakeKeyId()}\n`,
  lineNumbers: [7],
  commit: { commit: sha, author: 'A', email: 'a@example.com', date: '2024-01-01', message: 'add key' },
};

function engineWith(allow: Partial<ReturnType<typeof defaultConfig>['allow']>) {
  const config = defaultConfig('/repo');
  config.allow = { ...config.allow, ...allow };
  return createEngine(config);
}

describe('config allowlists in scanFragment', () => {
  const fingerprint = scanFragment(fragment, engineWith({}))[0]?.fingerprint ?? '';
  const cases: { name: string; allow: Partial<ReturnType<typeof defaultConfig>['allow']>; want: number }[] = [
    { name: 'reports the finding with no allowlist', allow: {}, want: 1 },
    { name: 'drops a finding whose fingerprint is in allow.fingerprints', allow: { fingerprints: [fingerprint] }, want: 0 },
    { name: 'drops findings of a commit listed in allow.commits by prefix', allow: { commits: ['c0ffee1'] }, want: 0 },
    { name: 'matches allow.commits case-insensitively', allow: { commits: ['C0FFEE'] }, want: 0 },
    { name: 'keeps findings of other commits', allow: { commits: ['deadbeef'] }, want: 1 },
  ];
  for (const { name, allow, want } of cases) it(name, () => assert.equal(scanFragment(fragment, engineWith(allow)).length, want));
});
