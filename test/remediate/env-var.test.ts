import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { suggestRemedy } from '../../src/remediate/env-var.js';
import type { Rule } from '../../src/types.js';
import { makeFinding } from './finding.js';

// Built from parts so no whole key sits in the repository.
const KEY = 'AK' + 'IA' + 'Q3EGRIUBZFZ6PJ5G';
const SECRET = 'wJa' + 'lrXUtnFEMI/K7MDENG/bPxRfiCYzq8Rt4Lm2N';

const keyRule: Rule = { id: 'aws-access-key-id', provider: 'aws', description: '', severity: 'high', regex: '', keywords: [], remediation: { envVar: 'AWS_ACCESS_KEY_ID' }, examples: { match: [], noMatch: [] } };
const genericRule: Rule = { ...keyRule, id: 'generic-api-key', provider: 'generic', generic: true, remediation: { envVar: 'API_KEY' } };

interface Case {
  name: string;
  file: string;
  /** File text; `§` marks the secret. */
  text: string;
  rule?: Rule;
  secret?: string;
  want: { envVar?: string; replacement?: string; edit?: string; lineAfter?: string; additional?: string; manual?: RegExp };
}

const cases: Case[] = [
  { name: 'replaces a JS string with process.env, quotes included', file: 'a.js', text: "const id = '§';\n", want: { envVar: 'AWS_ACCESS_KEY_ID', replacement: 'process.env.AWS_ACCESS_KEY_ID', lineAfter: 'const id = process.env.AWS_ACCESS_KEY_ID;' } },
  { name: 'leaves a minified line (over 10 000 characters) to the source it is built from', file: 'dist/app.min.js', text: `${'f();'.repeat(3000)}var k="§";${'g();'.repeat(100)}\n`, want: { manual: /minified or generated/ } },
  { name: 'refuses a JS object key', file: 'a.js', text: "const m = { '§': 1 };\n", want: { manual: /object key/ } },
  { name: 'refuses a secret inside a longer string', file: 'a.js', text: 'const h = "Bearer §";\n', want: { manual: /shares its string/ } },
  { name: 'adds import os to Python when missing', file: 'a.py', text: 'X = "§"\n', want: { replacement: 'os.environ["AWS_ACCESS_KEY_ID"]', additional: 'import os\n' } },
  { name: 'does not add import os twice', file: 'a.py', text: 'import sys, os\nX = "§"\n', want: { lineAfter: 'X = os.environ["AWS_ACCESS_KEY_ID"]' } },
  { name: 'refuses Python bytes', file: 'a.py', text: "X = b'§'\n", want: { manual: /shares its string|plain string/ } },
  { name: 'refuses a Go const', file: 'a.go', text: 'package main\n\nconst id = "§"\n', want: { manual: /const/ } },
  { name: 'refuses a Go const block entry', file: 'a.go', text: 'package main\n\nconst (\n\tid = "§"\n)\n', want: { manual: /const/ } },
  { name: 'adds a Go import after a single import', file: 'a.go', text: 'package main\n\nimport "fmt"\n\nvar id = "§"\n', want: { replacement: 'os.Getenv("AWS_ACCESS_KEY_ID")', additional: 'import "os"\n' } },
  { name: 'adds a Go import after the package clause when there is none', file: 'a.go', text: 'package main\n\nvar id = "§"\n', want: { additional: '\nimport "os"\n' } },
  { name: 'adds "os" to a Go import block', file: 'a.go', text: 'package main\n\nimport (\n\t"fmt"\n)\n\nvar id = "§"\n', want: { additional: '\t"os"\n' } },
  { name: 'adds using System before the first C# using', file: 'A.cs', text: 'using Amazon;\nvar id = "§";\n', want: { additional: 'using System;\n' } },
  { name: 'refuses a Java annotation argument', file: 'A.java', text: 'class A {\n  @Named("§") String x;\n}\n', want: { manual: /annotation/ } },
  { name: 'refuses a Kotlin const val', file: 'A.kt', text: 'const val ID = "§"\n', want: { manual: /const val/ } },
  { name: 'refuses a PHP property default', file: 'a.php', text: "<?php\nclass A {\n  private $id = '§';\n}\n", want: { manual: /property default/ } },
  { name: 'uses getenv in PHP code', file: 'a.php', text: "<?php\n$id = '§';\n", want: { lineAfter: "$id = getenv('AWS_ACCESS_KEY_ID');" } },
  { name: 'refuses a C# const', file: 'A.cs', text: 'class A { const string Id = "§"; }\n', want: { manual: /const/ } },
  { name: 'rewrites a C# verbatim string, prefix included', file: 'A.cs', text: 'using System;\nvar id = @"§";\n', want: { lineAfter: 'var id = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");' } },
  { name: 'uses ENV.fetch in Ruby', file: 'a.rb', text: 'ID = "§"\n', want: { lineAfter: 'ID = ENV.fetch("AWS_ACCESS_KEY_ID")' } },
  { name: 'refuses a Ruby symbol', file: 'a.rb', text: 'x = :"§"\n', want: { manual: /./ } },
  { name: 'quotes a bare shell value', file: 'a.sh', text: 'export AWS_ACCESS_KEY_ID=§\n', want: { lineAfter: 'export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:?}"' } },
  { name: 'refuses a secret inside a shell URL', file: 'a.sh', text: 'curl "https://x/?k=§"\n', want: { manual: /shares/ } },
  { name: 'moves a .env.local line out of the tracked file', file: '.env.local', text: 'A=1\nMY_KEY=§\nB=2\n', want: { envVar: 'MY_KEY', edit: '' } },
  { name: 'treats the local .env itself as already local', file: '.env', text: 'MY_KEY=§\n', want: { envVar: 'MY_KEY' } },
  { name: 'rewrites a workflow value to a repository secret', file: '.github/workflows/x.yml', text: 'env:\n  KEY: "§"\n', want: { lineAfter: '  KEY: ${{ secrets.AWS_ACCESS_KEY_ID }}' } },
  { name: 'interpolates in docker-compose', file: 'compose.yml', text: 'services:\n  a:\n    environment:\n      KEY: §\n', want: { lineAfter: '      KEY: ${AWS_ACCESS_KEY_ID}' } },
  { name: 'names a Kubernetes secret after the env entry', file: 'k.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - env:\n        - name: UPLOAD_KEY\n          value: §\n', want: { envVar: 'UPLOAD_KEY', lineAfter: '          valueFrom: {secretKeyRef: {name: web-secrets, key: UPLOAD_KEY}}' } },
  { name: 'refuses a Kubernetes Secret manifest', file: 'k.yaml', text: 'apiVersion: v1\nkind: Secret\nstringData:\n  key: §\n', want: { manual: /Secret manifest/ } },
  { name: 'refuses a Kubernetes value outside an env entry', file: 'k.yaml', text: 'apiVersion: v1\nkind: Pod\nargs: ["--key=§"]\n', want: { manual: /value:/ } },
  { name: 'deletes an access key from provider "aws"', file: 'main.tf', text: 'provider "aws" {\n  access_key = "§"\n}\n', want: { envVar: 'AWS_ACCESS_KEY_ID', edit: '' } },
  { name: 'refuses a Terraform variable default', file: 'v.tf', text: 'variable "k" {\n  default = "§"\n}\n', want: { manual: /variable default/ } },
  { name: 'refuses a Dockerfile ENV', file: 'Dockerfile', text: 'FROM x\nENV KEY=§\n', want: { manual: /build secret/, replacement: 'RUN --mount=type=secret,id=AWS_ACCESS_KEY_ID,env=AWS_ACCESS_KEY_ID <command> (and docker buildx build --secret id=AWS_ACCESS_KEY_ID,env=AWS_ACCESS_KEY_ID)' } },
  { name: 'drops a JS fallback and keeps the environment read it backs', file: 'a.js', rule: genericRule, secret: 'sk_live_' + 'a1B2c3D4e5F6g7H8', text: "const apiKey = process.env.ACME_API_KEY || '§';\n", want: { envVar: 'ACME_API_KEY', replacement: 'process.env.ACME_API_KEY', lineAfter: 'const apiKey = process.env.ACME_API_KEY;' } },
  { name: 'drops a TS ?? fallback of a bracketed read and keeps the read as written', file: 'a.ts', rule: genericRule, secret: 'sk_live_' + 'a1B2c3D4e5F6g7H8', text: 'const t = process.env["ACME_TOKEN"] ?? "§";\n', want: { envVar: 'ACME_TOKEN', lineAfter: 'const t = process.env["ACME_TOKEN"];' } },
  { name: 'names a generic secret after its key', file: 'a.js', rule: genericRule, secret: 'sk_live_' + 'a1B2c3D4e5F6g7H8', text: 'const stripeKey = "§";\n', want: { envVar: 'STRIPE_KEY', lineAfter: 'const stripeKey = process.env.STRIPE_KEY;' } },
];

function apply(text: string, edit: { line: number; column: number; endLine: number; endColumn: number; text: string }): string {
  const lines = text.split('\n');
  const offset = (line: number, column: number): number => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  return text.slice(0, offset(edit.line, edit.column)) + edit.text + text.slice(offset(edit.endLine, edit.endColumn));
}

describe('remediate/env-var', () => {
  for (const c of cases) {
    it(c.name, () => {
      const secret = c.secret ?? KEY;
      const fileText = c.text.replace('§', secret);
      const lineIndex = fileText.split('\n').findIndex((l) => l.includes(secret));
      const lineText = fileText.split('\n')[lineIndex] as string;
      const finding = makeFinding({ file: c.file, lineText, secret, line: lineIndex + 1, ruleId: (c.rule ?? keyRule).id });
      const remedy = suggestRemedy({ finding, rule: c.rule ?? keyRule, fileText, taken: new Map() });
      const s = remedy.suggestion;
      if (c.want.envVar) assert.equal(s.envVar, c.want.envVar);
      if (c.want.replacement) assert.equal(s.replacement, c.want.replacement);
      if (c.want.manual) {
        assert.match(remedy.manual ?? '', c.want.manual);
        assert.equal(s.edit, undefined);
        assert.match(s.note ?? '', /^manual: /);
        return;
      }
      assert.equal(remedy.manual, undefined, remedy.manual);
      assert.ok(!JSON.stringify(s).includes(secret), 'the suggestion never holds the secret');
      if (c.want.edit !== undefined) assert.equal(s.edit?.text, c.want.edit);
      if (c.want.lineAfter) assert.equal(apply(fileText, s.edit as NonNullable<typeof s.edit>).split('\n')[lineIndex], c.want.lineAfter);
      if (c.want.additional) assert.equal(s.additionalEdits?.[0]?.text, c.want.additional);
    });
  }

  it('gives a pair both edits: the secret first, the key id as an additional edit', () => {
    const text = `id = "${KEY}"\nsecret_key = "${SECRET}"\n`;
    const finding = makeFinding({ file: 'a.rb', lineText: `secret_key = "${SECRET}"`, secret: SECRET, line: 2, ruleId: 'aws-access-key-pair', paired: { id: KEY, line: 1, lineText: `id = "${KEY}"` } });
    const rule: Rule = { ...keyRule, id: 'aws-access-key-pair', remediation: { envVar: 'AWS_SECRET_ACCESS_KEY' } };
    const remedy = suggestRemedy({ finding, rule, fileText: text, taken: new Map() });
    assert.equal(remedy.suggestion.envVar, 'AWS_SECRET_ACCESS_KEY');
    assert.deepEqual(remedy.suggestion.edit, { line: 2, column: 14, endLine: 2, endColumn: 56, text: 'ENV.fetch("AWS_SECRET_ACCESS_KEY")' });
    assert.deepEqual(remedy.suggestion.additionalEdits, [{ line: 1, column: 6, endLine: 1, endColumn: 28, text: 'ENV.fetch("AWS_ACCESS_KEY_ID")' }]);
    assert.deepEqual(remedy.env.map((e) => e.name), ['AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID']);
    assert.match(remedy.suggestion.note ?? '', /SDKs and CLI read AWS_ACCESS_KEY_ID/);
    assert.match(remedy.suggestion.note ?? '', /GitHub OIDC/);
  });

  it('numbers the name of a second, different secret in the same file', () => {
    const other = 'AK' + 'IA' + 'ZZ4EGRIUBZFZ6PJ5';
    const text = `a = "${KEY}"\nb = "${other}"\n`;
    const taken = new Map<string, string>();
    const first = suggestRemedy({ finding: makeFinding({ file: 'a.py', lineText: `a = "${KEY}"`, secret: KEY, line: 1 }), rule: keyRule, fileText: text, taken });
    const second = suggestRemedy({ finding: makeFinding({ file: 'a.py', lineText: `b = "${other}"`, secret: other, line: 2 }), rule: keyRule, fileText: text, taken });
    const again = suggestRemedy({ finding: makeFinding({ file: 'a.py', lineText: `a = "${KEY}"`, secret: KEY, line: 1 }), rule: keyRule, fileText: text, taken });
    assert.deepEqual([first.suggestion.envVar, second.suggestion.envVar, again.suggestion.envVar], ['AWS_ACCESS_KEY_ID', 'AWS_ACCESS_KEY_ID_2', 'AWS_ACCESS_KEY_ID']);
  });

  it('suggests but gives no edit for a history finding', () => {
    const finding = makeFinding({ file: 'a.js', lineText: `x = "${KEY}"`, secret: KEY, commit: 'abc123' });
    const remedy = suggestRemedy({ finding, rule: keyRule, taken: new Map() });
    assert.equal(remedy.suggestion.replacement, 'process.env.AWS_ACCESS_KEY_ID');
    assert.equal(remedy.suggestion.edit, undefined);
    assert.match(remedy.manual ?? '', /history/);
  });

  it('gives no edit when the file on disk no longer holds the scanned line', () => {
    const finding = makeFinding({ file: 'a.js', lineText: `x = "${KEY}"`, secret: KEY });
    const remedy = suggestRemedy({ finding, rule: keyRule, fileText: 'x = process.env.AWS_ACCESS_KEY_ID\n', taken: new Map() });
    assert.equal(remedy.suggestion.edit, undefined);
    assert.match(remedy.manual ?? '', /no longer holds/);
  });
});
