// Offline AWS key-id facts: account decoding against published values, key types, canary lists.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeAccountId, describeKeyId, keyTypeOf } from '../../src/detect/aws.js';
import { CANARY_ACCOUNT, keyIdFor, seededRandom } from '../helpers/aws-keys.js';

describe('detect/aws', () => {
  const published = [
    { name: 'decodes Beery’s published temporary key', id: ['ASIAY34FZKBO', 'KMUTVV7A'], account: '609629065308' },
    { name: 'decodes the canarytokens key shown in TruffleHog output', id: ['AKIAQYLPMN5H', 'HHFPZAM2'], account: '052310077262' },
    { name: 'returns null for old-format ids whose 5th character is I', id: ['AKIAIOSFODNN', '7EXAMPLE'], account: null },
    { name: 'returns null for old-format ids whose 5th character is J', id: ['AKIAJ2345678', 'ABCDEFGH'], account: null },
    { name: 'returns null for ids of the wrong length', id: ['AKIAQYLPMN5H'], account: null },
  ];
  for (const c of published) it(c.name, () => assert.equal(decodeAccountId(c.id.join('')), c.account));

  it('round-trips generated ids for many accounts', () => {
    const random = seededRandom(7);
    for (const account of ['000000000001', '123456789012', '999999999999', CANARY_ACCOUNT]) assert.equal(decodeAccountId(keyIdFor('AKIA', account, random)), account);
  });

  const types = [
    { name: 'calls AKIA a user key', prefix: 'AKIA', want: 'user' },
    { name: 'calls ASIA a temporary key', prefix: 'ASIA', want: 'temporary' },
    { name: 'calls ABIA a bearer key', prefix: 'ABIA', want: 'bearer' },
    { name: 'calls ACCA a context key', prefix: 'ACCA', want: 'context' },
    { name: 'calls A3T keys legacy', prefix: 'A3TX', want: 'legacy' },
  ];
  for (const c of types) it(c.name, () => assert.equal(keyTypeOf(`${c.prefix}QYLPMN5HHHFPZAM2`), c.want));

  it('marks Thinkst canary accounts without any network call', () => {
    const info = describeKeyId(keyIdFor('AKIA', CANARY_ACCOUNT, seededRandom(1)));
    assert.equal(info.canary, true);
    assert.match(info.canaryOwner ?? '', /Thinkst/);
  });

  it('marks configured canary and own accounts', () => {
    const id = keyIdFor('AKIA', '111122223333', seededRandom(2));
    assert.equal(describeKeyId(id).canary, undefined);
    assert.equal(describeKeyId(id, { canaryAccounts: ['111122223333'] }).canary, true);
    assert.equal(describeKeyId(id, { ownAccounts: ['111122223333'] }).ownAccount, true);
  });
});
