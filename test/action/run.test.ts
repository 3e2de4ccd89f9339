// runAction in-process: input errors, a scan with nothing to do, and the fork guard on validation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
});
