// Pure: an HttpCheck's request filled with one credential, for one host the rule fixed. Slots only ever fill the
// path, the query, headers and the body, each encoded for where it goes; the host never comes from the secret.
import type { HttpCheck } from '../types.js';
import type { HttpRequest } from './http.js';
import { routeUrl, type EndpointOverride } from './override.js';
import { SLOT } from './check-spec.js';

export interface SlotValues {
  secret: string;
  id?: string;
}

export type BuiltRequest = { request: HttpRequest } | { problem: string };

/** A path segment: `:` and `@` may stay (RFC 3986 pchar), nothing that could end the segment or the path. */
function encodeSegment(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%40/gi, '@');
}

class Unsendable extends Error {}

function slotValue(name: string, values: SlotValues): string {
  const value = name === 'id' ? values.id : values.secret;
  if (value === undefined) throw new Unsendable(`no value for {${name}}`);
  return value;
}

function fill(template: string, encode: (value: string, slot: string) => string, values: SlotValues): string {
  return template.replace(SLOT, (_, slot: string) => encode(slotValue(slot === 'secret|segments' ? 'secret' : slot, values), slot));
}

function fillUrlPart(template: string, values: SlotValues, inQuery: boolean): string {
  return fill(
    template,
    (value, slot) => {
      if (inQuery) return encodeURIComponent(value);
      if (slot !== 'secret|segments') return encodeSegment(value);
      // A webhook's path: its own slashes stay, but no segment may be empty or climb (`..`).
      const segments = value.split('/');
      if (segments.some((s) => s === '' || s === '.' || s === '..')) throw new Unsendable('a path segment of the secret is empty or relative');
      return segments.map(encodeSegment).join('/');
    },
    values,
  );
}

/** Header values go on the wire as they are: only printable ASCII, so nothing can start a new header. */
function fillHeader(template: string, values: SlotValues): string {
  const text = fill(template, (value) => value, values);
  if (!/^[\x20-\x7e\t]*$/.test(text)) throw new Unsendable('a header value would hold a control or non-ASCII character');
  return text;
}

function fillJson(value: unknown, values: SlotValues): unknown {
  if (typeof value === 'string') return fill(value, (v) => v, values);
  if (Array.isArray(value)) return value.map((v) => fillJson(v, values));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillJson(v, values)]));
  return value;
}

export interface BuildOptions {
  userAgent: string;
  override?: EndpointOverride;
}

/** The request for `host` (the rule's literal host, one of its sites, or the user's tenant). */
export function buildRequest(check: HttpCheck, host: string, values: SlotValues, options: BuildOptions): BuiltRequest {
  const { request } = check;
  try {
    const rest = request.url.replace(/^https:\/\/[^/]*/, '');
    const queryAt = rest.indexOf('?');
    const path = fillUrlPart(queryAt === -1 ? rest : rest.slice(0, queryAt), values, false);
    const query = queryAt === -1 ? '' : fillUrlPart(rest.slice(queryAt), values, true);
    const url = new URL(routeUrl(host, path + query, options.override));
    // Belt and braces: whatever the slots held, the request goes to the host the rule named (or the test server).
    const expected = options.override ? new URL(options.override.base).host : host;
    if (url.host !== expected) return { problem: 'the filled URL would leave the rule\'s host' };
    const headers: Record<string, string> = { 'user-agent': options.userAgent, accept: 'application/json' };
    for (const [name, template] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = fillHeader(template, values);
    if (request.basic) {
      const user = fillHeader(request.basic.user, values);
      if (user.includes(':')) throw new Unsendable('a basic-auth user cannot hold a colon');
      headers.authorization = `Basic ${Buffer.from(`${user}:${fillHeader(request.basic.password, values)}`).toString('base64')}`;
    }
    let body: string | undefined;
    const given = request.body;
    if (given?.json !== undefined) {
      body = JSON.stringify(fillJson(given.json, values));
      headers['content-type'] ??= 'application/json';
    } else if (given?.form !== undefined) {
      body = new URLSearchParams(Object.entries(given.form).map(([k, v]): [string, string] => [k, fill(v, (x) => x, values)])).toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    } else if (given?.text !== undefined) body = fill(given.text, (x) => x, values);
    return { request: { url, method: request.method, headers, ...(body !== undefined ? { body } : {}) } };
  } catch (error) {
    if (error instanceof Unsendable) return { problem: error.message };
    // Never the error's own text: a URL parser's message may quote the input, secret and all.
    if (error instanceof TypeError) return { problem: 'the filled URL is not a valid URL' };
    throw error;
  }
}
