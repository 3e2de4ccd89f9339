// Walks the syntax table: every example of every syntax yields its name and the value put in its place.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ANCHORED_SYNTAXES, NAMED_SYNTAXES } from '../../src/detect/assignment-syntaxes.js';
import { findAnchoredAssignments, findNamedAssignments } from '../../src/detect/assignment.js';
import { ALNUM, randomString, seededRandom } from '../helpers/tokens.js';

const random = seededRandom(14);
// A generated value with a digit and a symbol, so every syntax's value reader is exercised on one shape.
const value = (): string => `${randomString(random, ALNUM, 10)}7!`;

describe('assignment syntaxes', () => {
  for (const syntax of NAMED_SYNTAXES) {
    describe(`${syntax.id}: ${syntax.description.slice(0, 60)}`, () => {
      for (const example of syntax.examples) {
        it(`reads ${example.text.replace('{V}', '…').slice(0, 70)}`, () => {
          const v = value();
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
});
