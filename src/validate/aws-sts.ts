// One STS GetCallerIdentity call for a key pair (SigV4-signed POST sent with fetch), and what its answer means.
import type { Verdict } from '../types.js';
import { UsageError } from '../errors.js';
import { signRequest, type AwsCredentials } from './sign.js';
import { parseStsResponse } from './response.js';
import { boundedFetch, unansweredReason } from './http.js';
import { routeUrl, type EndpointOverride } from './override.js';

export const STS_BODY = 'Action=GetCallerIdentity&Version=2011-06-15';
const GLOBAL_ENDPOINT = 'https://sts.amazonaws.com/';
/** Longest answer we read; STS answers are well under 2 KB. */
const MAX_BODY = 64 * 1024;

export interface StsEndpoint {
  url: URL;
  /** Region the request is signed for. */
  region: string;
  /** Where the endpoint came from, for notices. */
  source: 'AWS_ENDPOINT_URL_STS' | 'AWS_ENDPOINT_URL' | 'global' | 'regional' | 'override';
  /** The host that sees the call, as reports name it (the provider's, under the tests' override). */
  host: string;
}

/** AWS SDK convention: AWS_ENDPOINT_URL_STS, then AWS_ENDPOINT_URL; else the global endpoint (us-east-1) or the regional one. */
export function resolveStsEndpoint(env: NodeJS.ProcessEnv, region: string, override?: EndpointOverride): StsEndpoint {
  const standard = region === 'us-east-1' ? 'sts.amazonaws.com' : `sts.${region}.amazonaws.com`;
  if (override) return { url: new URL(routeUrl(standard, '/', override)), region, source: 'override', host: standard };
  for (const name of ['AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL'] as const) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new UsageError(`${name}=${value}: not a URL`, `set it to e.g. https://sts.${region}.amazonaws.com or unset it`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`${name}=${value}: only http and https endpoints are supported`, 'use an https:// URL');
    return { url, region, source: name, host: url.host };
  }
  if (region === 'us-east-1') return { url: new URL(GLOBAL_ENDPOINT), region, source: 'global', host: standard };
  return { url: new URL(`https://${standard}/`), region, source: 'regional', host: standard };
}

/** What came back, before interpretation. */
export type StsOutcome =
  | { kind: 'identity'; arn: string; accountId: string; userId: string }
  | { kind: 'error'; status: number; code: string }
  | { kind: 'http'; status: number }
  | { kind: 'timeout'; ms: number }
  | { kind: 'network'; detail: string }
  /** No answer to interpret: too large, redirected, network failure (the reason says which). */
  | { kind: 'unanswered'; reason: string };

export interface CallOptions {
  endpoint: StsEndpoint;
  timeoutMs: number;
  userAgent: string;
  /** Test seam: a fixed signing time. */
  now?: () => Date;
}

export async function callGetCallerIdentity(credentials: AwsCredentials, options: CallOptions): Promise<StsOutcome> {
  const { url, region } = options.endpoint;
  const request = {
    method: 'POST',
    protocol: url.protocol as 'http:' | 'https:',
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: STS_BODY,
  };
  const signed = await signRequest(request, credentials, { region, service: 'sts', signingDate: options.now?.() ?? new Date() });
  // fetch sets Host itself from the URL (the value we signed); a forbidden header must not be passed.
  const { host: _host, ...headers } = signed;
  // Never follows a redirect with signed credentials attached; the body is capped (a gzip bomb grew to 935 MB).
  const outcome = await boundedFetch(
    { url: new URL(url.pathname, url.origin), method: 'POST', headers: { ...headers, 'user-agent': options.userAgent }, body: STS_BODY },
    { timeoutMs: options.timeoutMs, maxBodyBytes: MAX_BODY },
  );
  if (outcome.kind === 'timeout') return { kind: 'timeout', ms: outcome.ms };
  if (outcome.kind !== 'response') return { kind: 'unanswered', reason: unansweredReason(outcome) as string };
  const parsed = parseStsResponse(outcome.body);
  if (outcome.status === 200 && 'identity' in parsed) return { kind: 'identity', ...parsed.identity };
  if ('error' in parsed) return { kind: 'error', status: outcome.status, code: parsed.error.code };
  return { kind: 'http', status: outcome.status };
}

const INVALID_CODES: Record<string, string> = {
  InvalidClientTokenId: 'InvalidClientTokenId: AWS does not know this key id (never issued, deleted or deactivated)',
  SignatureDoesNotMatch: 'SignatureDoesNotMatch: the key id exists but this secret is wrong',
  ExpiredToken: 'ExpiredToken: the session token has expired (the credentials were real)',
  ExpiredTokenException: 'ExpiredToken: the session token has expired (the credentials were real)',
};

const UNKNOWN_CODES: Record<string, string> = {
  Throttling: 'Throttling: STS rate-limited the call; try again later',
  ThrottlingException: 'Throttling: STS rate-limited the call; try again later',
  RequestExpired: "RequestExpired: this machine's clock is more than 15 minutes off; fix the clock and validate again",
  AccessDenied: 'AccessDenied: unexpected for GetCallerIdentity; the key may be live',
  IncompleteSignature: 'IncompleteSignature: keyfence built a bad request (please report it)',
  MissingAuthenticationToken: 'MissingAuthenticationToken: keyfence built a bad request (please report it)',
};

/** Only answers that prove something become valid/invalid; everything else stays unknown. */
export function verdictFor(outcome: StsOutcome): Verdict {
  switch (outcome.kind) {
    case 'identity':
      return { status: 'valid', arn: outcome.arn, accountId: outcome.accountId, userId: outcome.userId };
    case 'error': {
      const invalid = INVALID_CODES[outcome.code];
      if (invalid && outcome.status >= 400 && outcome.status < 500) return { status: 'invalid', reason: invalid };
      const known = UNKNOWN_CODES[outcome.code];
      if (known) return { status: 'unknown', reason: known };
      if (outcome.status >= 500) return { status: 'unknown', reason: `${outcome.code} (HTTP ${outcome.status}): STS service error; try again later` };
      return { status: 'unknown', reason: `${outcome.code} (HTTP ${outcome.status}): unexpected answer from STS` };
    }
    case 'http':
      if (outcome.status >= 500) return { status: 'unknown', reason: `HTTP ${outcome.status}: STS service error; try again later` };
      return { status: 'unknown', reason: `HTTP ${outcome.status}: unexpected answer from STS` };
    case 'timeout':
      return { status: 'unknown', reason: `timeout: no answer within ${outcome.ms} ms` };
    case 'network':
      return { status: 'unknown', reason: `network error: ${outcome.detail}` };
    case 'unanswered':
      return { status: 'unknown', reason: outcome.reason };
  }
}
