// blockPrefix: the name of the block a credential sits in, as an env var prefix, or none when the block says nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { blockPrefix } from '../../src/remediate/block-name.js';
import type { Language } from '../../src/remediate/language.js';

describe('remediate/block-name', () => {
  // `@` marks where the credential starts.
  const cases: [string, Language, string, string | undefined][] = [
    ['takes the variable an object literal is assigned to', 'javascript', "const prod = { accessKeyId: '@x' };", 'PROD'],
    ['takes a quoted object key', 'javascript', '{\n  "staging": {\n    "accessKeyId": "@x"\n  }\n}', 'STAGING'],
    ['drops the words that only say credentials', 'typescript', 'const prodCredentials = {\n  secretAccessKey: "@x",\n};', 'PROD'],
    ['looks past a generic block to the one around it', 'javascript', 'const qa = {\n  credentials: { accessKeyId: "@x" },\n};', 'QA'],
    ['stops at a block passed to a call', 'javascript', 'const staging = 1;\nconst s3 = new S3Client({ credentials: { accessKeyId: "@x" } });', undefined],
    ['skips closed blocks before the literal', 'javascript', "const dev = { a: 1 };\nconst aws = { accessKeyId: '@x' };", undefined],
    ['takes a Python dict name', 'python', 'BACKUP = {"aws_access_key_id": "@x"}', 'BACKUP'],
    ['takes the YAML mapping above', 'yaml', 'accounts:\n  audit:\n    aws_access_key_id: @x', 'AUDIT'],
    ['takes an ini profile', 'ini', '[default]\naws_access_key_id = A\n[profile reports]\naws_access_key_id = @x', 'REPORTS'],
    ['gives none for the default profile', 'ini', '[default]\naws_access_key_id = @x', undefined],
    ['gives none in a shell script', 'shell', 'prod() {\n  export AWS_ACCESS_KEY_ID=@x\n}', undefined],
    ['gives none for a name that is itself AWS', 'javascript', 'const awsConfig = { accessKeyId: "@x" };', undefined],
  ];
  for (const [name, language, text, want] of cases) {
    it(name, () => {
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.includes('@')) + 1;
      const column = (lines[line - 1] as string).indexOf('@') + 1;
      assert.equal(blockPrefix(language, lines, line, column), want);
    });
  }
});
