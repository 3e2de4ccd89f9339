// `keyfence rules` prints the count per family after the list, and `--json` gives each rule its family.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli.js';

const rule = (id: string, tags: string[]): object => ({
  id, provider: 'acme', description: `${id} rule`, severity: 'high', regex: 'acme_(\\w{8})', keywords: ['acme_'], tags,
  examples: { match: [{ text: 'acme_k3x9q2m7', why: 'prefix' }, { text: 'x acme_p0o9i8u7', why: 'prefix again' }], noMatch: [{ text: 'acme', why: 'bare' }, { text: 'acme_', why: 'empty' }] },
});

describe('cli/commands/rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyfence-rules-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, '.keyfence.json'), JSON.stringify({ extends: 'none', rules: [rule('acme-one', ['ci']), rule('acme-two', ['ai']), rule('acme-three', ['beta', 'ci'])] }));

  it('prints the total, then each family with its count in family order', () => {
    const result = runCli(['rules'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const tail = result.stdout.trimEnd().split('\n').slice(-3).map((line) => line.trim().split(/\s+/));
    assert.deepEqual(tail, [['3', 'rules'], ['ci', '2'], ['ai', '1']]);
  });

  it('gives every rule its family in JSON', () => {
    const result = runCli(['rules', '--json'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const rules = JSON.parse(result.stdout) as { id: string; family: string }[];
    assert.deepEqual(rules.map((r) => [r.id, r.family]), [['acme-one', 'ci'], ['acme-two', 'ai'], ['acme-three', 'ci']]);
  });
});
