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

  it('offers a node hook and a system hook', () => {
    assert.deepEqual(hooks.map((h) => [h.id, h.language]), [['keyfence', 'node'], ['keyfence-system', 'system']]);
  });
  for (const hook of hooks) {
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
