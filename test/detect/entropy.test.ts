// Shannon entropy and charset classes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { charsetOf, shannonEntropy } from '../../src/detect/entropy.js';

describe('detect/entropy', () => {
  const entropies = [
    { name: 'gives 0 for an empty string', text: '', want: 0 },
    { name: 'gives 0 for one repeated character', text: 'aaaaaaaa', want: 0 },
    { name: 'gives 1 bit for two equally frequent characters', text: 'abababab', want: 1 },
    { name: 'gives 4 bits for the 16 hex digits once each', text: '0123456789abcdef', want: 4 },
  ];
  for (const c of entropies) it(c.name, () => assert.equal(shannonEntropy(c.text), c.want));

  const charsets = [
    { name: 'recognises hex', text: '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12', want: 'hex' },
    { name: 'recognises base32', text: 'QYLPMN5HHHFPZAM2', want: 'base32' },
    { name: 'recognises alphanumerics', text: 'abcXYZ123', want: 'alnum' },
    { name: 'recognises base64 with + and /', text: 'ab+c/dE==', want: 'base64' },
    { name: 'falls back to any', text: 'p@ss w0rd!', want: 'any' },
  ];
  for (const c of charsets) it(c.name, () => assert.equal(charsetOf(c.text), c.want));
});
