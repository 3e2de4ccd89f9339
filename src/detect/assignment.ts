// The assignment detector: finds NAME → VALUE pairs whose name is credential-like, in the syntaxes of
// assignment-syntaxes.ts. Pure; it judges names (credential-names.ts), not values (value-classifier.ts does).
import { ANCHORED_SYNTAXES, NAMED_SYNTAXES, type AnchoredSyntax } from './assignment-syntaxes.js';
import { judgeName, type NameVerdict } from './credential-names.js';
import { STEMS } from './stems.js';

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

// Stems of every head word of the lexicon: one pass finds where a credential-like name may be (when the prefilter's did not).
const STEM = new RegExp(STEMS.join('|'), 'gi');
const CODE_FILE = /\.(?:map|[cm]?[jt]sx?|py|go|java|kt|kts|scala|groovy|cs|rb|php|rs|swift|c|cc|cpp|h|hpp|m|mm|dart|lua|pl|pm|vim|tcl|r|jl|vue|svelte|erb|ex|exs)$/i;
const SCHEME = /^(?:Bearer|Basic|Token|token|bearer|basic|ApiKey|Api-Key|Api-Token|Digest|OAuth|Key|key|SSWS)$/;
const MAX_NAME = 64;
const MAX_VALUE = 1024;

const isNameCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
const isValueStop = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '"' || c === "'" || c === '`' || c === ',' || c === ';' || c === ')' || c === '}' || c === ']' || c === '<' || c === '>' || c === '(' || c === '[';
// A backslash ends an unquoted value when it starts an escape of the string around it (`\n`, `\"`); else it is a character.
const isEscapeStart = (text: string, j: number): boolean => text[j] === '\\' && /["'`nrtu\\/]/.test(text[j + 1] ?? '"');

interface Value {
  value: string;
  start: number;
  end: number;
  quoted: boolean;
}

// A literal handed to a decoder or key constructor is the secret itself: `Base64.decode("…")`,
// `createSecretKey(Buffer.from('…', 'hex'))`, `bytes.fromhex('…')`, `new SecretKeySpec("…".getBytes(), …)`.
const DECODING_CALL = /(?:new[ \t]{1,4})?(?:[A-Za-z_$][\w$]{0,30}\.){0,3}(?:decode|b64decode|urlsafe_b64decode|decodebytes|decodeBase64|fromhex|unhexlify|DecodeString|atob|createSecretKey|SecretKeySpec|HexToBytes|FromBase64String|(?<=Buffer\.)from|\[\]byte)[ \t]{0,4}\([ \t]{0,4}/y;

function skipDecodingCalls(text: string, at: number): number {
  let i = at;
  for (let depth = 0; depth < 2; depth++) {
    DECODING_CALL.lastIndex = i;
    if (!DECODING_CALL.test(text)) break;
    i = DECODING_CALL.lastIndex;
  }
  return i;
}

// An unquoted value in a URL's query or a form body ends before the next `&name=`.
const NEXT_PARAMETER = /^&[\w.-]{1,40}=/;

/** A quoted string (also `\"…\"` inside JSON strings, C#'s @"…", Python's r"…") or an unquoted token at `at`. */
function readValue(text: string, at: number, quotedOnly: boolean, element = false): Value | null {
  let i = skipDecodingCalls(text, at);
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
  while (j < text.length && j - i < 256 && !isValueStop(text[j] as string) && !isEscapeStart(text, j) && !(text[j] === '&' && NEXT_PARAMETER.test(text.slice(j, j + 42)))) j++;
  // Cut short by a template or an expression: `TOKEN=ver:1-<token>`, `key=tokens[i]`, `pwd=get(…)`.
  if (j === i || (text[j] === '<' && !element) || text[j] === '[' || text[j] === '(') return null;
  return { value: text.slice(i, j), start: i, end: j, quoted: false };
}

/** `Bearer xyz`: the credential is the part after the scheme. */
function afterScheme(text: string, found: Value, quotedOnly: boolean): Value | null {
  if (found.quoted) {
    const m = /^(?:Bearer|Basic|Token|Api-?Key|Api-?Token|Digest|OAuth|Key|SSWS)[ \t]{1,4}/i.exec(found.value);
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

// The end of an entry of a conf text held in a string literal: a separator, the string's end or an escaped newline.
const STRING_ENTRY_END = /^[ \t]{0,8}(?:[,;}\]"'`&]|\\[rn]|\r?\n|$)/;

function looksLikeExpression(value: string, text: string, nameStart: number, end: number): boolean {
  if (value.includes('$')) return true;
  // A URL's query or fragment (`?oauth_token=…`, `#access_token=…`) holds literals, in code too.
  const mark = text[nameStart - 1];
  if ((mark === '?' || mark === '#' || (mark === '&' && text[nameStart - 2] !== '&')) && text[end] !== '(') return false;
  // A conf text inside a string literal (`"CONNECT {pass:…}"`, a Go raw string): its unquoted values are literals.
  if (insideStringLiteral(text, nameStart) && STRING_ENTRY_END.test(text.slice(end, end + 10))) return false;
  if (/^[A-Za-z_$][\w$]*$/.test(value) || /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return true;
  return !CONFIG_LINE_START.test(lineBefore(text, nameStart)) || !CONFIG_LINE_END.test(text.slice(end, end + 10));
}

// Backtick positions of the last text asked about: a Go raw string or a JS template literal spans lines, so
// whether a line starts inside one is the parity of the backticks before it. Built once per text, when needed.
let tickText: string | undefined;
let ticks: number[] = [];

function backticksBefore(text: string, index: number): number {
  if (tickText !== text) {
    tickText = text;
    ticks = [];
    for (let i = text.indexOf('`'); i !== -1; i = text.indexOf('`', i + 1)) ticks.push(i);
  }
  let lo = 0;
  let hi = ticks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ticks[mid] as number) < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether `index` lies inside a string literal: walks its line (bounded) from the state a raw string left. */
function insideStringLiteral(text: string, index: number): boolean {
  let from = index;
  while (from > 0 && index - from < 240 && text[from - 1] !== '\n') from--;
  if (from > 0 && text[from - 1] !== '\n') return false;
  let quote = backticksBefore(text, from) % 2 === 1 ? '`' : '';
  for (let i = from; i < index; i++) {
    const c = text[i];
    if (quote !== '') {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) return false;
  }
  return quote !== '';
}

// `"API_KEY=abc", "def"` or `"API_KEY=abc" + "def"`: the value ends with its string literal and goes on in the
// next one (a concatenated or split literal); only a fragment is here, so it is not judged. The next literal
// starting NAME= is another assignment (a list of environment strings), and the value is whole.
// A quoted value goes on only through `+` (`"abc" + x`): a comma after it separates list items. A next literal that
// is a JSON member's name (`", "host": …`) starts another member: the value is whole.
const NEXT_LITERAL = /^["'`][ \t]{0,4}(?:,|\+)[ \t]{0,4}(?:\r?\n[ \t]{0,40})?["'`](?![A-Za-z_][\w.-]{0,60}[=:]|[^"'`\n]{0,80}["'`][ \t]{0,4}:)/;
const NEXT_CONCATENATION = /^[ \t]{0,4}\+/;

function continuesInNextLiteral(text: string, after: number, quoted: boolean): boolean {
  return (quoted ? NEXT_CONCATENATION : NEXT_LITERAL).test(text.slice(after, after + 120));
}

// An element's text is whole when its closing tag follows (on the line, or on the next one).
const ELEMENT_END = /^[ \t]{0,8}(?:\r?\n[ \t]{0,40})?<\//;

// A token in a status badge's URL (codecov's graph token) is public by design: it only reads the badge.
const BADGE_URL = /(?:badge|\.svg|graph)[^\s"'()]{0,80}[?&]$/;

/** The line up to `index`, at most 240 characters (a bounded walk: a minified line can be megabytes). */
function lineBefore(text: string, index: number): string {
  let from = index;
  while (from > 0 && index - from < 240 && text.charCodeAt(from - 1) !== 10) from--;
  return text.slice(from, index);
}

/** Every place STEMS occur, overlapping ones too, as [start, end) pairs in order: what the prefilter's pass reports
 *  when it ran over the text (this search is for texts it did not). */
function stemHits(text: string): number[] {
  const hits: number[] = [];
  STEM.lastIndex = 0;
  for (let m = STEM.exec(text); m !== null; m = STEM.exec(text)) {
    hits.push(m.index, m.index + m[0].length);
    STEM.lastIndex = m.index + 1;
  }
  return hits;
}

/** Assignments to credential-like names in the named syntaxes; `stems`: the prefilter's stem hits in this text. */
export function findNamedAssignments(text: string, file: string, stems: ArrayLike<number> = stemHits(text)): Assignment[] {
  const out: Assignment[] = [];
  const code = CODE_FILE.test(file);
  let covered = -1;
  // Where the next stem may start: past the last name read (the hits are in order and never overlap).
  let from = 0;
  for (let k = 0; k < stems.length; k += 2) {
    const at = stems[k] as number;
    const stop = stems[k + 1] as number;
    if (at < from) continue;
    from = stop;
    if (at < covered) continue;
    let start = at;
    let end = at;
    while (start > 0 && at - start < MAX_NAME && isNameCode(text.charCodeAt(start - 1))) start--;
    while (end < text.length && end - at < MAX_NAME && isNameCode(text.charCodeAt(end))) end++;
    covered = end;
    // The name holds the stem, so `end` is past it.
    from = Math.max(end, stop);
    // Flags and sentences: `--password`, `token.` are the name without their leading or trailing punctuation.
    while (start < end && (text[start] === '-' || text[start] === '.')) start++;
    while (end > start && (text[end - 1] === '-' || text[end - 1] === '.')) end--;
    const found = readAt(text, start, end, code) ?? gluedAt(text, start, end, stop, code);
    if (found) out.push(found);
  }
  return out;
}

// `dd-apikey-<value>`, `acme-secret-<uuid>`, `${TOKEN-literal}`: the name ends at the first hyphen after its credential
// word (`secret`, `secrettoken`, `secret_key`); what follows is read as glued to it (only tried when the whole fails).
function gluedAt(text: string, start: number, end: number, stemEnd: number, code: boolean): Assignment | null {
  let j = stemEnd;
  while (j < end && text[j] !== '-' && text[j] !== '.') j++;
  return text[j] === '-' && j < end ? readAt(text, start, j, code) : null;
}

// What may follow a name in some syntax (after its closing quote or bracket and blanks): an operator, a comma of a
// call pair, `(` of a setter, `{` of an HCL block, `>` of an XML element, a line end of a YAML list, `||`, `)` or `or` of an
// environment read's fallback. Most names meet none (`keys;`, `key.`).
const PROSE = NAMED_SYNTAXES.find((s) => s.id === 'prose');
// Most words after a name are short (`token key secret`): a loop over 16 characters rejects them before the regex runs.
function sixteenValueChars(text: string, at: number): boolean {
  for (let k = at; k < at + 16; k++) {
    const c = text.charCodeAt(k);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 43 || c === 47 || c === 61)) return false;
  }
  return true;
}
// As a table of char codes: a Set of one-character strings hashed each one, on every name of every text.
const FOLLOWERS = new Uint8Array(128);
for (const c of '=:!?+.->,({\n\r[|)') FOLLOWERS[c.charCodeAt(0)] = 1;

// After `NAME: value` or `name = value` an unquoted value runs to the line's end (YAML, INI, properties, make): more
// text after it makes a sentence (`PASS: cxxfilt demangling …`, `auth-data : LISTofCARD8 or None`), not a secret.
// Only a glued `NAME=value` ends at a blank (a shell assignment before its command). A comment, a closing bracket or
// separator, a `name=` pair or a line continuation after the value is no sentence.
const GLUED_EQUALS = /^(?:\\?["'`])?\]?=$/;
// A Windows-style flag after it (`/credpassword:… /outfile:x`) is the next argument, not a sentence.
const PROSE_AFTER = /^[ \t]+(?![#;,}\])"'`]|\/\/|\/\*|\\\r?$|\/?[A-Za-z_][\w.-]{0,59}[ \t]{0,4}[=:])[^\s]/;

// `passwd:gecos` (a Scheme procedure), `pass:insta` (OpenSSL's pass-phrase argument), `xmlns:pass`: a colon with no
// blank on either side and lower-case letters after it joins a qualified name; YAML needs the blank after it.
const QUALIFIED_NAME_PART = /^[a-z]+$/;

// Go's `var name string = …`, a key/value pair's ` value=` after its name, Kotlin's `"name" to "…"` pair, Python's `or`.
// Sticky at the next character: the longest form is 7 characters, as when it was tested on a 7-character slice.
const TYPE_OR_VALUE = /(?:(?:string|String|str|value|Value)\b|to[ \t]{1,4}["']|or[ \t])/y;
// Dockerfile's legacy `ENV NAME value` (a blank, no `=`): the name is the first word after ENV.
const DOCKERFILE_ENV = /^[ \t]{0,8}ENV[ \t]{1,8}$/;
/** `ENV` and blanks just before `start`: what DOCKERFILE_ENV needs, tested without slicing the line (most names follow a blank). */
function afterEnv(text: string, start: number): boolean {
  let j = start;
  while (j > 0 && (text[j - 1] === ' ' || text[j - 1] === '\t')) j--;
  return j >= 3 && text.startsWith('ENV', j - 3);
}

/** The forms that may follow the name at [start, end), as a mask over FORMS: every form when an operator, a pair's
 *  word or a legacy ENV may follow; else, for an 8-letter name (a bare `password`), only the forms that read on
 *  after a blank or an attribute (SQL, .netrc, `<password type="…">`, Kotlin's `to` before a decoding call). */
function mayFollow(text: string, start: number, end: number): number {
  // Computed before the loop, which every call passes: first reached in a late branch, each deoptimised the function.
  const otherwise = end - start === 8 ? EIGHT_LETTER_FORMS : 0;
  const previous = text.charCodeAt(start - 1);
  let i = end;
  while (i < text.length && i - end < 40) {
    const code = text.charCodeAt(i);
    // Quotes, a backslash, a closing bracket and blanks between a name and what follows it.
    if (code === 34 || code === 39 || code === 96 || code === 92 || code === 93 || code === 32 || code === 9) {
      i++;
      continue;
    }
    if ((code < 128 && FOLLOWERS[code] === 1) || previous === 45) return ALL_FORMS;
    const c = text[i] as string;
    // Prose (`flickr key <value>`): a blank, then a long value of a key's alphabet (the syntax's own sticky test).
    if (i > end && PROSE !== undefined && sixteenValueChars(text, i)) {
      PROSE.after.lastIndex = end;
      if (PROSE.after.test(text)) return ALL_FORMS;
    }
    TYPE_OR_VALUE.lastIndex = i;
    if ((c === 's' || c === 'S' || c === 'v' || c === 'V' || c === 't' || c === 'o') && TYPE_OR_VALUE.test(text)) return ALL_FORMS;
    if ((previous === 32 || previous === 9) && afterEnv(text, start) && DOCKERFILE_ENV.test(lineBefore(text, start))) return ALL_FORMS;
    return otherwise;
  }
  return 0;
}

const WORD_BEFORE = /([A-Za-z][A-Za-z0-9]{0,30})[ \t]{1,4}$/;
// A bare `pass` in prose is the verb (`you have to pass --enable-gui=gtk3`).
function proseVerdict(text: string, start: number, name: string): NameVerdict | null {
  if (name.length === 4 && name.toLowerCase() === 'pass') return null;
  const word = WORD_BEFORE.exec(text.slice(Math.max(0, start - 40), start));
  return judgeName(word ? `${word[1] as string}_${name}` : name);
}

/** A named syntax in one object shape: the table's rows differ in which fields they set, and reading them in the hot
 *  loop through one shape keeps its property loads monomorphic. */
interface Form {
  id: string;
  after: RegExp;
  before: RegExp | null;
  beforeEnds: string | null;
  quotedOnly: boolean;
  xml: boolean;
  assignment: boolean;
  prose: boolean;
}
const FORMS: readonly Form[] = NAMED_SYNTAXES.map((s) => ({ id: s.id, after: s.after, before: s.before ?? null, beforeEnds: s.beforeEnds ?? null, quotedOnly: s.values === 'quoted', xml: s.id === 'xml-element', assignment: s.id === 'assignment', prose: s.id === 'prose' }));
const NAME_TESTS = NAMED_SYNTAXES.map((s) => s.names);
if (FORMS.length > 31) throw new Error('assignment.ts: the name masks hold 31 syntaxes; widen formsOf');
const ALL_FORMS = (1 << FORMS.length) - 1;
// Their `after` can match with neither an operator nor a pair's word next (every other form's needs one): read for a
// bare 8-letter name only, where the other forms' regexes all failed (test/detect/assignment.test.ts reads each).
const EIGHT_LETTER_FORMS = FORMS.reduce((mask, form, i) => (['xml-element', 'kotlin-pair', 'sql-password', 'netrc'].includes(form.id) ? mask | (1 << i) : mask), 0);

// Which forms a name passes (`names`), one bit each, per name: a history repeats a few names thousands of times.
const formsByName = new Map<string, number>();
function formsOf(name: string): number {
  let mask = formsByName.get(name);
  if (mask === undefined) {
    mask = 0;
    NAME_TESTS.forEach((test, i) => {
      if (!test || test.test(name)) mask = (mask as number) | (1 << i);
    });
    // Bounded: a minified bundle or a generated file can hold a million distinct names.
    if (formsByName.size >= 4096) formsByName.clear();
    formsByName.set(name, mask);
  }
  return mask;
}

// The forms whose `beforeEnds` admits the character before a name, per ASCII code (forms without one admit any).
const ADMITTED_AFTER = new Uint32Array(128);
const WITHOUT_ENDS = FORMS.reduce((mask, form, i) => (form.beforeEnds === null ? mask | (1 << i) : mask), 0);
for (let code = 0; code < 128; code++) ADMITTED_AFTER[code] = FORMS.reduce((mask, form, i) => (form.beforeEnds?.includes(String.fromCharCode(code)) ? mask | (1 << i) : mask), WITHOUT_ENDS);
function admittedAfter(text: string, start: number): number {
  if (start === 0) return WITHOUT_ENDS;
  const code = text.charCodeAt(start - 1);
  return code < 128 ? (ADMITTED_AFTER[code] as number) : FORMS.reduce((mask, form, i) => (form.beforeEnds?.includes(text[start - 1] as string) ? mask | (1 << i) : mask), WITHOUT_ENDS);
}

function readAt(text: string, start: number, end: number, code: boolean): Assignment | null {
  // `Test2::Event::Pass`, `Foo::Token`: a namespace path, not a variable.
  if (text[start - 1] === ':' && text[start - 2] === ':') return null;
  // `PASS: test name` at a line's start: a test harness's status word (DejaGnu, automake, TAP summaries), not a password.
  if (text.startsWith('PASS: ', start) && (start === 0 || text[start - 1] === '\n')) return null;
  // `\-\-admin\-password=…`: a flag in a manual page's roff source, documenting a command line.
  if (text[start - 1] === '-' && text[start - 2] === '\\') return null;
  // Space-separated forms (flags, SQL, .netrc) follow `-NAME` or a bare `password` (8 letters, tested exactly below).
  const following = mayFollow(text, start, end);
  if (following === 0) return null;
  const name = text.slice(start, end);
  let verdict: NameVerdict | null | undefined;
  let before: string | undefined;
  const admitted = following & formsOf(name) & admittedAfter(text, start);
  for (let f = 0; f < FORMS.length; f++) {
    if ((admitted & (1 << f)) === 0) continue;
    const syntax = FORMS[f] as Form;
    // The sticky `after` first: it fails at once on most names, and `before` scans the whole line before the name.
    syntax.after.lastIndex = end;
    if (!syntax.after.test(text)) continue;
    if (syntax.before && !syntax.before.test((before ??= lineBefore(text, start)))) continue;
    verdict ??= judgeName(name);
    if (verdict === null) return null;
    // In prose the word before qualifies the name (`flickr key`, `GPG key`): judged together, as `flickr_key` is.
    if (syntax.prose) {
      const qualified = proseVerdict(text, start, name);
      if (qualified === null) return null;
      verdict = qualified;
    }
    const quotedOnly = syntax.quotedOnly;
    const operator = text.slice(end, syntax.after.lastIndex);
    let value = readValue(text, syntax.after.lastIndex, quotedOnly, syntax.xml);
    if (value && (verdict.head === 'authorization' || verdict.head === 'auth')) value = afterScheme(text, value, quotedOnly);
    if (!value || value.value.length === 0) continue;
    if (syntax.xml ? !ELEMENT_END.test(text.slice(value.quoted ? value.end + 1 : value.end, value.end + 53)) : !value.quoted && code && looksLikeExpression(value.value, text, start, value.end)) continue;
    if (continuesInNextLiteral(text, value.quoted ? value.end + 1 : value.end, value.quoted)) return null;
    if (!value.quoted && syntax.assignment && !GLUED_EQUALS.test(operator) && PROSE_AFTER.test(text.slice(value.end, value.end + 80))) return null;
    if (!value.quoted && syntax.assignment && operator === ':' && QUALIFIED_NAME_PART.test(value.value)) return null;
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
