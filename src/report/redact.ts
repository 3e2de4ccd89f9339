// Masks secrets: what a reader needs to tell keys apart (a public prefix, the length of a machine-made key), never
// enough to guess one. Every occurrence of every secret found is masked wherever scanned text is printed; our own
// text (rule descriptions, fixed notes) is not scanned text and keeps its words.
import { RAW, type Finding } from '../types.js';
import { isGuessable } from '../strength.js';

/** AWS key ids and IAM unique ids: the 4-letter prefix names the key type and is public; the length is always 20. */
const AWS_ID = /^(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA|AIPA|ANPA|ANVA|APKA|AGPA|A3T[A-Z0-9])[A-Z0-9]{16}$/;
/** A provider's public token prefix (`ghp_`, `sk_live_`, `xoxb-`, `glpat-`, `github_pat_`, `sk-ant-api03-`). */
const TOKEN_PREFIX = /^[A-Za-z][A-Za-z0-9]{1,9}(?:[_-][A-Za-z0-9]{1,7}){0,2}[_-]/;

/**
 * The mask of a secret. A machine-made key (see strength.ts) shows its public prefix, or else its first 4
 * characters, and its length: `ghp_…(40)`, `Vb3k…(40)`. An AWS key id shows its type prefix: `AKIA…(20)`. Anything
 * guessable (a password, a short key) shows neither characters nor length, `…(masked)`: with them, a dictionary
 * password could be checked against its fingerprint in milliseconds.
 */
export function redact(secret: string): string {
  if (AWS_ID.test(secret)) return `${secret.slice(0, 4)}…(${secret.length})`;
  if (isGuessable(secret)) return '…(masked)';
  const prefix = TOKEN_PREFIX.exec(secret)?.[0];
  const shown = prefix !== undefined && prefix.length <= 16 && secret.length - prefix.length >= 24 ? prefix : secret.slice(0, 4);
  return `${shown}…(${secret.length})`;
}

/** The line around the secret, with the secret masked (or, `reveal`, shown) and long lines trimmed. */
export function redactLine(lineText: string, column: number, secret: string, reveal = false): string {
  const start = column - 1;
  const before = lineText.slice(Math.max(0, start - 40), start);
  const after = lineText.slice(start + secret.length, start + secret.length + 40);
  const shownSecret = reveal ? secret : redact(secret);
  return `${start > 40 ? '…' : ''}${before}${shownSecret}${after}${start + secret.length + 40 < lineText.length ? '…' : ''}`.trim();
}

export interface SecretSpan {
  /** 0-based offsets within the line, end exclusive. */
  start: number;
  end: number;
  secret: string;
}

/** Shorter values are not searched for elsewhere: they would mask ordinary words. */
const MIN_SEARCHED = 4;

/** The first three UTF-16 units of `text` at `i` as one number (below 2^48): a map key that allocates nothing. */
function headAt(text: string, i: number): number {
  return (text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1)) * 65536 + text.charCodeAt(i + 2);
}

/** Every occurrence of a set of secrets in a text, in one pass: at each place, the lengths of the secrets that start
 *  with its first three characters are looked up (a minified bundle's thousands of tokens share their first letters). */
export class SecretIndex {
  /** Head → the lengths (longest first) of the secrets with that head. */
  private readonly lengths = new Map<number, number[]>();
  private readonly secrets: Set<string>;
  private readonly all: string[];
  private readonly masked = new Map<string, string>();

  constructor(secrets: Iterable<string>) {
    const unique = new Set<string>();
    for (const s of secrets) if (s.length >= MIN_SEARCHED) unique.add(s);
    this.secrets = unique;
    this.all = [...unique].sort((a, b) => b.length - a.length);
    for (const s of this.all) {
      const head = headAt(s, 0);
      const list = this.lengths.get(head);
      if (!list) this.lengths.set(head, [s.length]);
      else if (!list.includes(s.length)) list.push(s.length);
    }
  }

  get size(): number {
    return this.all.length;
  }

  /** Spans of every occurrence, by start, the longest first at one start. */
  spansIn(text: string): SecretSpan[] {
    const spans: SecretSpan[] = [];
    if (this.all.length === 0 || text.length < MIN_SEARCHED) return spans;
    if (this.all.length <= 8) {
      for (const secret of this.all) for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) spans.push({ start: at, end: at + secret.length, secret });
    } else {
      const last = text.length - MIN_SEARCHED;
      for (let i = 0; i <= last; i++) {
        const lengths = this.lengths.get(headAt(text, i));
        if (!lengths) continue;
        for (const length of lengths) {
          const candidate = text.slice(i, i + length);
          if (candidate.length === length && this.secrets.has(candidate)) spans.push({ start: i, end: i + length, secret: candidate });
        }
      }
    }
    return spans.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  /** The text with every occurrence masked (remembered: reports repeat the same notes and messages). */
  mask(text: string): string {
    if (this.size === 0 || text.length < MIN_SEARCHED) return text;
    let out = this.masked.get(text);
    if (out === undefined) {
      const spans = this.spansIn(text);
      out = spans.length === 0 ? text : maskLine(text, spans).text;
      if (text.length <= 4096) this.masked.set(text, out);
    }
    return out;
  }
}

/** Replaces every occurrence of any secret in a free text (error messages, logs, diffs) with its mask. */
export function redactAll(text: string, secrets: Iterable<string>): string {
  return new SecretIndex(secrets).mask(text);
}

/** A line with every secret span masked, and where each span's mask landed (key `start:end`). */
export interface MaskedLine {
  text: string;
  masks: Map<string, [number, number]>;
}

/** Masks every span of a line once (overlapping spans: the earliest, then the longest wins), so each finding only
 *  slices its window. */
export function maskLine(lineText: string, spans: SecretSpan[]): MaskedLine {
  const seen = new Set<string>();
  const ordered = spans.filter((s) => !seen.has(`${s.start}:${s.end}`) && seen.add(`${s.start}:${s.end}`)).sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: string[] = [];
  const masks = new Map<string, [number, number]>();
  let length = 0;
  let at = 0;
  for (const span of ordered) {
    if (span.start < at) {
      // Inside a span already masked: its text is gone, so it shares that mask; a tail that reaches past it goes too.
      if (span.end > at) {
        parts.push('…');
        length += 1;
        at = span.end;
      }
      masks.set(`${span.start}:${span.end}`, [length - 1, length]);
      continue;
    }
    const plain = lineText.slice(at, span.start);
    const mask = redact(span.secret);
    parts.push(plain, mask);
    length += plain.length;
    masks.set(`${span.start}:${span.end}`, [length, length + mask.length]);
    length += mask.length;
    at = span.end;
  }
  parts.push(lineText.slice(at));
  return { text: parts.join(''), masks };
}

/** The masked line trimmed to 40 characters each side of the focused secret's mask. */
export function windowAround(line: MaskedLine, focus: SecretSpan): string {
  const [focusStart, focusEnd] = line.masks.get(`${focus.start}:${focus.end}`) ?? [0, 0];
  const from = Math.max(0, focusStart - 40);
  const to = Math.min(line.text.length, focusEnd + 40);
  return `${from > 0 ? '…' : ''}${line.text.slice(from, to)}${to < line.text.length ? '…' : ''}`.trim();
}

/**
 * The line around the focused secret with EVERY secret span on it masked (a pair's key id, a second token on the
 * same line), then trimmed to 40 characters each side of the focus.
 */
export function redactSpans(lineText: string, spans: SecretSpan[], focus: SecretSpan): string {
  return windowAround(maskLine(lineText, [...spans, focus]), focus);
}

/** The values of a finding that must never be printed: the secret, the text it was written as, a pair's key id. */
export function secretsOfFinding(finding: Finding): string[] {
  const raw = finding[RAW];
  if (raw.nameOnly) return [];
  const out = [raw.secret, raw.lineText.slice(finding.column - 1, finding.endColumn - 1)];
  if (raw.pairedId !== undefined) out.push(raw.pairedId);
  return out;
}

/** The forms a secret takes once printed in a format: JSON and XML escapes, workflow-command escapes. */
export function printedForms(secret: string): string[] {
  const forms = [secret, JSON.stringify(secret).slice(1, -1), secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;'), secret.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')];
  return [...new Set(forms)];
}

// Fields that are already masks, or come from rule data rather than the scanned text.
const KEPT = new Set(['fingerprint', 'secret', 'match', 'ruleId', 'description', 'severity']);

/** `keys`: object keys are masked too (stats count skips under reasons that may name a file). */
function maskValue(value: unknown, index: SecretIndex, keys = false): unknown {
  if (typeof value === 'string') return index.mask(value);
  if (Array.isArray(value)) return value.map((v) => maskValue(v, index, keys));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[keys ? index.mask(key) : key] = maskValue(v, index, keys);
    return out;
  }
  return value;
}

/**
 * The report's own inputs besides the findings, masked where they carry scanned content (stats: skip reasons and
 * paths; the root folder), while rule metadata (descriptions, references, tags) is ours and kept: reporters see
 * only masked content, so their output needs no mask pass that would also hit a common-word "secret" in our text.
 */
export function maskReportMeta<T extends { stats: object; root?: string }>(meta: T, findings: Finding[], extra: Iterable<string> = []): T {
  const index = new SecretIndex([...findings.flatMap(secretsOfFinding), ...extra]);
  if (index.size === 0) return meta;
  return { ...meta, stats: maskValue(meta.stats, index, true), ...(meta.root !== undefined ? { root: index.mask(meta.root) } : {}) };
}

/**
 * The one place every printed finding passes through (all formats, the Action, every command): each finding's
 * `match` is rebuilt from its whole line with every occurrence of every secret of the run masked (the same password
 * twice on a line, a key found in another file), and every other text field (commit message, author, file name,
 * suggestion, validation) is masked the same way. `extra` adds secrets found outside the scanned text (a commit
 * message). `ours`: texts of our own (suggestion notes) that stay unmasked where they stand whole in a note, so a
 * common-word "secret" does not hide words of our advice. The unredacted values stay under RAW.
 */
/** The text masked outside the places where one of `ours` (our own fixed text) stands whole. */
function maskAround(text: string, index: SecretIndex, ours: readonly string[]): string {
  const kept: [number, number][] = [];
  for (const fixed of ours) for (let at = text.indexOf(fixed); at !== -1; at = text.indexOf(fixed, at + fixed.length)) kept.push([at, at + fixed.length]);
  if (kept.length === 0) return index.mask(text);
  kept.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of kept) {
    if (start < at) continue;
    out += index.mask(text.slice(at, start)) + text.slice(start, end);
    at = end;
  }
  return out + index.mask(text.slice(at));
}

export function maskFindings(findings: Finding[], extra: Iterable<string> = [], ours: Iterable<string> = []): Finding[] {
  const index = new SecretIndex([...findings.flatMap(secretsOfFinding), ...extra]);
  if (index.size === 0) return findings;
  // Longest first, so a note that holds a shorter one is kept whole.
  const fixedNotes = [...new Set(ours)].filter((t) => t.length > 0).sort((a, b) => b.length - a.length);
  const byLine = new Map<string, Finding[]>();
  for (const f of findings) {
    const same = byLine.get(f[RAW].lineText);
    if (same) same.push(f);
    else byLine.set(f[RAW].lineText, [f]);
  }
  const matches = new Map<Finding, string>();
  for (const [lineText, onLine] of byLine) {
    const focus = onLine.map((f): SecretSpan => ({ start: f.column - 1, end: f.endColumn - 1, secret: lineText.slice(f.column - 1, f.endColumn - 1) }));
    const masked = maskLine(lineText, [...focus, ...index.spansIn(lineText)]);
    onLine.forEach((f, i) => matches.set(f, windowAround(masked, focus[i] as SecretSpan)));
  }
  return findings.map((f) => {
    const out = { [RAW]: f[RAW] } as Finding;
    for (const [key, value] of Object.entries(f)) (out as unknown as Record<string, unknown>)[key] = KEPT.has(key) ? value : maskValue(value, index);
    out.match = matches.get(f) ?? f.match;
    // A suggestion's note joins our notes (per language, per rule, AWS's) with lines about this finding.
    if (f.suggestion?.note !== undefined && out.suggestion) out.suggestion = { ...out.suggestion, note: maskAround(f.suggestion.note, index, fixedNotes) };
    return out;
  });
}
