// KEYFENCE_VALIDATE_ENDPOINT_OVERRIDE, for tests only: every validator's request goes to one loopback server instead
// of the provider, as http://127.0.0.1:PORT/<provider host>/<path>. Anything but loopback is refused.
import { UsageError } from '../errors.js';

export const OVERRIDE_VAR = 'KEYFENCE_VALIDATE_ENDPOINT_OVERRIDE';

export interface EndpointOverride {
  /** http://127.0.0.1:PORT (no trailing slash), with the override's own path prefix if it had one. */
  base: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The override the environment asks for, or undefined; a URL that is not loopback stops the run (exit 2). */
export function endpointOverride(env: NodeJS.ProcessEnv): EndpointOverride | undefined {
  const value = env[OVERRIDE_VAR];
  if (value === undefined || value === '') return undefined;
  const fix = 'it exists for tests: point it at a loopback test server (http://127.0.0.1:PORT) or unset it';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${OVERRIDE_VAR}: not a URL`, fix);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${OVERRIDE_VAR}: only http and https URLs`, fix);
  // Secrets must never leave the machine through a switch meant for tests.
  if (!LOOPBACK.has(url.hostname)) throw new UsageError(`${OVERRIDE_VAR}: ${url.hostname} is not a loopback address`, fix);
  if (url.username || url.password || url.search || url.hash) throw new UsageError(`${OVERRIDE_VAR}: give only a scheme, a loopback host, a port and a path`, fix);
  return { base: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** Where a request for `https://host/rest` goes: unchanged, or under the override as `/host/rest`. */
export function routeUrl(host: string, rest: string, override: EndpointOverride | undefined): string {
  return override ? `${override.base}/${host}${rest}` : `https://${host}${rest}`;
}
