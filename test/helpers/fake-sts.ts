// A loopback STS for tests: verifies SigV4 with its own node:crypto code, knows a few key pairs, plays error cases.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

const BOMB_PADDING = Buffer.alloc(4 * 1024 * 1024, ' ');

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
export const STS_BODY = 'Action=GetCallerIdentity&Version=2011-06-15';

function randomChars(alphabet: string, length: number): string {
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** A random 20-char key id; with `account`, one whose offline-decoded account is that account (DOMAIN.md §2.4). */
export function generateKeyId(prefix = 'AKIA', account?: string): string {
  if (account === undefined) {
    // Fifth character I or J means "old format, no account": avoid it so ids decode.
    return prefix + randomChars('ABCDEFGH', 1) + randomChars(BASE32, 15);
  }
  const low7 = BigInt((randomBytes(1)[0] as number) & 0x7f);
  const bits48 = (BigInt(account) << 7n) | low7;
  const bits50 = (bits48 << 2n) | BigInt((randomBytes(1)[0] as number) & 3);
  let chars = '';
  for (let i = 9; i >= 0; i--) chars += BASE32[Number((bits50 >> BigInt(i * 5)) & 31n)];
  return prefix + chars + randomChars(BASE32, 6);
}

export function generateSecret(): string {
  return randomChars(SECRET_CHARS, 40);
}

/** Shaped like a real session token (the rule wants its base64 "origin_ec"/"aws" marker). */
export function generateSessionToken(): string {
  return 'IQoJb3JpZ2luX2Vj' + randomChars(SECRET_CHARS, 300);
}

export type Behaviour = 'ok' | 'expired-token' | 'throttle' | 'server-error' | 'slow' | 'reset' | 'request-expired' | 'flaky-signature' | 'gzip-bomb' | 'redirect-elsewhere';

export interface FakePair {
  keyId: string;
  secret: string;
  sessionToken?: string;
  behaviour?: Behaviour;
  arn?: string;
  account?: string;
  userId?: string;
}

export interface RecordedRequest {
  keyId: string | undefined;
  at: number;
  method: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** What the server answered with (code or "ok"). */
  answer: string;
}

export interface FakeSts {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Requests that broke the protocol (wrong body, unsigned headers…): a client bug. */
  protocolErrors: string[];
  close: () => Promise<void>;
}

export interface FakeStsOptions {
  pairs: FakePair[];
  region?: string;
  slowMs?: number;
}

// ---- SigV4, written independently of @smithy/signature-v4 ----

function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** RFC 3986 unreserved characters stay; everything else is %XX upper-case. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface ParsedAuthorization {
  keyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return undefined;
  const [, keyId, date, region, service, signed, signature] = match as unknown as string[];
  return { keyId: keyId as string, date: date as string, region: region as string, service: service as string, signedHeaders: (signed as string).split(';'), signature: signature as string };
}

export interface RequestForSignature {
  method: string;
  /** Path and query as sent, e.g. "/" or "/?a=b". */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function canonicalRequest(request: RequestForSignature, signedHeaders: string[]): string {
  const parsed = new URL(request.url, 'http://placeholder');
  const path = parsed.pathname.split('/').map((segment) => uriEncode(segment)).join('/') || '/';
  const query = [...parsed.searchParams]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headerLines = signedHeaders.map((name) => {
    const value = request.headers[name];
    const text = Array.isArray(value) ? value.join(',') : (value ?? '');
    return `${name}:${text.trim().replace(/\s+/g, ' ')}\n`;
  });
  const payloadHash = sha256Hex(request.body);
  return [request.method, path, query, headerLines.join(''), signedHeaders.join(';'), payloadHash].join('\n');
}

export function signatureFor(request: RequestForSignature, auth: Omit<ParsedAuthorization, 'signature' | 'keyId'>, secret: string): string {
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest(request, auth.signedHeaders))].join('\n');
  let key = hmac(`AWS4${secret}`, auth.date);
  for (const part of [auth.region, auth.service, 'aws4_request']) key = hmac(key, part);
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
}

// ---- the server ----

function xmlError(code: string, message: string): string {
  return `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    <Type>Sender</Type>\n    <Code>${code}</Code>\n    <Message>${message}</Message>\n  </Error>\n  <RequestId>${randomBytes(16).toString('hex')}</RequestId>\n</ErrorResponse>\n`;
}

function xmlIdentity(arn: string, userId: string, account: string): string {
  return `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <GetCallerIdentityResult>\n    <Arn>${arn}</Arn>\n    <UserId>${userId}</UserId>\n    <Account>${account}</Account>\n  </GetCallerIdentityResult>\n  <ResponseMetadata>\n    <RequestId>${randomBytes(16).toString('hex')}</RequestId>\n  </ResponseMetadata>\n</GetCallerIdentityResponse>\n`;
}

function amzDateToMs(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
}

export async function startFakeSts(options: FakeStsOptions): Promise<FakeSts> {
  const region = options.region ?? 'us-east-1';
  const pairs = new Map(options.pairs.map((p) => [p.keyId, p]));
  const requests: RecordedRequest[] = [];
  const protocolErrors: string[] = [];
  const seen = new Map<string, number>();
  // Compressed before listening: gzipping per request took longer than a test's 300 ms timeout on a loaded machine.
  const bombs = new Map(
    options.pairs
      .filter((p) => p.behaviour === 'gzip-bomb')
      .map((p) => [p.keyId, gzipSync(Buffer.concat([Buffer.from(xmlIdentity(p.arn ?? `arn:aws:iam::${p.account ?? '123456789012'}:user/ci-deployer`, p.userId ?? 'AIDA' + 'Q3EGRIUBZFZ6PJ5GX', p.account ?? '123456789012')), BOMB_PADDING]))]),
  );

  function answer(res: ServerResponse, status: number, body: string, record: RecordedRequest, label: string): void {
    record.answer = label;
    res.writeHead(status, { 'content-type': 'text/xml' });
    res.end(body);
  }

  function handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const auth = parseAuthorization(req.headers.authorization);
    const record: RecordedRequest = { keyId: auth?.keyId, at: Date.now(), method: req.method ?? '', headers: req.headers, body, answer: '' };
    requests.push(record);
    const protocol = (problem: string): void => {
      protocolErrors.push(problem);
      answer(res, 400, xmlError('FakeStsProtocolError', problem), record, 'protocol-error');
    };
    if (!auth) return answer(res, 403, xmlError('MissingAuthenticationToken', 'Request is missing Authentication Token'), record, 'MissingAuthenticationToken');
    if (req.method !== 'POST') return protocol(`method ${req.method}`);
    if (body !== STS_BODY) return protocol(`body ${JSON.stringify(body)}`);
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return protocol('content-type');
    for (const needed of ['host', 'x-amz-date']) if (!auth.signedHeaders.includes(needed)) return protocol(`${needed} not signed`);
    if (req.headers['x-amz-security-token'] !== undefined && !auth.signedHeaders.includes('x-amz-security-token')) return protocol('x-amz-security-token not signed');
    if (auth.service !== 'sts' || auth.region !== region) return protocol(`scope ${auth.region}/${auth.service}`);
    const when = amzDateToMs(String(req.headers['x-amz-date'] ?? ''));
    if (!(Math.abs(when - Date.now()) < 15 * 60 * 1000)) return answer(res, 400, xmlError('RequestExpired', 'Request has expired.'), record, 'RequestExpired');

    const pair = pairs.get(auth.keyId);
    if (!pair) return answer(res, 403, xmlError('InvalidClientTokenId', 'The security token included in the request is invalid.'), record, 'InvalidClientTokenId');
    const behaviour = pair.behaviour ?? 'ok';
    if (behaviour === 'reset') {
      record.answer = 'reset';
      req.socket.destroy();
      return;
    }
    const expected = signatureFor({ method: req.method, url: req.url ?? '/', headers: req.headers, body }, auth, pair.secret);
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(auth.signature))) {
      return answer(res, 403, xmlError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.'), record, 'SignatureDoesNotMatch');
    }
    if ((req.headers['x-amz-security-token'] ?? undefined) !== pair.sessionToken) {
      return answer(res, 403, xmlError('InvalidClientTokenId', 'The security token included in the request is invalid.'), record, 'InvalidClientTokenId');
    }
    const count = (seen.get(pair.keyId) ?? 0) + 1;
    seen.set(pair.keyId, count);
    const account = pair.account ?? '123456789012';
    const ok = (): void => answer(res, 200, xmlIdentity(pair.arn ?? `arn:aws:iam::${account}:user/ci-deployer`, pair.userId ?? 'AIDA' + 'Q3EGRIUBZFZ6PJ5GX', account), record, 'ok');
    switch (behaviour) {
      case 'expired-token':
        return answer(res, 403, xmlError('ExpiredToken', 'The security token included in the request is expired'), record, 'ExpiredToken');
      case 'throttle':
        return answer(res, 400, xmlError('Throttling', 'Rate exceeded'), record, 'Throttling');
      case 'request-expired':
        return answer(res, 400, xmlError('RequestExpired', 'Request has expired.'), record, 'RequestExpired');
      case 'server-error':
        record.answer = '500';
        res.writeHead(500, { 'content-type': 'text/plain' });
        return void res.end('Internal Server Error');
      case 'slow':
        record.answer = 'slow';
        setTimeout(() => {
          if (!res.destroyed) ok();
        }, options.slowMs ?? 2000).unref();
        return;
      case 'gzip-bomb': {
        // A genuine identity answer, then 4 MiB of padding, gzipped to about 4 KB: read whole, it says "valid".
        record.answer = 'gzip-bomb';
        res.writeHead(200, { 'content-type': 'text/xml', 'content-encoding': 'gzip' });
        return void res.end(bombs.get(pair.keyId));
      }
      case 'redirect-elsewhere':
        record.answer = 'redirect';
        res.writeHead(302, { location: 'http://127.0.0.2:9/' });
        return void res.end();
      case 'flaky-signature':
        // The STS quirk (DOMAIN.md §3.3): a valid pair answered 403 SignatureDoesNotMatch the first time.
        if (count === 1) return answer(res, 403, xmlError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.'), record, 'SignatureDoesNotMatch');
        return ok();
      default:
        return ok();
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    protocolErrors,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
