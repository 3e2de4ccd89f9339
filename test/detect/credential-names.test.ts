// The name lexicon: head words, qualifiers, compounds and the negative list.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { judgeName, nameWords } from '../../src/detect/credential-names.js';

describe('credential names', () => {
  const credential = [
    ['password', 'password'], ['DB_PASSWORD', 'password'], ['db_password_prod', 'password'], ['passwd', 'passwd'], ['pwd', 'pwd'],
    ['secret', 'secret'], ['client_secret', 'secret'], ['token', 'token'], ['accessToken', 'token'], ['tokens', 'tokens'],
    ['api_key', 'key'], ['apikey', 'key'], ['X-Api-Key', 'key'], ['acme_key', 'key'], ['secretAccessKey', 'key'], ['AUTH_KEY', 'key'],
    ['credentials', 'credentials'], ['keyAuth', 'auth'], ['Authorization', 'authorization'], ['salt', 'salt'], ['pepper', 'pepper'],
    ['oauth_nonce', 'nonce'], ['seed', 'seed'], ['api_key_2', 'key'], ['config.password', 'password'], ['Apitoken', 'token'],
    ['private_key', 'key'], ['signing_key', 'key'], ['passphrase', 'passphrase'], ['password_confirmation', 'password'],
    ['passwordRepeat', 'password'], ['ses_smtp_password_v4', 'password'], ['PGPASSWORD', 'password'], ['MYSQLPWD', 'pwd'],
    ['SSHPASS', 'pass'],
    ['oauth_verifier', 'verifier'], ['code_verifier', 'verifier'], ['credpassword', 'password'], ['access_key', 'key'],
    ['AWS_SECRET_ACCESS_KEY', 'key'], ['credential', 'credential'], ['smtp_credential', 'credential'],
  ];
  for (const [name, head] of credential) it(`takes ${name} as a credential name (head ${head})`, () => assert.equal(judgeName(name as string)?.head, head));

  const notCredential = [
    'password_hint', 'token_url', 'key_id', 'secret_name', 'api_key_path', 'password_file', 'password_length', 'password_policy',
    'public_key', 'publicKey', 'token_type', 'next_token', 'max_tokens', 'sort_key', 'cache_key', 'hashed_secret', 'encrypted_password',
    'tokenizer', 'bypass', 'compass', 'passenger', 'keyboard', 'monkey', 'primary_key', 'recv-keys', 'install-key', 'import_key', 'releaseManagerKey', 'username',
  ];
  for (const name of notCredential) it(`does not take ${name} as a credential name`, () => assert.equal(judgeName(name), null));

  it('splits camelCase, snake_case, kebab-case, dotted and compound words', () => {
    assert.deepEqual(nameWords('secretAccessKey'), ['secret', 'access', 'key']);
    assert.deepEqual(nameWords('spring.datasource.password'), ['spring', 'datasource', 'password']);
    assert.deepEqual(nameWords('X-Api-Key'), ['x', 'api', 'key']);
    assert.deepEqual(nameWords('dbpassword'), ['db', 'password']);
    assert.deepEqual(nameWords('AWSSecretKey'), ['aws', 'secret', 'key']);
    assert.deepEqual(nameWords('XMLHttpRequest'), ['xml', 'http', 'request']);
  });

  const capitalsThenCredentialWord: [string, string[]][] = [
    ['buttercmsPRIVATEkey', ['buttercms', 'private', 'key']],
    ['APIkey', ['api', 'key']],
    ['SMTPpassword', ['smtp', 'password']],
    ['JWTsecret', ['jwt', 'secret']],
    ['URLs', ['ur', 'ls']],
  ];
  for (const [name, words] of capitalsThenCredentialWord) it(`splits ${name} after its capitals only when a credential word follows in lower case`, () => {
    assert.deepEqual(nameWords(name), words);
  });
});
