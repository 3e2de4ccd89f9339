// Finds base64, percent-encoded and \u-escaped spans worth decoding, under a shared budget so hostile input stays cheap.
import { decodeBase64 } from './checksum.js';

export interface DecodeLimits {
  /** How many decodings may be stacked (base64 inside base64 is depth 2). */
  maxDepth: number;
  /** Total decoded characters per fragment, across all depths. */
  maxBytes: number;
  /** Decoded spans per fragment, across all depths. */
  maxSpans: number;
  /** Shortest base64 run considered. */
  minBase64: number;
  /** Longest encoded run considered; longer runs are skipped whole (they are blobs, not credentials). */
  maxSpanLength: number;
}

export const DEFAULT_DECODE_LIMITS: Readonly<DecodeLimits> = {
  maxDepth: 2,
  maxBytes: 256 * 1024,
  maxSpans: 256,
  minBase64: 16,
  maxSpanLength: 16 * 1024,
};

/** Mutable counters shared by every level of one fragment's decoding. */
export interface DecodeBudget {
  limits: DecodeLimits;
  bytes: number;
  spans: number;
}

export function createDecodeBudget(limits: Partial<DecodeLimits> = {}): DecodeBudget {
  // Every text gets a budget: without overrides they share the (read-only) defaults instead of a copy each.
  return { limits: Object.keys(limits).length === 0 ? DEFAULT_DECODE_LIMITS : { ...DEFAULT_DECODE_LIMITS, ...limits }, bytes: 0, spans: 0 };
}

export type Encoding = 'base64' | 'percent' | 'unicode-escape';

export interface EncodedSpan {
  /** Offsets of the encoded text in the scanned text. */
  start: number;
  end: number;
  encoding: Encoding;
  decoded: string;
}

// Controls other than tab/newline, and U+FFFD from invalid UTF-8: the decoded bytes are not text.
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;

function asText(bytes: Buffer | null): string | null {
  if (bytes === null || bytes.length < 6) return null;
  const text = bytes.toString('utf8');
  return NOT_TEXT.test(text) ? null : text;
}

// Characters of a base64 run (standard and URL-safe alphabets); `=` only pads or joins an over-long run.
const RUN_CHAR = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-') RUN_CHAR[ch.charCodeAt(0)] = 1;
const EQUALS = 61;

function isRunChar(code: number): boolean {
  return code < 128 && RUN_CHAR[code] === 1;
}

/**
 * Maximal runs of at least `min` base64 characters, plus `=` padding, passed to `visit` until it returns false
 * (a callback, not a generator: this runs over every scanned byte, and generators cost the optimiser dearly). A run longer than `max` is reported whole
 * (start, end), extended over `=` and further run characters, so callers skip it. A regex here tried a match at
 * every character; this loop looks at the character `min - 1` ahead first, and when it is not a run character no
 * long-enough run can start before it, so most of the text is skipped unread.
 */
export function eachBase64Run(text: string, min: number, max: number, visit: (start: number, end: number) => boolean): void {
  const n = text.length;
  const reach = Math.max(min, 1) - 1;
  // Invariant: `from` is 0 or follows a delimiter, so a run starting at `from` is maximal on its left.
  let from = 0;
  while (from + reach < n) {
    let probe = from + reach;
    if (!isRunChar(text.charCodeAt(probe))) {
      from = probe + 1;
      continue;
    }
    // The run through `probe` starts after the last delimiter at or after `from`.
    while (probe > from && isRunChar(text.charCodeAt(probe - 1))) probe--;
    if (probe > from) {
      from = probe;
      continue;
    }
    const start = from;
    let end = from + reach + 1;
    while (end < n && isRunChar(text.charCodeAt(end))) end++;
    from = end;
    if (end - start > max) {
      while (end < n && (isRunChar(text.charCodeAt(end)) || text.charCodeAt(end) === EQUALS)) end++;
      from = end;
    } else if (text.charCodeAt(end) === EQUALS) {
      end += text.charCodeAt(end + 1) === EQUALS ? 2 : 1;
    }
    if (!visit(start, end)) return;
  }
}

/** The runs of eachBase64Run as [start, end] pairs. */
export function base64Runs(text: string, min: number, max: number): [number, number][] {
  const runs: [number, number][] = [];
  eachBase64Run(text, min, max, (start, end) => runs.push([start, end]) > 0);
  return runs;
}

// Percent and \u runs are found from their escapes outwards (linear; a leading `[…]*` would backtrack quadratically).
const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/g;
// `\/` too: JSON encoders (PHP's json_encode, some Java ones) escape every slash of a base64 secret.
const UNICODE_ESCAPE = /\\u[0-9A-Fa-f]{4}|\\\//g;

/** ASCII lookup table of a character class (nothing outside ASCII belongs to these alphabets). */
function asciiTable(chars: RegExp): Uint8Array {
  const table = new Uint8Array(128);
  for (let code = 0; code < 128; code++) if (chars.test(String.fromCharCode(code))) table[code] = 1;
  return table;
}

const PERCENT_CHAR = asciiTable(/[A-Za-z0-9._~!$&'()*+,;=:@/?%-]/);
const UNICODE_CHAR = asciiTable(/[A-Za-z0-9._~+/=:@\\-]/);

function inTable(table: Uint8Array, code: number): boolean {
  return code < 128 && table[code] === 1;
}

/** Grows [start, end) over characters of the run's alphabet. */
function expand(text: string, start: number, end: number, allowed: Uint8Array): [number, number] {
  let from = start;
  let to = end;
  while (from > 0 && inTable(allowed, text.charCodeAt(from - 1))) from--;
  while (to < text.length && inTable(allowed, text.charCodeAt(to))) to++;
  return [from, to];
}

function decodePercent(run: string): string | null {
  if ((run.match(/%[0-9A-Fa-f]{2}/g)?.length ?? 0) < 2) return null;
  try {
    const text = decodeURIComponent(run);
    return NOT_TEXT.test(text) ? null : text;
  } catch {
    return null;
  }
}

function decodeUnicode(run: string): string | null {
  // Short runs with only escaped slashes are regex literals and paths in code, not secrets.
  if (run.length < 24 && !run.includes('\\u')) return null;
  const text = run.replace(/\\u([0-9A-Fa-f]{4})|\\\//g, (_, hex: string | undefined) => (hex === undefined ? '/' : String.fromCharCode(parseInt(hex, 16))));
  return NOT_TEXT.test(text) ? null : text;
}

// The first char of each 4-char quantum carries the top 6 bits of an ASCII byte (tab, newline or printable).
const ASCII_LEAD = asciiTable(/[CDI-Za-f]/);

/** Cheap pre-check so identifiers, paths and hashes are rejected before any decoding (or even slicing). */
function mayBeBase64Text(text: string, start: number, end: number): boolean {
  for (let i = start; i < end && i < start + 64; i += 4) if (!inTable(ASCII_LEAD, text.charCodeAt(i))) return false;
  return true;
}

function decodeRun(encoding: Encoding, run: string, limits: DecodeLimits): string | null {
  if (encoding === 'base64') {
    if (run.length < limits.minBase64 || !mayBeBase64Text(run, 0, run.length)) return null;
    return asText(decodeBase64(run));
  }
  return encoding === 'percent' ? decodePercent(run) : decodeUnicode(run);
}

const ESCAPE_SCANS: readonly { encoding: Encoding; pattern: RegExp; marker: string; alphabet: Uint8Array }[] = [
  { encoding: 'percent', pattern: PERCENT_ESCAPE, marker: '%', alphabet: PERCENT_CHAR },
  { encoding: 'unicode-escape', pattern: UNICODE_ESCAPE, marker: '\\', alphabet: UNICODE_CHAR },
];

/** Runs that may decode, passed to `visit` until it returns false: base64 runs, then runs around percent and \u
 *  escapes. */
function eachCandidateRun(text: string, limits: DecodeLimits, visit: (encoding: Encoding, start: number, end: number) => boolean): void {
  let going = true;
  eachBase64Run(text, limits.minBase64, limits.maxSpanLength, (start, end) => (going = visit('base64', start, end)));
  for (const { encoding, pattern, marker, alphabet } of ESCAPE_SCANS) {
    if (!going) return;
    if (!text.includes(marker)) continue;
    // The module's own regex (this never runs inside itself): a new one per text cost a construction each.
    const regex = pattern;
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null && going; m = regex.exec(text)) {
      const [start, end] = expand(text, m.index, m.index + m[0].length, alphabet);
      regex.lastIndex = end;
      going = visit(encoding, start, end);
    }
  }
}

/** Decodable spans of `text`, in order, charging each decoded span to the budget; stops when the budget is spent. */
export function findEncodedSpans(text: string, budget: DecodeBudget): EncodedSpan[] {
  const spans: EncodedSpan[] = [];
  const { limits } = budget;
  eachCandidateRun(text, limits, (encoding, start, end) => {
    if (budget.spans >= limits.maxSpans || budget.bytes >= limits.maxBytes) return false;
    if (end - start > limits.maxSpanLength) return true;
    // Most base64-shaped runs are identifiers: reject them before slicing (decodeRun would reject them too).
    if (encoding === 'base64' && !mayBeBase64Text(text, start, end)) return true;
    const run = text.slice(start, end);
    const decoded = decodeRun(encoding, run, limits);
    if (decoded === null || decoded === run) return true;
    budget.spans++;
    budget.bytes += decoded.length;
    if (budget.bytes > limits.maxBytes) return false;
    spans.push({ start, end, encoding, decoded });
    return true;
  });
  return spans.length < 2 ? spans : spans.sort((a, b) => a.start - b.start);
}
