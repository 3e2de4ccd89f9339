// Walks the syntax table: every example of every syntax yields its name and the value put in its place.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ANCHORED_SYNTAXES, NAMED_SYNTAXES } from '../../src/detect/assignment-syntaxes.js';
import { findAnchoredAssignments, findNamedAssignments } from '../../src/detect/assignment.js';
import { detectFragment } from '../../src/detect/engine.js';
import { ALNUM, randomString, seededRandom } from '../helpers/tokens.js';
import { builtinRuleSet } from '../helpers/rules.js';

const random = seededRandom(14);
// A generated value with a digit and a symbol, so every syntax's value reader is exercised on one shape.
const value = (): string => `${randomString(random, ALNUM, 10)}7!`;
// What the syntaxes that read only strong values (prose, glued) take: long, random, a digit and a letter in it.
const longValue = (): string => `${randomString(random, ALNUM, 28)}7q`;

describe('assignment syntaxes', () => {
  for (const syntax of NAMED_SYNTAXES) {
    describe(`${syntax.id}: ${syntax.description.slice(0, 60)}`, () => {
      for (const example of syntax.examples) {
        it(`reads ${example.text.replace('{V}', '…').slice(0, 70)}`, () => {
          const v = example.shape === 'long' ? longValue() : value();
          // Other pairs on the line (`"key": "Authorization"`) are the classifier's to drop; the value's pair is one.
          const found = findNamedAssignments(example.text.replace('{V}', v), example.file ?? 'example.txt').filter((a) => a.value.includes(v.slice(0, 6)));
          assert.deepEqual(found.map((a) => [a.name, a.value, a.syntax]), [[example.name, v, syntax.id]]);
        });
      }
    });
  }
  // `beforeEnds` lets a name be dropped on its preceding character alone: it must hold every last character `before`
  // accepts. Probed with the lines before every example's name, cut anywhere, then each ASCII character.
  const lines = NAMED_SYNTAXES.flatMap((s) => s.examples.map((e) => e.text.slice(0, Math.max(0, e.text.indexOf(e.name)))));
  for (const syntax of NAMED_SYNTAXES.filter((s) => s.before !== undefined && s.beforeEnds !== undefined)) {
    it(`${syntax.id}: its beforeEnds holds every character its before can end with`, () => {
      const before = syntax.before as RegExp;
      for (const line of lines)
        for (let cut = 0; cut <= line.length; cut++)
          for (let code = 0; code < 128; code++) {
            const c = String.fromCharCode(code);
            if (before.test(line.slice(0, cut) + c)) assert.ok(syntax.beforeEnds?.includes(c), `${JSON.stringify(line.slice(0, cut) + c)} passes before`);
          }
    });
  }
  for (const syntax of ANCHORED_SYNTAXES) {
    describe(`${syntax.id}: ${syntax.description.slice(0, 60)}`, () => {
      for (const example of syntax.examples) {
        it(`reads ${example.text.replace('{V}', '…').slice(0, 70)}`, () => {
          const v = example.shape === 'basic' ? Buffer.from(`svc:${value()}`).toString('base64') : value();
          const text = example.text.replace('{V}', v);
          assert.ok(syntax.keywords.some((k) => text.toLowerCase().includes(k)), 'an example holds one of its keywords');
          assert.deepEqual(findAnchoredAssignments(text, [syntax]).map((a) => [a.name, a.value]), [[example.name, v]]);
        });
      }
    });
  }

  const quiet = [
    { name: 'ignores a member access in code', text: 'password = settings.DB_PASSWORD', file: 'app.py' },
    { name: 'ignores a call in code', text: 'const token = this.tokens.get(id);', file: 'a.js' },
    { name: 'ignores an empty shell assignment followed by a word', text: 'passphrase= password= scmVersion=1', file: 'mvn' },
    { name: 'ignores a namespace path', text: "'Test2::Event::Pass' => 'core2'", file: 'CoreList.pm' },
    { name: 'ignores a status badge token', text: '![cov](https://codecov.io/gh/a/b/graph/badge.svg?token=Q8xL2mZ9vT)', file: 'README.md' },
    { name: 'ignores a fragment of a split literal', text: '"text": ["DB_PASSWORD=Q8xL2mZ9", "vT4kW3nB"]', file: 'rules.json' },
    { name: 'ignores a concatenated literal', text: "token = 'Q8xL2mZ9' + suffix + 'vT4kW3nB'", file: 'a.py' },
    { name: 'ignores strings in a list that are no call', text: '["trust", "password", "Q8xL2mZ9vT4k"]', file: 'a.json' },
    { name: 'ignores a singular name with a list', text: '"secret": ["Q8xL2mZ9", "vT4k"]', file: 'a.json' },
    { name: 'ignores a fallback of an environment read to another variable', text: 'const token = process.env.ACME_TOKEN || defaultToken;', file: 'a.js' },
    { name: 'ignores a fallback of an environment read to a call', text: "token = os.getenv('ACME_TOKEN') or read_token('Q8xL2mZ9vT4k')", file: 'a.py' },
  ];
  for (const { name, text, file } of quiet) it(name, () => assert.deepEqual(findNamedAssignments(text, file).map((a) => a.value), []));

  // Prose and glued forms read only strong values in their own context: `{H}` is 40 upper-case hex digits, `{V}` a long
  // random value, both generated.
  const HEX = '0123456789ABCDEF';
  const quietProse = [
    { name: 'ignores an OpenPGP fingerprint after key in a changelog', text: "  * Add Jane Doe's key {H}\n    to signing-key.asc.", file: 'changelog.Debian' },
    { name: 'ignores a value on a line about a hash', text: 'sha256 key {V}', file: 'NOTES.md' },
    { name: 'ignores a key of an RSA key pair named in prose', text: 'using RSA key {V}', file: 'build.log' },
    { name: 'ignores pass as a verb before a flag', text: 'you have to pass --enable-gui=gtk3 explicitly', file: 'gui.txt' },
    { name: 'ignores a public key named in prose', text: 'the public key {V} is shared', file: 'README.md' },
    { name: 'ignores a short word after a credential word', text: 'the token was revoked', file: 'README.md' },
    { name: 'ignores a Kubernetes object name with its short hash', text: 'pod/app-secret-5f9c7d8b4-x2kq9 restarted', file: 'kubectl.log' },
    { name: 'ignores a hashed asset name', text: '<script src="/assets/token-{V}.js">', file: 'index.html' },
    { name: 'ignores a glued word inside a path', text: 'see https://example.com/docs/api-key-{V}', file: 'README.md' },
    { name: 'ignores an identifier after a credential word in code', text: '// the token {V} ends here', file: 'a.js' },
  ];
  for (const { name, text, file } of quietProse)
    it(name, () => {
      const filled = text.replace('{H}', randomString(random, HEX, 40)).replace('{V}', longValue());
      assert.deepEqual(findNamedAssignments(filled, file).map((a) => [a.syntax, a.value]), []);
    });

  // A weak-password rule claims command forms only or none (a syntax listed beside the command forms but not marked
  // would never get the weak path there), and each command form is claimed by one, or marking it would do nothing.
  const commandIds = new Set([...NAMED_SYNTAXES, ...ANCHORED_SYNTAXES].filter((s) => s.kind === 'command').map((s) => s.id));
  const weakRules = builtinRuleSet().loaded.filter(({ rule }) => rule.assignment?.weak === true && rule.assignment.syntaxes !== undefined);
  for (const { rule } of weakRules) {
    it(`${rule.id}: claims command forms only or none`, () => {
      const ids = rule.assignment?.syntaxes ?? [];
      const command = ids.filter((id) => commandIds.has(id));
      assert.ok(command.length === 0 || command.length === ids.length, `not marked kind: 'command': ${ids.filter((id) => !commandIds.has(id)).join(', ')}`);
    });
  }
  it('every command form is claimed by a weak-password rule', () => {
    const claimed = new Set(weakRules.flatMap(({ rule }) => rule.assignment?.syntaxes ?? []));
    assert.deepEqual([...commandIds].filter((id) => !claimed.has(id)), []);
  });
  // `kind: 'command'` is what lets a weak password through (generic-stage.ts): walked over every example that names a
  // password, a word password is reported in a script exactly for the command forms, and never in documentation.
  const { ruleSet } = builtinRuleSet();
  const weakPassword = ['root', 'pass', '123'].join('');
  const weakIds = (text: string, file: string): string[] => detectFragment({ file, text }, ruleSet).map((f) => f.ruleId).filter((id) => id.endsWith('-weak'));
  for (const syntax of [...NAMED_SYNTAXES, ...ANCHORED_SYNTAXES]) {
    const examples = syntax.examples.filter((e) => /pass|pwd/i.test(e.name));
    if (examples.length === 0) continue;
    const command = syntax.kind === 'command';
    it(`${syntax.id}: a word password in a script is ${command ? 'reported (a command form)' : 'not reported (no command form)'}, and never in a README`, () => {
      for (const example of examples) {
        const v = example.shape === 'basic' ? Buffer.from(`svc:${weakPassword}`).toString('base64') : weakPassword;
        const text = example.text.replace('{V}', v);
        assert.equal(weakIds(text, 'scripts/run.sh').length, command ? 1 : 0, text);
        assert.deepEqual(weakIds(text, 'README.md'), [], text);
      }
    });
  }
});
