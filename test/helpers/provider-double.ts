// One loopback server standing in for every provider keyfence checks live (KEYFENCE_VALIDATE_ENDPOINT_OVERRIDE sends
// https://HOST/path to http://127.0.0.1:PORT/HOST/path). It answers as each provider documents (provider-answers.ts),
// knows only the credentials a test registers, and plays the hostile cases: rate limits, 5xx, slowness, a huge body
// and a redirect to another host.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROVIDERS, type DoubleAnswer, type DoubleRequest, type ProviderAnswers } from './provider-answers.js';

export type Behaviour = 'live' | 'rate-limited' | 'server-error' | 'slow' | 'huge' | 'redirect';

export interface RecordedRequest extends DoubleRequest {
  rules: string[];
  answered: Behaviour | 'dead' | 'problem';
}

export interface ProviderDouble {
  /** What KEYFENCE_VALIDATE_ENDPOINT_OVERRIDE must hold. */
  base: string;
  /** The provider knows this credential at `host` (as `entry.credential` reads it) and answers it so. */
  know: (host: string, credential: string, behaviour: Behaviour) => void;
  forget: () => void;
  requests: RecordedRequest[];
  /** Requests no provider would take: unknown endpoint, wrong method, malformed. A validator bug, always. */
  problems: string[];
  /** Most requests the double held at once. */
  readonly maxInFlight: number;
  close: () => Promise<void>;
}

const HUGE = JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) });

export function findProvider(host: string, method: string, path: string): ProviderAnswers | undefined {
  return PROVIDERS.find((p) => (p.hosts.includes(host) || (p.tenantSuffix !== undefined && host.endsWith(p.tenantSuffix))) && p.method === method && p.path.test(path));
}

function send(res: ServerResponse, answer: DoubleAnswer): void {
  const text = answer.text ?? JSON.stringify(answer.body ?? {});
  res.writeHead(answer.status, { 'content-type': answer.text !== undefined ? 'text/plain' : 'application/json', ...answer.headers });
  res.end(text);
}

export async function startProviderDouble(options: { slowMs?: number } = {}): Promise<ProviderDouble> {
  const known = new Map<string, Behaviour>();
  const requests: RecordedRequest[] = [];
  const problems: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;

  function handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://double');
    const [, host = '', ...rest] = url.pathname.split('/');
    const request: DoubleRequest = { method: req.method ?? '', host, path: `/${rest.join('/')}`, query: url.searchParams, headers: req.headers, body };
    const provider = findProvider(host, request.method, request.path);
    const record: RecordedRequest = { ...request, rules: provider?.rules ?? [], answered: 'problem' };
    requests.push(record);
    if (!provider) {
      problems.push(`${request.method} ${host}${request.path}: no provider documents this endpoint`);
      return send(res, { status: 404, body: { message: 'not an endpoint of the double' } });
    }
    if (provider.requires && !provider.requires(request)) {
      problems.push(`${request.method} ${host}${request.path}: the request lacks what ${provider.rules[0]}'s provider requires`);
      return send(res, { status: 400, body: { message: 'malformed request' } });
    }
    const credential = provider.credential(request);
    const behaviour = credential === undefined ? undefined : known.get(`${host}\0${credential}`);
    record.answered = behaviour ?? 'dead';
    switch (behaviour) {
      case undefined:
        return send(res, provider.dead);
      case 'live':
        return send(res, provider.live);
      case 'rate-limited':
        return send(res, { status: 429, body: { message: 'rate limited' }, headers: { 'retry-after': '60' } });
      case 'server-error':
        return send(res, { status: 503, text: 'Service Unavailable' });
      case 'huge':
        return send(res, { status: 200, text: HUGE });
      case 'redirect':
        res.writeHead(302, { location: 'http://127.0.0.2:9/elsewhere' });
        return void res.end();
      case 'slow':
        setTimeout(() => {
          if (!res.destroyed) send(res, provider.live);
        }, options.slowMs ?? 10_000).unref();
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    know: (host, credential, behaviour) => known.set(`${host}\0${credential}`, behaviour),
    forget: () => known.clear(),
    requests,
    problems,
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
