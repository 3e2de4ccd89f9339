import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assignedKey, envVarFromKey, envVarFromRuleId, uniqueName } from '../../src/remediate/naming.js';
import { baseEnvVar } from '../../src/remediate/env-var.js';
import type { Rule } from '../../src/types.js';

const fromKey: { name: string; key: string; want: string }[] = [
  { name: 'upper-cases snake_case', key: 'db_password', want: 'DB_PASSWORD' },
  { name: 'splits camelCase', key: 'stripeKey', want: 'STRIPE_KEY' },
  { name: 'splits PascalCase with an acronym', key: 'AWSSecretKey', want: 'AWS_SECRET_KEY' },
  { name: 'keeps digits with their word', key: 'apiKeyV2', want: 'API_KEY_V2' },
  { name: 'turns dots and dashes into underscores', key: 'api.key-v2', want: 'API_KEY_V2' },
  { name: 'keeps an upper snake name', key: 'AWS_SECRET_ACCESS_KEY', want: 'AWS_SECRET_ACCESS_KEY' },
  { name: 'prefixes a name that would start with a digit', key: '2fa_secret', want: '_2FA_SECRET' },
  { name: 'gives nothing for punctuation only', key: '--', want: '' },
];

const keys: { name: string; line: string; literal: string; want: string | undefined }[] = [
  { name: 'finds a Python assignment', line: 'db_password = "s3cr3tvalue"', literal: 's3cr3tvalue', want: 'db_password' },
  { name: 'finds a JS object property', line: '  stripeKey: "s3cr3tvalue",', literal: 's3cr3tvalue', want: 'stripeKey' },
  { name: 'finds a quoted JSON key', line: '  "apiToken": "s3cr3tvalue"', literal: 's3cr3tvalue', want: 'apiToken' },
  { name: 'finds a PHP array key', line: "  'secret' => 's3cr3tvalue',", literal: 's3cr3tvalue', want: 'secret' },
  { name: 'finds a Go short declaration', line: 'token := "s3cr3tvalue"', literal: 's3cr3tvalue', want: 'token' },
  { name: 'finds a PHP variable', line: '$apiKey = "s3cr3tvalue";', literal: 's3cr3tvalue', want: 'apiKey' },
  { name: 'finds a bare .env value', line: 'SLACK_TOKEN=s3cr3tvalue', literal: 's3cr3tvalue', want: 'SLACK_TOKEN' },
  { name: 'keeps the last two parts of a dotted key', line: 'spring.datasource.password=s3cr3tvalue', literal: 's3cr3tvalue', want: 'datasource_password' },
  { name: 'finds nothing in a function call', line: 'connect("s3cr3tvalue")', literal: 's3cr3tvalue', want: undefined },
];

const generic: Rule = { id: 'generic-api-key', provider: 'generic', description: '', severity: 'medium', regex: '', keywords: [], generic: true, remediation: { envVar: 'API_KEY' }, examples: { match: [], noMatch: [] } };
const aws: Rule = { ...generic, id: 'aws-access-key-id', provider: 'aws', generic: false, remediation: { envVar: 'AWS_ACCESS_KEY_ID' } };

describe('remediate/naming', () => {
  for (const c of fromKey) it(`envVarFromKey ${c.name}`, () => assert.equal(envVarFromKey(c.key), c.want));
  for (const c of keys) it(`assignedKey ${c.name}`, () => assert.equal(assignedKey(c.line, c.line.indexOf(c.literal) + 1), c.want));
  it('names a rule id as a fallback', () => assert.equal(envVarFromRuleId('generic-api-key'), 'GENERIC_API_KEY'));
  it('takes a specific rule its own env var, whatever the key', () => assert.equal(baseEnvVar(aws, aws.id, 'myKey = "x"', 9), 'AWS_ACCESS_KEY_ID'));
  it('names a generic rule after the key it is assigned to', () => assert.equal(baseEnvVar(generic, generic.id, 'stripeKey = "x"', 14), 'STRIPE_KEY'));
  it('names a generic rule after its data when there is no key', () => assert.equal(baseEnvVar(generic, generic.id, 'call("x")', 7), 'API_KEY'));
  it('names a rule without data after its id when there is no key', () => assert.equal(baseEnvVar(undefined, 'custom-token', 'call("x")', 7), 'CUSTOM_TOKEN'));
  it('keeps a name for the same value and numbers it for another', () => {
    const taken = new Map<string, string>();
    assert.equal(uniqueName('API_KEY', 'a', taken), 'API_KEY');
    assert.equal(uniqueName('API_KEY', 'a', taken), 'API_KEY');
    assert.equal(uniqueName('API_KEY', 'b', taken), 'API_KEY_2');
    assert.equal(uniqueName('API_KEY', 'c', taken), 'API_KEY_3');
  });
});
