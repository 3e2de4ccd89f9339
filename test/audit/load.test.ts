// The audit's progress file: fingerprints and decisions only, in the git directory, tolerant of a damaged file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyProgress, migrateProgress, parseProgress, progressPath, readProgress, writeProgress } from '../../src/audit/load.js';
import { fingerprintOf, legacyFingerprintOf } from '../../src/allow/fingerprint.js';
import { RAW, type Finding } from '../../src/types.js';
import { makeRepo } from '../helpers/git-repo.js';

const FP = 'a'.repeat(64);

describe('parseProgress', () => {
  const cases: { name: string; text: string; want: ReturnType<typeof emptyProgress> }[] = [
    { name: 'reads decisions and walks', text: JSON.stringify({ version: 1, decisions: { [FP]: 'real' }, walks: { 'scan .': { at: FP } } }), want: { version: 1, decisions: { [FP]: 'real' }, walks: { 'scan .': { at: FP } } } },
    { name: 'drops entries that are not fingerprints or decisions', text: JSON.stringify({ version: 1, decisions: { [FP]: 'maybe', 'AKIA-not-a-fingerprint': 'real' }, walks: { x: { at: 'nope' } } }), want: emptyProgress() },
    { name: 'starts afresh on a damaged file', text: '{"version": 1, "decis', want: emptyProgress() },
    { name: 'starts afresh on another version', text: JSON.stringify({ version: 2, decisions: { [FP]: 'real' } }), want: emptyProgress() },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(parseProgress(c.text), c.want));
});

describe('migrateProgress', () => {
  // A guessable password (its fingerprint is v2, scrypt) and a machine-made token (v1 and v2 agree).
  const finding = (ruleId: string, file: string, secret: string): Finding => ({ ruleId, file, fingerprint: fingerprintOf(ruleId, file, secret), [RAW]: { secret } }) as unknown as Finding;
  const password = finding('generic-password', 'deploy.sh', ['Tr0ub4dor', '-horse-', '1234'].join(''));
  const token = finding('github-pat', 'a.js', `ghp_${'x7Kq9'.repeat(7)}0`);
  const old = legacyFingerprintOf('generic-password', 'deploy.sh', password[RAW].secret);

  it('moves a decision and a walk position keyed by an old-format fingerprint to the current one (issue 13, item 4)', () => {
    const progress = { version: 1 as const, decisions: { [old]: 'real' as const, [token.fingerprint]: 'skipped' as const }, walks: { 'scan .': { at: old } } };
    assert.deepEqual(migrateProgress(progress, [password, token]), { version: 1, decisions: { [password.fingerprint]: 'real', [token.fingerprint]: 'skipped' }, walks: { 'scan .': { at: password.fingerprint } } });
  });

  it('returns the same progress when nothing is in the old format', () => {
    const progress = { version: 1 as const, decisions: { [password.fingerprint]: 'real' as const }, walks: {} };
    assert.equal(migrateProgress(progress, [password, token]), progress);
  });
});

describe('progressPath, readProgress and writeProgress', () => {
  it('keeps the progress inside the git directory of a repository', async (t) => {
    const repo = makeRepo();
    t.after(() => repo.remove());
    assert.equal(await progressPath(repo.dir, {}), join(repo.dir, '.git', 'keyfence-audit.json'));
  });

  it('keeps it in the state folder outside a repository, one file per folder', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'keyfence-audit-state-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'plain'));
    const path = await progressPath(join(dir, 'plain'), { XDG_STATE_HOME: join(dir, 'state') });
    assert.match(path, new RegExp(`^${join(dir, 'state', 'keyfence')}/audit-[0-9a-f]{16}\\.json$`));
  });

  it('writes and reads back what it wrote', (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'keyfence-audit-progress-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'deep', 'audit.json');
    writeProgress(path, { version: 1, decisions: { [FP]: 'skipped' }, walks: {} });
    assert.deepEqual(readProgress(path), { version: 1, decisions: { [FP]: 'skipped' }, walks: {} });
    assert.deepEqual(readProgress(join(dir, 'missing.json')), emptyProgress());
    assert.ok(readFileSync(path, 'utf8').endsWith('\n'));
  });
});

describe('writeProgress where it cannot write', () => {
  const cases: { name: string; path: string; says: RegExp }[] = [
    { name: 'a state folder under /proc is a usage error naming the path and XDG_STATE_HOME', path: '/proc/nonexist/keyfence/audit.json', says: /^\/proc\/nonexist\/keyfence\/audit\.json: cannot save the audit's progress: a folder on its path does not exist .*$/ },
    { name: 'a state folder the system refuses new files in is a usage error', path: '/sys/kernel/audit.json', says: /^\/sys\/kernel\/audit\.json: cannot save the audit's progress: permission denied \(EACCES/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.throws(() => writeProgress(c.path, emptyProgress()), (error: Error & { exitCode?: number; hint?: string }) => {
        assert.match(error.message, c.says);
        assert.equal(error.exitCode, 2);
        assert.match(error.hint ?? '', /XDG_STATE_HOME/);
        return true;
      });
    });
  }
});
