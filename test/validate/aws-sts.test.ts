// STS GetCallerIdentity against a loopback STS that verifies every signature: each answer and its verdict.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { callGetCallerIdentity, resolveStsEndpoint, verdictFor, type StsEndpoint } from '../../src/validate/aws-sts.js';
import type { AwsCredentials } from '../../src/validate/sign.js';
import type { Verdict } from '../../src/types.js';
import { generateKeyId, generateSecret, generateSessionToken, startFakeSts, type FakePair, type FakeSts } from '../helpers/fake-sts.js';

function pair(behaviour: FakePair['behaviour'], prefix = 'AKIA'): FakePair {
  return { keyId: generateKeyId(prefix), secret: generateSecret(), behaviour, ...(prefix === 'ASIA' ? { sessionToken: generateSessionToken() } : {}) };
}

const live = { ...pair('ok'), arn: 'arn:aws:iam::210987654321:user/deploy/alice', account: '210987654321', userId: 'AIDA' + 'EXAMPLEUSERIDQ3EG' };
const temporary = { ...pair('ok', 'ASIA'), arn: 'arn:aws:sts::210987654321:assumed-role/ci/session-1', account: '210987654321' };
const expired = pair('expired-token', 'ASIA');
const throttled = pair('throttle');
const broken = pair('server-error');
const slow = pair('slow');
const reset = pair('reset');
const skewed = pair('request-expired');
const bomb = pair('gzip-bomb');
const redirected = pair('redirect-elsewhere');
const pairs = [live, temporary, expired, throttled, broken, slow, reset, skewed, bomb, redirected];

function creds(p: FakePair, override: Partial<AwsCredentials> = {}): AwsCredentials {
  return { accessKeyId: p.keyId, secretAccessKey: p.secret, ...(p.sessionToken ? { sessionToken: p.sessionToken } : {}), ...override };
}

interface Case {
  name: string;
  credentials: () => AwsCredentials;
  want: Partial<Verdict>;
  reason?: RegExp;
}

const cases: Case[] = [
  { name: 'a known pair is valid, with the ARN, account and user id', credentials: () => creds(live), want: { status: 'valid', arn: live.arn, accountId: '210987654321', userId: live.userId } },
  { name: 'temporary credentials with their session token are valid', credentials: () => creds(temporary), want: { status: 'valid', arn: temporary.arn } },
  { name: 'an unknown key id is invalid (InvalidClientTokenId)', credentials: () => creds(pair('ok')), want: { status: 'invalid' }, reason: /^InvalidClientTokenId: / },
  { name: 'a known key id with a wrong secret is invalid and says the key id exists', credentials: () => creds(live, { secretAccessKey: generateSecret() }), want: { status: 'invalid' }, reason: /^SignatureDoesNotMatch: the key id exists but this secret is wrong$/ },
  { name: 'temporary credentials with a wrong session token are invalid', credentials: () => creds(temporary, { sessionToken: generateSessionToken() }), want: { status: 'invalid' }, reason: /^InvalidClientTokenId/ },
  { name: 'an expired session token is invalid (ExpiredToken)', credentials: () => creds(expired), want: { status: 'invalid' }, reason: /^ExpiredToken: / },
  { name: 'throttling is unknown, never invalid', credentials: () => creds(throttled), want: { status: 'unknown' }, reason: /^Throttling/ },
  { name: 'an HTTP 500 is unknown', credentials: () => creds(broken), want: { status: 'unknown' }, reason: /^HTTP 500/ },
  { name: 'no answer within the timeout is unknown', credentials: () => creds(slow), want: { status: 'unknown' }, reason: /^timeout: no answer within 300 ms$/ },
  { name: 'a connection reset is unknown (network error)', credentials: () => creds(reset), want: { status: 'unknown' }, reason: /^network error: / },
  { name: 'a gzip bomb is unknown: read to the 64 KB cap of its decoded size, never inflated whole', credentials: () => creds(bomb), want: { status: 'unknown' }, reason: /^answer too large: over 64 KB \(HTTP 200\), not read further$/ },
  { name: 'a redirect to another host is unknown and not followed', credentials: () => creds(redirected), want: { status: 'unknown' }, reason: /^HTTP 302: redirected to another host; not followed$/ },
  { name: 'RequestExpired (clock skew) is unknown and says to fix the clock', credentials: () => creds(skewed), want: { status: 'unknown' }, reason: /^RequestExpired: .*clock/ },
];

describe('callGetCallerIdentity and verdictFor', () => {
  let sts: FakeSts;
  let endpoint: StsEndpoint;
  before(async () => {
    sts = await startFakeSts({ pairs, slowMs: 3000 });
    endpoint = resolveStsEndpoint({ AWS_ENDPOINT_URL_STS: sts.url }, 'us-east-1');
  });
  after(() => sts.close());

  for (const c of cases) {
    it(c.name, async () => {
      const credentials = c.credentials();
      const verdict = verdictFor(await callGetCallerIdentity(credentials, { endpoint, timeoutMs: 300, userAgent: 'keyfence-test' }));
      for (const [key, value] of Object.entries(c.want)) assert.equal(verdict[key as keyof Verdict], value, key);
      if (verdict.status !== 'valid') assert.equal(verdict.arn, undefined);
      if (c.reason) assert.match(verdict.reason ?? '', c.reason);
      const text = JSON.stringify(verdict);
      for (const secret of [credentials.secretAccessKey, credentials.sessionToken].filter(Boolean) as string[]) assert.ok(!text.includes(secret));
    });
  }

  it('sent only well-formed, signed POSTs with a clear user agent', () => {
    assert.deepEqual(sts.protocolErrors, []);
    assert.ok(sts.requests.length >= cases.length);
    for (const r of sts.requests) assert.equal(r.headers['user-agent'], 'keyfence-test');
  });

  it('signs for the region of a regional endpoint', async () => {
    const regional = await startFakeSts({ pairs: [live], region: 'eu-west-1' });
    try {
      const verdict = verdictFor(await callGetCallerIdentity(creds(live), { endpoint: resolveStsEndpoint({ AWS_ENDPOINT_URL: regional.url }, 'eu-west-1'), timeoutMs: 2000, userAgent: 'keyfence-test' }));
      assert.equal(verdict.status, 'valid');
      assert.deepEqual(regional.protocolErrors, []);
    } finally {
      await regional.close();
    }
  });
});

describe('resolveStsEndpoint', () => {
  const table: { name: string; env: NodeJS.ProcessEnv; region: string; url: string; source: string }[] = [
    { name: 'defaults to the global endpoint for us-east-1', env: {}, region: 'us-east-1', url: 'https://sts.amazonaws.com/', source: 'global' },
    { name: 'uses the regional endpoint for another region', env: {}, region: 'eu-central-1', url: 'https://sts.eu-central-1.amazonaws.com/', source: 'regional' },
    { name: 'prefers AWS_ENDPOINT_URL_STS over AWS_ENDPOINT_URL', env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1/', AWS_ENDPOINT_URL: 'http://127.0.0.1:2/' }, region: 'us-east-1', url: 'http://127.0.0.1:1/', source: 'AWS_ENDPOINT_URL_STS' },
    { name: 'falls back to AWS_ENDPOINT_URL', env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:2' }, region: 'us-east-1', url: 'http://127.0.0.1:2/', source: 'AWS_ENDPOINT_URL' },
    { name: 'ignores an empty AWS_ENDPOINT_URL_STS', env: { AWS_ENDPOINT_URL_STS: '' }, region: 'us-east-1', url: 'https://sts.amazonaws.com/', source: 'global' },
  ];
  for (const c of table) {
    it(c.name, () => {
      const endpoint = resolveStsEndpoint(c.env, c.region);
      assert.equal(endpoint.url.href, c.url);
      assert.equal(endpoint.source, c.source);
      assert.equal(endpoint.region, c.region);
    });
  }

  it('names the variable and the fix when the URL is bad', () => {
    assert.throws(() => resolveStsEndpoint({ AWS_ENDPOINT_URL_STS: 'not a url' }, 'us-east-1'), (error: Error & { hint?: string }) => /^AWS_ENDPOINT_URL_STS=not a url: not a URL$/.test(error.message) && /unset it/.test(error.hint ?? ''));
    assert.throws(() => resolveStsEndpoint({ AWS_ENDPOINT_URL: 'ftp://127.0.0.1/' }, 'us-east-1'), /only http and https/);
  });
});
