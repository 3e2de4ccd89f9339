// hooks.ts: recognising a hook that already runs keyfence (so init stays idempotent).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runsKeyfence } from '../../src/sources/hooks.js';

const cases = [
  { name: 'sees the husky line', text: 'npm test\nkeyfence staged\n', want: true },
  { name: 'sees the npx form', text: 'npx keyfence staged --quiet\n', want: true },
  { name: 'sees the plain hook keyfence init writes', text: '#!/bin/sh\nPATH="$(git rev-parse --show-toplevel)/node_modules/.bin:$PATH" keyfence staged || exit $?\n', want: true },
  { name: 'ignores a commented-out line', text: '# keyfence staged\nnpm test\n', want: false },
  { name: 'ignores other keyfence commands', text: 'keyfence history\n', want: false },
  { name: 'ignores an empty hook', text: '', want: false },
];

describe('sources/hooks', () => {
  for (const c of cases) it(`runsKeyfence ${c.name}`, () => assert.equal(runsKeyfence(c.text), c.want));
});
