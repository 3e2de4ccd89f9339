// boundedFetch against loopback servers that misbehave: huge bodies, a gzip bomb, a slow drip, redirects elsewhere.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { boundedFetch, unansweredReason, type HttpLimits, type HttpOutcome } from '../../src/validate/http.js';

const MiB = 1024 * 1024;
// 64 MiB of zeros in about 64 KB: what a hostile endpoint sends to make a client inflate it.
const BOMB = gzipSync(Buffer.alloc(64 * MiB));

interface Served {
  /** Bytes the handler managed to write before the client went away (or finished). */
  written: number;
  requests: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse, served: Served, other: string) => unknown;

/** Writes `total` bytes in 64 KiB chunks, waiting for the client to drain each: stops once the client is gone. */
async function stream(res: ServerResponse, served: Served, total: number): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  while (served.written < total && !res.destroyed) {
    served.written += chunk.length;
    if (!res.write(chunk)) await new Promise((r) => res.once('drain', r).once('close', r));
  }
  res.end();
}

const handlers: Record<string, Handler> = {
  '/ok': (_req, res) => res.end('<Result>fine</Result>'),
  '/huge': (_req, res, served) => stream(res, served, 1024 * MiB),
  '/huge-declared': (_req, res, served) => {
    res.setHeader('content-length', String(1024 * MiB));
    return stream(res, served, 1024 * MiB);
  },
  '/bomb': (_req, res, served) => {
    res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/xml' });
    served.written += BOMB.length;
    res.end(BOMB);
  },
  '/drip': (_req, res, served) => {
    const timer = setInterval(() => {
      if (res.destroyed || served.written > 10_000) return clearInterval(timer);
      served.written++;
      res.write('a');
    }, 20);
    res.on('close', () => clearInterval(timer));
  },
  '/elsewhere': (_req, res, _served, other) => res.writeHead(302, { location: `${other}/ok` }).end(),
  '/here': (_req, res) => res.writeHead(307, { location: '/ok' }).end(),
  '/loop': (_req, res) => res.writeHead(302, { location: '/loop' }).end(),
};

function listen(host: string, served: Served, other: () => string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    served.requests++;
    const handler = handlers[req.url ?? ''];
    if (!handler) return void res.writeHead(404).end();
    void handler(req, res, served, other());
  });
  return new Promise((resolve) => server.listen(0, host, () => resolve({ server, url: `http://${host}:${(server.address() as AddressInfo).port}` })));
}

interface Case {
  name: string;
  path: string;
  limits?: Partial<HttpLimits>;
  want: HttpOutcome['kind'];
  reason?: RegExp;
  body?: string;
  /** The server must have stopped sending early (the client aborted the stream). */
  writtenBelow?: number;
  /** Requests the other host may have seen. */
  otherRequests?: number;
}

const cases: Case[] = [
  { name: 'a small answer is read whole', path: '/ok', want: 'response', body: '<Result>fine</Result>' },
  { name: 'an endless body stops at the cap and the download is aborted', path: '/huge', want: 'too-large', reason: /^answer too large: over 64 KB \(HTTP 200\), not read further$/, writtenBelow: 64 * MiB },
  { name: 'a declared length over the cap is refused before reading', path: '/huge-declared', want: 'too-large', writtenBelow: 64 * MiB },
  { name: 'a gzip bomb is capped on its decoded size (64 MiB from 64 KB)', path: '/bomb', want: 'too-large', reason: /^answer too large/ },
  { name: 'a server dripping a byte at a time ends at the deadline', path: '/drip', limits: { timeoutMs: 300 }, want: 'timeout', reason: /^timeout: no answer within 300 ms$/ },
  { name: 'a redirect to another host is not followed, even when redirects are allowed', path: '/elsewhere', limits: { maxRedirects: 3 }, want: 'redirect', reason: /^HTTP 302: redirected to another host; not followed$/, otherRequests: 0 },
  { name: 'a redirect is not followed by default', path: '/here', want: 'redirect', reason: /^HTTP 307: redirected; not followed$/ },
  { name: 'a same-origin redirect is followed when allowed', path: '/here', limits: { maxRedirects: 1 }, want: 'response', body: '<Result>fine</Result>' },
  { name: 'a redirect loop ends after the allowed hops', path: '/loop', limits: { maxRedirects: 3 }, want: 'redirect' },
];

describe('validate/http boundedFetch', () => {
  const served: Served = { written: 0, requests: 0 };
  const otherServed: Served = { written: 0, requests: 0 };
  let main: { server: Server; url: string };
  let other: { server: Server; url: string };
  before(async () => {
    // 127.0.0.2 is loopback too, but another origin.
    other = await listen('127.0.0.2', otherServed, () => '');
    main = await listen('127.0.0.1', served, () => other.url);
  });
  after(async () => {
    main.server.closeAllConnections();
    other.server.closeAllConnections();
    await Promise.all([new Promise((r) => main.server.close(r)), new Promise((r) => other.server.close(r))]);
  });

  for (const c of cases) {
    it(c.name, async () => {
      served.written = 0;
      otherServed.requests = 0;
      const outcome = await boundedFetch({ url: new URL(c.path, main.url) }, { timeoutMs: 10_000, maxBodyBytes: 64 * 1024, ...c.limits });
      assert.equal(outcome.kind, c.want, JSON.stringify({ ...outcome, body: undefined }));
      if (c.reason) assert.match(unansweredReason(outcome) ?? '', c.reason);
      if (c.body !== undefined) assert.equal(outcome.kind === 'response' ? outcome.body : undefined, c.body);
      if (c.writtenBelow !== undefined) {
        // Give the server a moment to notice the closed socket.
        await new Promise((r) => setTimeout(r, 50));
        assert.ok(served.written < c.writtenBelow, `the server wrote ${served.written} bytes`);
      }
      if (c.otherRequests !== undefined) assert.equal(otherServed.requests, c.otherRequests);
    });
  }

  it('a refused connection is a network outcome naming the cause, not a throw', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const outcome = await boundedFetch({ url: new URL(`http://127.0.0.1:${port}/`) }, { timeoutMs: 5000, maxBodyBytes: 1024 });
    assert.equal(outcome.kind, 'network');
    assert.match(unansweredReason(outcome) ?? '', /^network error: connection refused \(ECONNREFUSED\)$/);
  });
});
