// runScan's masking: scanned text is masked in every format, our own text (rule descriptions, hints) never is, even
// when a false "secret" is a common word that our text uses too.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../helpers/temp-dir.js';
import { runCli } from '../helpers/cli.js';

const rule = {
  id: 'acme-deploy-token', provider: 'acme', description: 'Acme deploy secret', severity: 'high', regex: 'acme_token=(\\w+)', keywords: ['acme_token='],
  examples: { match: [{ text: ['acme_token=', 'k3x9q2m7'], why: 'assignment (in parts: a whole one reads as a token to a history scan)' }], noMatch: [{ text: 'acme_token=', why: 'empty' }] },
};

describe('cli/run: masking a common-word secret', () => {
  const dir = makeTempDir('keyfence-run-mask-');
  writeFileSync(join(dir, '.keyfence.json'), JSON.stringify({ extends: 'none', rules: [rule] }));
  writeFileSync(join(dir, 'deploy.env'), 'acme_token=secret\n');

  const cases: { name: string; args: string[]; ours: RegExp[]; masked: RegExp }[] = [
    { name: 'text keeps the rule description and the closing advice', args: [], ours: [/acme-deploy-token {2}Acme deploy secret\n/, /Remove each secret from the change/], masked: /\n {4}acme_token=…\(masked\)\n/ },
    { name: 'JSON keeps the description', args: ['--format', 'json'], ours: [/"description": "Acme deploy secret"/], masked: /"secret": "…\(masked\)",\n\s+"match": "acme_token=…\(masked\)"/ },
    { name: 'SARIF keeps the rule text and its help', args: ['--format', 'sarif'], ours: [/"text": "Acme deploy secret: a hard-coded credential/, /"markdown": "\*\*Acme deploy secret\*\*/], masked: /"text": "Acme deploy secret …\(masked\) in deploy\.env:1\./ },
  ];
  for (const { name, args, ours, masked } of cases) {
    it(`${name}, and masks the scanned line`, () => {
      const result = runCli(['scan', 'deploy.env', ...args], { cwd: dir });
      assert.equal(result.status, 1, result.stderr);
      for (const pattern of ours) assert.match(result.stdout, pattern);
      assert.match(result.stdout, masked);
      assert.doesNotMatch(result.stdout, /acme_token=secret/);
      assert.doesNotMatch(result.stdout, /"secret": "secret"/);
    });
  }
});
