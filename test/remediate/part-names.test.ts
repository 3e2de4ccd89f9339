// partNames (through suggestRemedy): an AWS key id and its secret always share one set of names: the standard ones,
// the block's name as a prefix, or one number; a session token under a pair takes the pair's set.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { suggestRemedy } from '../../src/remediate/env-var.js';
import type { NamedSets } from '../../src/remediate/part-names.js';
import type { Rule } from '../../src/types.js';
import { accountFor, keyIdFor, secretKey, seededRandom, sessionToken } from '../helpers/aws-keys.js';
import { makeFinding } from './finding.js';

const rule = (id: string, envVar: string): Rule => ({ id, provider: 'aws', description: '', severity: 'high', regex: '', keywords: [], remediation: { envVar }, examples: { match: [], noMatch: [] } });
const PAIR = rule('aws-access-key-pair', 'AWS_SECRET_ACCESS_KEY');
const KEY_ID = rule('aws-access-key-id', 'AWS_ACCESS_KEY_ID');
const TOKEN = rule('aws-session-token', 'AWS_SESSION_TOKEN');

interface Credential {
  kind: 'pair' | 'id' | 'token';
  /** The file's lines; `{id}`, `{secret}` and `{token}` stand for generated values. */
  lines: string[];
}

/** The names each credential of `files` gets, in order: a pair as "SECRET_NAME ID_NAME". */
function namesIn(files: Record<string, Credential[]>, taken = new Map<string, string>()): string[][] {
  const random = seededRandom(5);
  const sets: NamedSets = new Map();
  const out: string[][] = [];
  for (const [file, credentials] of Object.entries(files)) {
    const values = credentials.map((_, i) => ({ id: keyIdFor('AKIA', accountFor(i + 1), random), secret: secretKey(random), token: sessionToken(random) }));
    const lines = credentials.flatMap((c, i) => c.lines.map((l) => l.replace('{id}', values[i]?.id as string).replace('{secret}', values[i]?.secret as string).replace('{token}', values[i]?.token as string)));
    const fileText = `${lines.join('\n')}\n`;
    let at = 0;
    const names: string[] = [];
    credentials.forEach((c, i) => {
      const v = values[i] as { id: string; secret: string; token: string };
      const own = lines.slice(at, at + c.lines.length);
      const lineOf = (value: string): number => at + own.findIndex((l) => l.includes(value)) + 1;
      const lineText = (value: string): string => lines[lineOf(value) - 1] as string;
      const finding =
        c.kind === 'pair'
          ? makeFinding({ file, lineText: lineText(v.secret), secret: v.secret, line: lineOf(v.secret), ruleId: PAIR.id, paired: { id: v.id, line: lineOf(v.id), lineText: lineText(v.id) } })
          : c.kind === 'id'
            ? makeFinding({ file, lineText: lineText(v.id), secret: v.id, line: lineOf(v.id) })
            : makeFinding({ file, lineText: lineText(v.token), secret: v.token, line: lineOf(v.token), ruleId: TOKEN.id });
      const remedy = suggestRemedy({ finding, rule: c.kind === 'pair' ? PAIR : c.kind === 'id' ? KEY_ID : TOKEN, fileText, taken, sets });
      names.push(remedy.env.map((e) => e.name).join(' ') || remedy.suggestion.envVar);
      at += c.lines.length;
    });
    out.push(names);
  }
  return out;
}

const objectPair = (name: string): Credential => ({ kind: 'pair', lines: [`const ${name} = { accessKeyId: '{id}', secretAccessKey: '{secret}' };`] });
const kwargsPair: Credential = { kind: 'pair', lines: ["s3 = boto3.client('s3', aws_access_key_id='{id}',", "    aws_secret_access_key='{secret}')"] };

describe('remediate/part-names', () => {
  const cases: [string, Record<string, Credential[]>, string[][]][] = [
    [
      'gives the first pair the standard names and later ones their block names, after a lone key id',
      { 'app.js': [{ kind: 'id', lines: ["const lone = '{id}';"] }, objectPair('prod'), objectPair('staging')] },
      [['AWS_ACCESS_KEY_ID', 'PROD_AWS_SECRET_ACCESS_KEY PROD_AWS_ACCESS_KEY_ID', 'STAGING_AWS_SECRET_ACCESS_KEY STAGING_AWS_ACCESS_KEY_ID']],
    ],
    [
      'numbers pairs without a block name as whole sets',
      { 'a.py': [kwargsPair, kwargsPair, kwargsPair] },
      [['AWS_SECRET_ACCESS_KEY AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY_2 AWS_ACCESS_KEY_ID_2', 'AWS_SECRET_ACCESS_KEY_3 AWS_ACCESS_KEY_ID_3']],
    ],
    [
      'gives a session token under a pair the pair\'s set',
      { 'a.py': [kwargsPair, { kind: 'token', lines: ['token = "{token}"'] }, kwargsPair, kwargsPair, { kind: 'token', lines: ['token = "{token}"'] }] },
      [['AWS_SECRET_ACCESS_KEY AWS_ACCESS_KEY_ID', 'AWS_SESSION_TOKEN', 'AWS_SECRET_ACCESS_KEY_2 AWS_ACCESS_KEY_ID_2', 'AWS_SECRET_ACCESS_KEY_3 AWS_ACCESS_KEY_ID_3', 'AWS_SESSION_TOKEN_3']],
    ],
  ];
  for (const [name, files, want] of cases) it(name, () => assert.deepEqual(namesIn(files), want));

  it('keeps a pair together when .env holds another key under the standard id name', () => {
    const taken = new Map([['AWS_ACCESS_KEY_ID', 'held-by-env']]);
    assert.deepEqual(namesIn({ 'a.py': [kwargsPair] }, taken), [['AWS_SECRET_ACCESS_KEY_2 AWS_ACCESS_KEY_ID_2']]);
  });
});
