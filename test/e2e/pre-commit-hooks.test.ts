// .pre-commit-hooks.yaml: the manifest the pre-commit framework reads from this repository.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../helpers/git-repo.js';

interface Hook {
  id: string;
  entry: string;
  language: string;
  pass_filenames?: boolean;
  stages?: string[];
  minimum_pre_commit_version?: string;
}

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  const bins = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin);

  it('offers a node hook and a system hook for the staged changes and for the commit message', () => {
    assert.deepEqual(hooks.map((h) => [h.id, h.language]), [['keyfence', 'node'], ['keyfence-system', 'system'], ['keyfence-commit-msg', 'node'], ['keyfence-commit-msg-system', 'system']]);
  });
  const messageHooks = hooks.filter((h) => h.id.startsWith('keyfence-commit-msg'));
  for (const hook of messageHooks) {
    it(`${hook.id} runs keyfence commit-msg at the commit-msg stage, given the message file's name`, () => {
      assert.equal(hook.entry, 'keyfence commit-msg');
      // pre-commit passes the message file only with file names on; `commit-msg` is a stage name of every 3.x and 4.x.
      assert.equal(hook.pass_filenames, undefined);
      assert.deepEqual(hook.stages, ['commit-msg']);
      assert.equal(hook.minimum_pre_commit_version, '3.0.0');
    });
  }
  for (const hook of hooks.filter((h) => !messageHooks.includes(h))) {
    it(`${hook.id} runs a bin of package.json on the index, without file names`, () => {
      assert.ok(bins.includes(hook.entry.split(' ')[0] as string));
      assert.equal(hook.entry, 'keyfence staged');
      assert.equal(hook.pass_filenames, false);
      // pre-commit 3.0 (Debian 12) rejects the git hook names as stages, and 4.x warns on the old ones: none is given.
      assert.equal(hook.stages, undefined);
      assert.equal(hook.minimum_pre_commit_version, '3.0.0');
    });
  }
});
