// Files and folders keyfence may not read: counted (inside a scanned folder) or one clear error (named), never missed silently.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../helpers/cli.js';
import { fakeAccessKeyId } from '../helpers/git-repo.js';

/** Root reads everything: drop its permission-override capabilities so file modes apply to the run. */
function runWithoutOverride(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const command = process.getuid?.() === 0 ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', '--', process.execPath] : [process.execPath];
  const result = spawnSync(command[0] as string, [...command.slice(1), BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const CASES: { name: string; args: string[]; status: number; findings?: number; unreadable?: number; stderr?: RegExp }[] = [
  { name: 'counts an unreadable file and an unreadable folder inside a scanned folder, and scans the rest', args: ['scan', '.', '--format', 'json'], status: 1, findings: 1, unreadable: 2 },
  { name: 'stops with one line naming an unreadable file given as an argument', args: ['scan', 'locked.env'], status: 2, stderr: /^keyfence: locked\.env: permission denied; make the file readable or leave it out\n$/ },
  { name: 'stops with one line naming an unreadable folder given as an argument', args: ['scan', 'closed'], status: 2, stderr: /^keyfence: closed: permission denied; make the folder readable or leave it out\n$/ },
];

describe('keyfence scan on files it may not read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyfence-unreadable-'));
  writeFileSync(join(dir, 'ok.env'), `AWS_ACCESS_KEY_ID=${fakeAccessKeyId(3)}\n`);
  writeFileSync(join(dir, 'locked.env'), `AWS_ACCESS_KEY_ID=${fakeAccessKeyId(4)}\n`);
  mkdirSync(join(dir, 'closed'));
  writeFileSync(join(dir, 'closed', 'inside.env'), `AWS_ACCESS_KEY_ID=${fakeAccessKeyId(5)}\n`);
  chmodSync(join(dir, 'locked.env'), 0o000);
  chmodSync(join(dir, 'closed'), 0o000);
  after(() => {
    chmodSync(join(dir, 'closed'), 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  for (const c of CASES) {
    it(c.name, () => {
      const result = runWithoutOverride(c.args, dir);
      assert.equal(result.status, c.status, result.stderr);
      if (c.stderr) assert.match(result.stderr, c.stderr);
      if (c.findings === undefined) return;
      const report = JSON.parse(result.stdout) as { findings: { file: string }[]; stats: { skipped: Record<string, number> } };
      assert.deepEqual(report.findings.map((f) => f.file), ['ok.env']);
      assert.equal(report.stats.skipped.unreadable, c.unreadable);
    });
  }
});
