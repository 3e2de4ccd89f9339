// The assignment detector: finds NAME → VALUE pairs whose name is credential-like, in the syntaxes of
// assignment-syntaxes.ts. Pure; it judges names (credential-names.ts), not values (value-classifier.ts does).
import { ANCHORED_SYNTAXES, NAMED_SYNTAXES, type AnchoredSyntax } from './assignment-syntaxes.js';
import { judgeName, type NameVerdict } from './credential-names.js';

export interface Assignment {
  name: string;
  verdict: NameVerdict;
  /** The value as written (escapes kept) and its offsets in the text. */
  value: string;
  start: number;
  end: number;
  syntax: string;
  quoted: boolean;
}

// Stems of every head word of the lexicon: one pass finds where a credential-like name may be.
const STEM = /pass|pwd|secret|token|key|auth|cred|salt|pepper|nonce|seed/gi;
const CODE_FILE = /\.(?:map|[cm]?[jt]sx?|py|go|java|kt|kts|scala|groovy|cs|rb|php|rs|swift|c|cc|cpp|h|hpp|m|mm|dart|lua|pl|pm|vim|tcl|r|jl|vue|svelte|erb|ex|exs)$/i;
const SCHEME = /^(?:Bearer|Basic|Token|token|bearer|basic|ApiKey|Digest|OAuth|Key|key|SSWS)$/;
const MAX_NAME = 64;
const MAX_VALUE = 1024;

const isNameCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
const isValueStop = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '"' || c === "'" || c === '`' || c === ',' || c === ';' || c === ')' || c === '}' || c === ']' || c === '<' || c === '>' || c === '\\' || c === '(' || c === '[';

interface Value {
  value: string;
  start: number;
  end: number;
  quoted: boolean;
}

/** A quoted string (also `\"…\"` inside JSON strings, C#'s @"…", Python's r"…") or an unquoted token at `at`. */
function readValue(text: string, at: number, quotedOnly: boolean, element = false): Value | null {
  let i = at;
  if ((text[i] === '@' || text[i] === 'r' || text[i] === 'b' || text[i] === 'u') && (text[i + 1] === '"' || text[i + 1] === "'")) i++;
  const open = text[i];
  if (open === '\\' && text[i + 1] === '"') {
    const end = text.indexOf('\\"', i + 2);
    if (end === -1 || end - i > MAX_VALUE || text.slice(i + 2, end).includes('\n')) return null;
    return { value: text.slice(i + 2, end), start: i + 2, end, quoted: true };
  }
  if (open === '"' || open === "'" || open === '`') {
    let j = i + 1;
    for (; j < text.length && j - i < MAX_VALUE; j++) {
      const c = text[j];
      if (c === '\\') j++;
      else if (c === open) return { value: text.slice(i + 1, j), start: i + 1, end: j, quoted: true };
      else if (c === '\n') return null;
    }
    return null;
  }
  if (quotedOnly || open === '[' || open === '{' || open === '(') return null;
  let j = i;
  while (j < text.length && j - i < 256 && !isValueStop(text[j] as string)) j++;
  // Cut short by a template or an expression: `TOKEN=ver:1-<token>`, `key=tokens[i]`, `pwd=get(…)`.
  if (j === i || (text[j] === '<' && !element) || text[j] === '[' || text[j] === '(') return null;
  return { value: text.slice(i, j), start: i, end: j, quoted: false };
}

/** `Bearer xyz`: the credential is the part after the scheme. */
function afterScheme(text: string, found: Value, quotedOnly: boolean): Value | null {
  if (found.quoted) {
    const m = /^(?:Bearer|Basic|Token|ApiKey|Digest|OAuth|Key|SSWS)[ \t]{1,4}/i.exec(found.value);
    return m ? { value: found.value.slice(m[0].length), start: found.start + m[0].length, end: found.end, quoted: true } : found;
  }
  if (!SCHEME.test(found.value) || text[found.end] !== ' ') return found;
  let next = found.end;
  while (text[next] === ' ') next++;
  return readValue(text, next, quotedOnly);
}

// In code an unquoted value is a literal only on a config-like line (a conf text embedded in a Go or JS string):
// the name starts the line and the value ends it. Elsewhere it is an expression (`this.get()`, `tokens[i]`, `pwd`).
const CONFIG_LINE_START = /^[ \t]{0,40}(?:-[ \t]{1,4}|\{[ \t]{0,4}|export[ \t]{1,4})?$/;
const CONFIG_LINE_END = /^[ \t]{0,8}(?:[,}]|\r?$|\n)/;

function looksLikeExpression(value: string, text: string, nameStart: number, end: number): boolean {
  if (/^[A-Za-z_$][\w$]*$/.test(value) || /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value) || value.includes('$')) return true;
  return !CONFIG_LINE_START.test(lineBefore(text, nameStart)) || !CONFIG_LINE_END.test(text.slice(end, end + 10));
}

// `"API_KEY=abc", "def"` or `"API_KEY=abc" + "def"`: the value ends with its string literal and goes on in the
// next one (a concatenated or split literal); only a fragment is here, so it is not judged. The next literal
// starting NAME= is another assignment (a list of environment strings), and the value is whole.
// A quoted value goes on only through `+` (`"abc" + x`): a comma after it separates list items.
const NEXT_LITERAL = /^["'`][ \t]{0,4}(?:,|\+)[ \t]{0,4}(?:\r?\n[ \t]{0,40})?["'`](?![A-Za-z_][\w.-]{0,60}[=:])/;
const NEXT_CONCATENATION = /^[ \t]{0,4}\+/;

function continuesInNextLiteral(text: string, after: number, quoted: boolean): boolean {
  return (quoted ? NEXT_CONCATENATION : NEXT_LITERAL).test(text.slice(after, after + 120));
}

// A token in a status badge's URL (codecov's graph token) is public by design: it only reads the badge.
const BADGE_URL = /(?:badge|\.svg|graph)[^\s"'()]{0,80}[?&]$/;

/** The line up to `index`, at most 240 characters (a bounded walk: a minified line can be megabytes). */
function lineBefore(text: string, index: number): string {
  let from = index;
  while (from > 0 && index - from < 240 && text[from - 1] !== '\n') from--;
  return text.slice(from, index);
}

/** Assignments to credential-like names in the named syntaxes. */
export function findNamedAssignments(text: string, file: string): Assignment[] {
  const out: Assignment[] = [];
  const code = CODE_FILE.test(file);
  let covered = -1;
  STEM.lastIndex = 0;
  for (let m = STEM.exec(text); m !== null; m = STEM.exec(text)) {
    const at = m.index;
    if (at < covered) continue;
    let start = at;
    let end = at;
    while (start > 0 && at - start < MAX_NAME && isNameCode(text.charCodeAt(start - 1))) start--;
    while (end < text.length && end - at < MAX_NAME && isNameCode(text.charCodeAt(end))) end++;
    covered = end;
    STEM.lastIndex = end;
    // Flags and sentences: `--password`, `token.` are the name without their leading or trailing punctuation.
    while (start < end && (text[start] === '-' || text[start] === '.')) start++;
    while (end > start && (text[end - 1] === '-' || text[end - 1] === '.')) end--;
    const found = readAt(text, start, end, code);
    if (found) out.push(found);
  }
  return out;
}

// What may follow a name in some syntax (after its closing quote or bracket and blanks): an operator, a comma of a
// call pair, `(` of a setter, `{` of an HCL block, `>` of an XML element, a line end of a YAML list. Most names meet none (`keys)`, `key.`).
const FOLLOWERS = new Set(['=', ':', '!', '?', '+', '.', '-', '>', ',', '(', '{', '\n', '\r', '[']);

// Go's `var name string = …`, a key/value pair's ` value=` after its name.
const TYPE_OR_VALUE = /^(?:string|String|str|value|Value)\b/;

function mayFollow(text: string, start: number, end: number): boolean {
  let i = end;
  while (i < text.length && i - end < 40) {
    const c = text[i] as string;
    if (c === '"' || c === "'" || c === '`' || c === '\\' || c === ']' || c === ' ' || c === '\t') i++;
    else return FOLLOWERS.has(c) || text[start - 1] === '-' || end - start === 8 || TYPE_OR_VALUE.test(text.slice(i, i + 7));
  }
  return false;
}

function readAt(text: string, start: number, end: number, code: boolean): Assignment | null {
  // `Test2::Event::Pass`, `Foo::Token`: a namespace path, not a variable.
  if (text[start - 1] === ':' && text[start - 2] === ':') return null;
  // Space-separated forms (flags, SQL, .netrc) follow `-NAME` or a bare `password` (8 letters, tested exactly below).
  if (!mayFollow(text, start, end)) return null;
  const name = text.slice(start, end);
  let verdict: NameVerdict | null | undefined;
  let before: string | undefined;
  for (const syntax of NAMED_SYNTAXES) {
    if (syntax.names && !syntax.names.test(name)) continue;
    if (syntax.before && !syntax.before.test((before ??= lineBefore(text, start)))) continue;
    syntax.after.lastIndex = end;
    if (!syntax.after.test(text)) continue;
    verdict ??= judgeName(name);
    if (verdict === null) return null;
    const quotedOnly = syntax.values === 'quoted';
    let value = readValue(text, syntax.after.lastIndex, quotedOnly, syntax.id === 'xml-element');
    if (value && (verdict.head === 'authorization' || verdict.head === 'auth')) value = afterScheme(text, value, quotedOnly);
    if (!value || value.value.length === 0) continue;
    if (!value.quoted && code && syntax.id !== 'xml-element' && looksLikeExpression(value.value, text, start, value.end)) continue;
    if (continuesInNextLiteral(text, value.quoted ? value.end + 1 : value.end, value.quoted)) return null;
    if (text[start - 1] === '?' || text[start - 1] === '&') if (BADGE_URL.test(before ?? lineBefore(text, start))) return null;
    return { name, verdict, value: value.value, start: value.start, end: value.end, syntax: syntax.id, quoted: value.quoted };
  }
  return null;
}

/** Assignments in the anchored syntaxes (CLI, SQL, URLs); their regexes start with their literal anchor. */
export function findAnchoredAssignments(text: string, syntaxes: readonly AnchoredSyntax[] = ANCHORED_SYNTAXES): Assignment[] {
  const out: Assignment[] = [];
  for (const syntax of syntaxes) {
    const verdict = judgeName(syntax.name);
    if (verdict === null) continue;
    syntax.regex.lastIndex = 0;
    for (let m = syntax.regex.exec(text); m !== null; m = syntax.regex.exec(text)) {
      const value = m.groups?.value;
      if (value === undefined) continue;
      const start = m.index + m[0].lastIndexOf(value);
      out.push({ name: syntax.name, verdict, value, start, end: start + value.length, syntax: syntax.id, quoted: false });
    }
  }
  return out;
}
