// Catalogue-wide: a rule whose keyword is its token's own prefix (ghr_, xoxb-, sgp_…) finds the token without a key
// name before it, in prose, a Terraform variable block and a log line (issue 15: the prefix alone is enough).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RAW } from '../src/types.js';
import { detectFragment } from '../src/detect/engine.js';
import { builtinRuleSet, exampleText } from './helpers/rules.js';

const { loaded, ruleSet } = builtinRuleSet();

/** The places a pasted token lands with no name before it. */
const CONTEXTS: { name: string; file: string; around: (secret: string) => string }[] = [
  { name: 'prose', file: 'NOTES.md', around: (s) => `Rotate the leaked key ${s} before Friday.` },
  { name: 'a Terraform variable default', file: 'variables.tf', around: (s) => `variable "upstream" {\n  type    = string\n  default = "${s}"\n}` },
  { name: 'a log line', file: 'app.log', around: (s) => `2024-05-01T10:00:00Z INFO client started with ${s} ok` },
];

/** Each text rule's first match example, with the secret it yields, where one of its keywords is the secret's prefix. */
function prefixedRules(): { id: string; secret: string }[] {
  const out: { id: string; secret: string }[] = [];
  for (const { rule } of loaded) {
    const example = rule.examples.match[0];
    if (rule.target === 'path' || example === undefined) continue;
    const found = detectFragment({ file: example.file ?? 'example.txt', text: exampleText(example) }, ruleSet).find((f) => f.ruleId === rule.id);
    const secret = found?.[RAW].secret;
    if (secret === undefined || !rule.keywords.some((k) => k.length >= 3 && secret.toLowerCase().startsWith(k.toLowerCase()))) continue;
    out.push({ id: rule.id, secret });
  }
  return out;
}

describe('rules: a distinctive prefix alone is enough', () => {
  const rules = prefixedRules();
  it('covers the prefixed part of the catalogue (ghr_, xoxb-, sgp_, AZDO PATs and the like)', () => {
    assert.ok(rules.length >= 150, `${rules.length} rules`);
    for (const id of ['github-refresh-token-long', 'slack-legacy-bot-token', 'slack-config-access-token', 'sourcegraph-access-token']) assert.ok(rules.some((r) => r.id === id), id);
  });
  for (const { id, secret } of rules) {
    it(`finds ${id} with no key name before it, in prose, a Terraform default and a log line`, () => {
      const missed = CONTEXTS.filter((c) => !detectFragment({ file: c.file, text: c.around(secret) }, ruleSet).some((f) => f.ruleId === id)).map((c) => c.name);
      assert.deepEqual(missed, []);
    });
  }
});
