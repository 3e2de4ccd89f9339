// runAction in-process: input errors, a scan with nothing to do, and the fork guard on validation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { runAction } from '../../src/action/run.js';
import { sarifSchemaErrors } from '../report/sarif-check.js';
import { makeTempDir } from '../helpers/temp-dir.js';

function setup(eventName: string, payload: object, inputs: Record<string, string> = {}): { env: NodeJS.ProcessEnv; dir: string; out: string[] } {
  const dir = makeTempDir('keyfence-run-');
  writeFileSync(join(dir, 'event.json'), JSON.stringify(payload));
  writeFileSync(join(dir, 'output'), '');
  writeFileSync(join(dir, 'summary'), '');
  const env: NodeJS.ProcessEnv = { GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: join(dir, 'event.json'), GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary'), GITHUB_WORKSPACE: dir };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return { env, dir, out: [] };
}

describe('action/run', () => {
  const inputErrors: { name: string; inputs: Record<string, string>; pattern: RegExp }[] = [
    { name: 'rejects an annotations input that is not a number', inputs: { annotations: 'many' }, pattern: /input annotations: "many" is not a whole number/ },
    { name: 'rejects a validate input that is not a boolean', inputs: { validate: 'yes' }, pattern: /input validate: "yes" is not a boolean; use true or false/ },
    { name: 'rejects an unknown mode', inputs: { mode: 'all' }, pattern: /input mode: "all" is not a mode/ },
  ];
  for (const c of inputErrors) {
    it(c.name, async () => {
      const t = setup('push', {}, c.inputs);
      const code = await runAction({ env: t.env, write: (text) => t.out.push(text) });
      assert.equal(code, 2);
      assert.match(t.out.join(''), new RegExp(`^::error title=keyfence::${c.pattern.source}`, 'm'));
      assert.match(readFileSync(join(t.dir, 'summary'), 'utf8'), /## keyfence failed/);
    });
  }

  it('reports nothing for a deleted branch and still writes outputs and an empty, valid SARIF', async () => {
    const t = setup('push', { before: 'a'.repeat(40), after: '0'.repeat(40), ref: 'refs/heads/gone' }, { sarif: 'out/k.sarif' });
    const code = await runAction({ env: t.env, write: (text) => t.out.push(text) });
    assert.equal(code, 0, t.out.join(''));
    assert.match(readFileSync(join(t.dir, 'output'), 'utf8'), /^findings<<(\S+)\n0\n\1\nsarif<<(\S+)\nout\/k\.sarif\n\2\n$/);
    assert.deepEqual(sarifSchemaErrors(JSON.parse(readFileSync(join(t.dir, 'out', 'k.sarif'), 'utf8'))), []);
    assert.match(readFileSync(join(t.dir, 'summary'), 'utf8'), /no secrets found\n\nScanned refs\/heads\/gone was deleted\./);
  });

  it('turns validation off for a pull request from a fork, with a notice', async () => {
    const payload = { pull_request: { base: { sha: 'a'.repeat(40), repo: { full_name: 'o/r' } }, head: { sha: 'b'.repeat(40), repo: { full_name: 'fork/r' } } } };
    const t = setup('pull_request', payload, { validate: 'true' });
    await runAction({ env: t.env, write: (text) => t.out.push(text) });
    assert.match(t.out.join(''), /^::notice title=keyfence::validate: off for a pull request from a fork/m);
  });

  // The bundle in a child process with a deadline: a recursive mkdir under /proc never returns on Node 20, and in-process
  // it would block the test runner's own timeout too.
  const unwritable: { name: string; inputs?: Record<string, string>; env?: (dir: string) => NodeJS.ProcessEnv; code: number; says?: RegExp }[] = [
    { name: 'a sarif input under /proc is a clear error, not a hang', inputs: { sarif: '/proc/nonexist/k.sarif' }, code: 2, says: /^::error title=keyfence::input sarif: \/proc\/nonexist\/k\.sarif: cannot write the SARIF file: a folder on its path does not exist .*; set the sarif input to a path inside the workspace/m },
    { name: 'a sarif input below a file is a clear error', inputs: { sarif: 'event.json/k.sarif' }, code: 2, says: /^::error title=keyfence::input sarif: event\.json\/k\.sarif: cannot write the SARIF file: a part of its path is a file, not a folder/m },
    { name: 'a GITHUB_OUTPUT under /proc is a clear error naming the variable', env: () => ({ GITHUB_OUTPUT: '/proc/nonexist/output' }), code: 2, says: /^::error title=keyfence::GITHUB_OUTPUT \/proc\/nonexist\/output: cannot append to it: a folder on its path does not exist .*; the runner sets GITHUB_OUTPUT/m },
    { name: 'a GITHUB_STEP_SUMMARY under /proc is a clear error, not a crash', env: () => ({ GITHUB_STEP_SUMMARY: '/proc/nonexist/summary' }), code: 2, says: /^::error title=keyfence::GITHUB_STEP_SUMMARY \/proc\/nonexist\/summary: cannot append to it: /m },
    { name: 'XDG cache and state folders under /proc are skipped: the scan still finishes', env: () => ({ XDG_CACHE_HOME: '/proc/nonexist/cache', XDG_STATE_HOME: '/proc/nonexist/state' }), code: 0 },
  ];
  for (const c of unwritable) {
    it(c.name, () => {
      const t = setup('push', { before: 'a'.repeat(40), after: '0'.repeat(40), ref: 'refs/heads/gone' }, c.inputs);
      const env = { PATH: process.env.PATH, HOME: t.dir, ...t.env, ...c.env?.(t.dir) };
      const result = spawnSync(process.execPath, [join(packageRoot, 'dist', 'index.js')], { cwd: t.dir, env, encoding: 'utf8', timeout: 30_000 });
      assert.equal(result.signal, null, 'the action hung and was killed');
      assert.equal(result.status, c.code, `${result.stdout}${result.stderr}`);
      assert.equal(result.stderr, '');
      assert.doesNotMatch(result.stdout, /internal error/);
      if (c.says) assert.match(result.stdout, c.says);
    });
  }
});
