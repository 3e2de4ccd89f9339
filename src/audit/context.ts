// Pure: the lines around a finding with every known secret masked, so no whole secret ever reaches the screen.
import { redact } from '../report/redact.js';

export interface ContextLine {
  /** 1-based line number in the file. */
  line: number;
  text: string;
  /** The finding's own line. */
  focus: boolean;
}

/** Text of a file as bytes: UTF-16 with a byte-order mark, else UTF-8 (bad bytes replaced). */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** Every occurrence of every secret (CRLF variants included), longest first so a secret inside another is covered. */
function secretSpans(text: string, secrets: Iterable<string>): [number, number][] {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    variants.add(secret);
    if (secret.includes('\n')) variants.add(secret.replace(/\r?\n/g, '\r\n'));
  }
  const spans: [number, number][] = [];
  for (const secret of [...variants].sort((a, b) => b.length - a.length)) {
    for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) spans.push([at, at + secret.length]);
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] < last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

/** The text with each secret span replaced by its mask; a span across lines keeps its line breaks (so line numbers
 *  still hold) and shows "…" for the lines it covers. */
export function maskText(text: string, secrets: Iterable<string>): string {
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of secretSpans(text, secrets)) {
    const span = text.slice(start, end);
    const breaks = span.split('\n').length - 1;
    parts.push(text.slice(at, start), redact(span.replace(/\r?\n/g, '\n')), '\n…'.repeat(breaks));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Control characters (terminal escapes among them) as visible symbols; tabs as two spaces. */
export function printable(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/\r$/, '').replace(/\t/g, '  ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '·');
}

/**
 * Lines `line - radius` to `line + radius` of `text`, every secret masked. A line that would still hold a secret
 * (which masking rules out, but the screen must never show one) is replaced by a notice.
 */
export function contextLines(text: string, line: number, secrets: string[], radius = 3): ContextLine[] {
  const masked = maskText(text, secrets).split('\n');
  const from = Math.max(1, line - radius);
  const to = Math.min(masked.length, line + radius);
  const out: ContextLine[] = [];
  for (let n = from; n <= to; n++) {
    const shown = printable(masked[n - 1] ?? '');
    const leaks = secrets.some((s) => s.length > 0 && shown.includes(s.split(/\r?\n/)[0] as string) && (s.split(/\r?\n/)[0] as string).length >= 8);
    out.push({ line: n, text: leaks ? '(line hidden: it holds a secret)' : shown, focus: n === line });
  }
  return out;
}
