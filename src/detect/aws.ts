// Offline facts about an AWS access key id: account decoded from the id, key type, canary-token accounts.
import type { AwsInfo } from '../types.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Thinkst canarytokens.org accounts (TruffleHog canary.go, thinkstCanaryList). */
export const THINKST_CANARY_ACCOUNTS: readonly string[] = [
  '052310077262', '171436882533', '534261010715', '595918472158', '717712589309',
  '819147034852', '992382622183', '730335385048', '266735846894', '893192397702',
];

/** Look-alike canary services (TruffleHog canary.go, thinkstKnockoffsCanaryList, plus lists seen in other tools). */
export const KNOCKOFF_CANARY_ACCOUNTS: readonly string[] = [
  '044858866125', '251535659677', '344043088457', '351906852752', '390477818340', '426127672474',
  '427150556519', '439872796651', '445142720921', '465867158099', '637958123769', '693412236332',
  '732624840810', '735421457923', '959235150393', '982842642351', '729780141977', '528757803018',
  '538784191382',
];

/**
 * Decodes the 12-digit account id from a 20-char key id (Beery 2023, Steele 2020).
 * Old-format ids whose 5th character is I or J do not encode it: null.
 */
export function decodeAccountId(keyId: string): string | null {
  if (keyId.length !== 20) return null;
  const fifth = keyId[4];
  if (fifth === 'I' || fifth === 'J') return null;
  // Only the first 10 base32 characters (50 bits) after the prefix matter.
  let bits = 0n;
  for (const ch of keyId.slice(4, 14)) {
    const value = BASE32.indexOf(ch);
    if (value === -1) return null;
    bits = (bits << 5n) | BigInt(value);
  }
  const first48 = bits >> 2n;
  const account = (first48 & 0x7fffffffff80n) >> 7n;
  return account.toString().padStart(12, '0');
}

export function keyTypeOf(keyId: string): AwsInfo['keyType'] {
  const prefix = keyId.slice(0, 4);
  if (prefix === 'AKIA') return 'user';
  if (prefix === 'ASIA') return 'temporary';
  if (prefix === 'ABIA') return 'bearer';
  if (prefix === 'ACCA') return 'context';
  if (prefix.startsWith('A3T')) return 'legacy';
  return 'unknown';
}

export interface AwsAccountLists {
  canaryAccounts?: readonly string[];
  ownAccounts?: readonly string[];
}

export function describeKeyId(keyId: string, lists: AwsAccountLists = {}): AwsInfo {
  const accountId = decodeAccountId(keyId);
  const info: AwsInfo = { accountId, keyType: keyTypeOf(keyId) };
  if (accountId !== null) {
    if (THINKST_CANARY_ACCOUNTS.includes(accountId)) {
      info.canary = true;
      info.canaryOwner = 'Thinkst canarytokens';
    } else if (KNOCKOFF_CANARY_ACCOUNTS.includes(accountId)) {
      info.canary = true;
      info.canaryOwner = 'canary-token service';
    } else if (lists.canaryAccounts?.includes(accountId)) {
      info.canary = true;
      info.canaryOwner = 'configured canary account';
    }
    if (lists.ownAccounts?.includes(accountId)) info.ownAccount = true;
  }
  return info;
}
