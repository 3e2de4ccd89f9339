// The one way validators talk HTTP: fetch to a fixed origin with a deadline, no redirect off that origin, and a cap
// on the decoded body. Every outcome is data (never a throw), and none of it quotes what the server sent.
//
// Why each guard (all measured against a hostile STS): fetch decodes gzip/deflate/br on its own, so `response.text()`
// of a 1 MB gzip bomb grew to 935 MB; the body is therefore read chunk by chunk and the stream aborted at the cap.
// The deadline covers headers and body alike, so a server dripping one byte at a time ends in `timeout`. A redirect
// is only followed within the request's own origin (signed requests and credentials never go to another host).

/** What a validator sends. `url` fixes the origin for the whole exchange. */
export interface HttpRequest {
  url: URL;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpLimits {
  /** Deadline for the whole exchange (connect, headers, body, redirects). */
  timeoutMs: number;
  /** Most bytes of decoded body read; more ends the read with `too-large`. */
  maxBodyBytes: number;
  /** Same-origin redirects followed (default 0: a redirect is an answer, never followed). */
  maxRedirects?: number;
}

/** What came back. `response` is the only kind with a body; the others say why there is none. */
export type HttpOutcome =
  | { kind: 'response'; status: number; headers: Headers; body: string }
  | { kind: 'too-large'; status: number; limit: number }
  | { kind: 'redirect'; status: number; sameOrigin: boolean }
  | { kind: 'timeout'; ms: number }
  | { kind: 'network'; detail: string };

/** Default cap: provider answers to identity checks are well under 8 KB. */
export const DEFAULT_MAX_BODY = 64 * 1024;

const NETWORK_CODES: Record<string, string> = {
  ECONNRESET: 'connection reset',
  UND_ERR_SOCKET: 'connection closed by the server',
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/** undici wraps the socket error as `cause`; its code is the useful part. Only codes we know are named. */
function networkDetail(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code) return NETWORK_CODES[code] ? `${NETWORK_CODES[code]} (${code})` : /^[A-Z0-9_]{2,40}$/.test(code) ? code : 'unknown error';
  return 'request failed';
}

function isAbort(error: unknown): boolean {
  const name = (error as { name?: unknown } | undefined)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** Reads at most `limit` decoded bytes; past that the stream is cancelled (which aborts the download). */
async function readCapped(response: Response, limit: number): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** One exchange under the limits. Throws nothing: network trouble, the deadline and the cap are outcomes. */
export async function boundedFetch(request: HttpRequest, limits: HttpLimits): Promise<HttpOutcome> {
  const origin = request.url.origin;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('deadline', 'TimeoutError')), limits.timeoutMs);
  let url = request.url;
  try {
    for (let hop = 0; ; hop++) {
      const response = await fetch(url, {
        method: request.method ?? 'GET',
        // Ask for no compression; whatever still comes compressed is decoded by fetch and capped below.
        headers: { 'accept-encoding': 'identity', ...request.headers },
        ...(request.body !== undefined ? { body: request.body } : {}),
        redirect: 'manual',
        signal: controller.signal,
      });
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        let next: URL | undefined;
        try {
          next = location ? new URL(location, url) : undefined;
        } catch {
          next = undefined;
        }
        const sameOrigin = next?.origin === origin;
        if (!next || !sameOrigin || hop >= (limits.maxRedirects ?? 0)) return { kind: 'redirect', status: response.status, sameOrigin };
        url = next;
        continue;
      }
      const body = await readCapped(response, limits.maxBodyBytes);
      if (body === undefined) return { kind: 'too-large', status: response.status, limit: limits.maxBodyBytes };
      return { kind: 'response', status: response.status, headers: response.headers, body };
    }
  } catch (error) {
    if (isAbort(error) || controller.signal.aborted) return { kind: 'timeout', ms: limits.timeoutMs };
    return { kind: 'network', detail: networkDetail(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** The `unknown` reason for every outcome that carries no answer to interpret (undefined for `response`). */
export function unansweredReason(outcome: HttpOutcome): string | undefined {
  switch (outcome.kind) {
    case 'response':
      return undefined;
    case 'too-large':
      return `answer too large: over ${Math.round(outcome.limit / 1024)} KB (HTTP ${outcome.status}), not read further`;
    case 'redirect':
      return outcome.sameOrigin ? `HTTP ${outcome.status}: redirected; not followed` : `HTTP ${outcome.status}: redirected to another host; not followed`;
    case 'timeout':
      return `timeout: no answer within ${outcome.ms} ms`;
    case 'network':
      return `network error: ${outcome.detail}`;
  }
}
