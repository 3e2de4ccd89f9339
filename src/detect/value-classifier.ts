// The value classifier shared by the generic rules: is a value assigned to a credential-like name a secret?
// Placeholders and templates by pattern, stopwords as whole words, entropy against the value's own alphabet,
// token efficiency (a BPE vocabulary) for word-like values, published keys, and sandbox keys at lower severity.
import { alphabetFit } from './alphabet.js';
import { charsPerToken } from './token-efficiency.js';
import { publicKeyDescription } from './public-keys.js';

export interface ValueContext {
  /** The head word of the name (`password`, `token`, `key`, `salt`…). */
  head: string;
  /** The word before the head (`api` in `api_key`); a bare `key` must hold a long value. */
  qualifier?: string;
  /** false: skip the BPE vocabulary (to measure what it adds). */
  tokenEfficiency?: boolean;
}

export interface ValueVerdict {
  /** Why the value is not a secret, or null when it is one. */
  reject: string | null;
  /** A sandbox/test-mode key: still reported, at low severity. */
  sandbox?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const PASSWORD_HEADS = new Set(['password', 'passwords', 'passwd', 'pwd', 'pass', 'passphrase', 'passcode']);

// Templating and references: ${X}, {{ x }}, <your-key>, %(x)s, %s, $VAR, $(cmd), #{x}, %VAR%, {0}, ENC(…), Maven's @x.y@.
export const TEMPLATE = /^@[\w.-]{1,60}@$|\$\{|\{\{|\{%|<%|#\{|^<[^>]{1,80}>$|%\([\w.-]{1,40}\)[sd]|%[sdvq]\b|^\$[A-Za-z_({]|^%[A-Za-z_]{1,40}%$|\{\d\}|^ENC\(|^&|^\{[A-Za-z0-9+/]{8,}=*\}$|^\[[A-Za-z _-]{1,40}\]$|process\.env|os\.environ|getenv|System\.getenv/;
// Roff escapes of a manual page's source (`\fIpassword\fR`, `example\&.org`, `\-\-flag`): markup around a word.
export const ROFF_ESCAPE = /\\(?:f[BIRP1-4]|f\(|f\[|&|-|\(\w\w|\*\(|e$)/;
// Masks: ****, xxxx, ...., ____, ••••; a character repeated five times; a short unit repeated (abcabcabc).
export const MASK = /\*{3,}|[xX]{4,}|\.{3,}|_{4,}|#{4,}|-{4,}|•{2,}|^(.{1,4})\1{2,}$/;
export const REPEATED = /(.)\1{4,}/;
const REPEATED_RUNS = /(.)\1{4,}/g;
// Base64 of binary data repeats a character where the bytes repeat (`AAAAAA` for zeros, `//////////` for 0xff in
// every AWS STS session token): in a long base64 value only a run filling a quarter of it is a mask.
const LONG_BASE64 = /^[A-Za-z0-9+/]{64,}={0,2}$/;

function isRepeatedMask(value: string): boolean {
  if (!LONG_BASE64.test(value)) return REPEATED.test(value);
  for (const run of value.matchAll(REPEATED_RUNS)) if (run[0].length * 4 >= value.length) return true;
  return false;
}
// Password hashes and encrypted values: not the password itself (rules/formats.json reports hashes at low severity).
export const HASHED = /^(?:\$(?:2[abxy]?|[156]|argon2(?:id|i|d)|pbkdf2[\w-]*|scrypt|y|7|sha1|md5)\$|\{(?:SHA|SSHA|SHA256|SSHA256|SHA512|SSHA512|MD5|SMD5|CRYPT|PBKDF2[\w-]*|bcrypt)\}|(?:pbkdf2_sha256|pbkdf2_sha1|bcrypt_sha256|sha1|md5)\$)/i;
// Shapes of things that are not secrets: URLs, paths, file names, e-mail addresses, dotted names (i18n keys,
// settings), CONSTANT_CASE names, kebab/snake/camel-case words, version numbers.
export const NOT_SECRET_SHAPES: readonly RegExp[] = [
  /\[[^\]]{1,40}\][*+?{]|\\[dwsDWS]|\(\?[:=!<]/,
  /^arn:aws[\w-]*:/,
  /EXAMPLE/,
  /^[a-z][a-z0-9+.-]{1,20}:\/\//i,
  /^(?:~|\.{1,2})?\//,
  /^[A-Za-z]:\\/,
  /^[\w.-]{1,60}\.(?:pem|key|crt|cer|der|p12|pfx|jks|json|ya?ml|txt|env|ini|conf|cfg|properties|xml|toml|asc|gpg|pub|sh|js|ts|py|rb|go|java|html?)$/i,
  /^[^@\s]{1,64}@[^@\s]{1,253}\.[a-z]{2,}$/i,
  // A dotted name, unless a part of 16+ characters mixes letters and digits (`rh83qVz…Y8.LdWOF…`: a token's parts).
  /^(?!(?:[\w-]*\.)*(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{16,}(?:\.|$))[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+$/,
  /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/,
  /^_{1,2}[A-Za-z][A-Za-z0-9_]*$/,
  /^--?[A-Za-z][A-Za-z-]*$/,
  /^[a-z][a-z0-9_.-]*(?:\/[a-z0-9_.-]+)+\/?$/,
  /^[A-Z][A-Z0-9]{1,7}(?:-[A-Z0-9]{1,8}){1,4}$/,
  /^v?\d+(?:\.\d+){1,3}(?:[-+][\w.]+)?$/,
  // A directive or extension name (`.xstabs`, `.env`).
  /^\.[A-Za-z_][\w.-]*$/,
  // OpenSSL's pass-phrase sources other than `pass:` (`env:VAR`, `file:path`, `fd:3`, `stdin`): where it is read from.
  /^(?:(?:env|file|fd):\S+|stdin)$/,
  // A colon-separated record or its layout (`uid:gid:gecos:dir:shell`, an IPv6 address): four fields or more.
  /^[\w -]{0,24}(?::[\w -]{0,24}){3,}$/,
];

/** Whole words only: `RedisPass1!` holds no stopword, `my-secret-password` holds two. */
const STOPWORDS = new Set([
  'password', 'passwd', 'passwort', 'pass', 'pwd', 'secret', 'secrets', 'changeme', 'changeit', 'example', 'examples', 'sample',
  'dummy', 'placeholder', 'your', 'yours', 'redacted', 'masked', 'hidden', 'test', 'testing', 'tests', 'fake', 'mock', 'mocked',
  'foo', 'bar', 'baz', 'qux', 'quux', 'foobar', 'none', 'null', 'nil', 'undefined', 'true', 'false', 'todo', 'fixme', 'tbd',
  'replace', 'insert', 'enter', 'value', 'string', 'token', 'apikey', 'key', 'lorem', 'ipsum', 'admin', 'root', 'guest', 'user',
  'username', 'default', 'demo', 'hunter', 'letmein', 'qwerty', 'localhost', 'invalid', 'wrong', 'bad', 'incorrect', 'sekret',
  'geheim', 'anonymous', 'empty', 'blank', 'here', 'xxx', 'abc', 'my', 'mine', 'some', 'super', 'dev', 'local', 'secure',
  'private', 'public', 'api', 'access', 'client', 'app', 'application', 'auth', 'bearer', 'basic', 'credentials', 'credential',
  'salt', 'nonce', 'pepper', 'seed', 'hash', 'hashed', 'encrypted', 'base', 'required', 'optional', 'unknown', 'generated',
  'random', 'temp', 'temporary', 'new', 'old', 'current', 'confirm', 'confirmation', 'repeat', 'verify', 'please', 'change',
  'set', 'get', 'use', 'provide', 'provided', 'put', 'paste', 'type', 'specify', 'fill', 'goes', 'sandbox', 'staging',
]);

// Names written in words (kebab-case, snake_case, camelCase): not secrets when the words are words (the vocabulary
// says so); `bjy-jbpuyowe` is random letters with a dash.
const WORDY_SHAPES: readonly RegExp[] = [/^[a-z]+(?:[_-][a-z]+)+$/, /^[a-z]+(?:[A-Z][a-z]+)+$/, /^[A-Z][a-z]+(?:[A-Z][a-z]+)+$/];

// Runs of the alphabet, digits and keyboard rows (abcdef, 123456, qwerty): placeholders when they fill the value.
const RUNS = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '9876543210'];

/** The share of a value covered by runs of at least three characters of the alphabet, digits or a keyboard row. */
export function sequenceShareOf(value: string): number {
  const lower = value.toLowerCase();
  let covered = 0;
  let i = 0;
  while (i < lower.length) {
    let best = 1;
    for (const run of RUNS) {
      const at = run.indexOf(lower[i] as string);
      if (at === -1) continue;
      let n = 1;
      while (i + n < lower.length && run[at + n] === lower[i + n]) n++;
      if (n > best) best = n;
    }
    if (best >= 3) covered += best;
    i += best;
  }
  return covered / lower.length;
}

/** A1B2C3…, 1a2b3c…: two interleaved runs. */
export function interleavedRuns(value: string): boolean {
  if (value.length < 6) return false;
  const odd = [...value].filter((_, i) => i % 2 === 1).join('');
  const even = [...value].filter((_, i) => i % 2 === 0).join('');
  return sequenceShareOf(odd) === 1 && sequenceShareOf(even) === 1;
}

/** A sandbox/test-mode key (sk_test_…, FLWSECK_TEST-…): the random part after the marker. */
const SANDBOX = /^[A-Za-z]{2,12}[_-](?:test|TEST|sandbox|SANDBOX)[_-]([A-Za-z0-9_-]{12,})$/;

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

// A symbol inside a word stands for a letter (`super$ecret`, `P@ssw0rd`); a digit too, between letters.
const IN_WORD_SUBSTITUTE = /(?<=[A-Za-z])[@$013457](?=[A-Za-z])|^[@$](?=[A-Za-z])/g;
const POLICY_SYMBOL = /[!@#$%^&*+=?~]/;

/** The words of a value, read through in-word substitutions (`P@ssw0rd!` → `password`), lower-case. */
function substitutedWords(value: string): string[] {
  return value.replace(IN_WORD_SUBSTITUTE, (c) => LEET[c] as string).toLowerCase().split(/[^a-z]+/).filter((w) => w.length > 0);
}

/** Placeholder words fill the value, behind substitutions, digits and symbols: `P@ssw0rd!`, `Secret123!`, `changeme!`. */
function isPlaceholderWords(value: string, words: string[]): boolean {
  const long = words.filter((w) => w.length >= 3);
  if (long.length === 0 || !long.every((w) => STOPWORDS.has(w))) return false;
  return long.reduce((n, w) => n + w.length, 0) >= 0.6 * value.length;
}

/**
 * A password written to a complexity policy: eight characters or more, letters and a symbol (`super$ecret`,
 * `Dev!2024rocks`). Someone chose it to pass a policy, so words inside it do not make it a placeholder; only
 * placeholder words behind its substitutions do (isPlaceholderWords).
 */
function isPolicyPassword(value: string, words: string[]): boolean {
  // Quotes, brackets and calls make it code around a password (`".md5($password,true)."`), not one; an upper-case
  // `$NAME` is an interpolation (`pre$DB_PASSWORD_SUFFIX`).
  if (value.length < 8 || !POLICY_SYMBOL.test(value) || !/[A-Za-z]{2}/.test(value) || /["'`()[\]{}<>\\]|\$[A-Z_][A-Z0-9_]/.test(value)) return false;
  return !isPlaceholderWords(value, words);
}

/**
 * Whole stopwords in the value. In a long random value the letters between two digits make short words by chance
 * (`…7rA1My2ira…` holds `my`), so there a word of three letters or less counts only when stopwords fill a quarter of it.
 */
function isStopword(value: string): boolean {
  let covered = 0;
  let short = false;
  for (const word of value.split(/[^A-Za-z]+/)) {
    if (word.length === 0 || !STOPWORDS.has(word.toLowerCase())) continue;
    if (word.length >= 4 || value.length < 20) return true;
    covered += word.length;
    short = true;
  }
  return short && covered >= value.length / 4;
}

/** The least a value of its class must reach: passwords are short and human, keys and tokens long and random. */
function minimumLength(head: string): number {
  return PASSWORD_HEADS.has(head) ? 4 : head === 'auth' || head === 'authorization' || head === 'credentials' || head === 'credential' || head === 'creds' || head === 'cred' ? 6 : 8;
}

export function classifyValue(value: string, context: ValueContext): ValueVerdict {
  const sandbox = SANDBOX.exec(value);
  // A UUID-shaped key is judged on its hex digits: the dashes are layout, not alphabet.
  const judged = sandbox ? (sandbox[1] as string) : UUID.test(value) ? value.replace(/-/g, '') : value;
  const password = PASSWORD_HEADS.has(context.head);
  if (value.length < minimumLength(context.head) || ((context.head === 'key' || context.head === 'keys') && context.qualifier === undefined && value.length < 16)) return { reject: 'too short' };
  if (value.length > 1024) return { reject: 'too long' };
  if (/\s/.test(value) || /[^ -~]/.test(value)) return { reject: 'prose' };
  if (/&#?[A-Za-z0-9]{2,8};/.test(value) || ROFF_ESCAPE.test(value)) return { reject: 'markup' };
  if (TEMPLATE.test(value)) return { reject: 'template' };
  if (MASK.test(value) || isRepeatedMask(value)) return { reject: 'placeholder' };
  if (HASHED.test(value)) return { reject: 'password hash' };
  if (sequenceShareOf(judged) >= 0.5 || interleavedRuns(judged)) return { reject: 'placeholder' };
  if (NOT_SECRET_SHAPES.some((shape) => shape.test(value))) return { reject: 'not a secret shape' };
  const words = password ? substitutedWords(value) : [];
  if (password && isPlaceholderWords(value, words)) return { reject: 'stopword' };
  const policy = password && isPolicyPassword(value, words);
  if (!sandbox && !policy && isStopword(value)) return { reject: 'stopword' };
  if ((/^\d+$/.test(value) && (!password || value.length < 6) && !isNumericKey(value, context)) || /^0x[0-9a-fA-F]+$/.test(value)) return { reject: 'number' };
  const { fit } = alphabetFit(judged);
  // Short human passwords say little through entropy; keys and tokens of a few dozen characters must look random.
  const floor = password ? 0.7 : judged.length >= 16 ? 0.85 : 0.8;
  if (fit < floor) return { reject: 'entropy' };
  if (policy) return publicKeyDescription(value) !== undefined ? { reject: 'public by design' } : { reject: null };
  // The vocabulary reads camelCase words lower-cased (`allHosts`: `all` `hosts`; as written, `H` and `osts`).
  if (WORDY_SHAPES.some((shape) => shape.test(judged)) && (context.tokenEfficiency === false || charsPerToken(judged.toLowerCase()) >= 3)) return { reject: 'words' };
  if (context.tokenEfficiency !== false && wordLike(judged) && charsPerToken(judged) >= 3) return { reject: 'words' };
  // Leetspeak of words (`s3cr3tvalue`, `p@ssw0rd`): the words come back when the digits are read as letters.
  const unleet = judged.replace(/[013457@$]/g, (c) => LEET[c] as string);
  if (context.tokenEfficiency !== false && unleet !== judged && /^[a-z]+$/i.test(unleet) && (isStopword(unleet) || charsPerToken(unleet.toLowerCase()) >= 4)) return { reject: 'words' };
  if (publicKeyDescription(value) !== undefined) return { reject: 'public by design' };
  return sandbox ? { reject: null, sandbox: true } : { reject: null };
}

/**
 * Some providers issue keys of digits only (OVH application keys, Infomaniak and Asana tokens: 16 digits). Under a
 * qualified key, token or secret name (`ovh_application_key`, not a bare `key`), 16 to 64 random digits are one;
 * shorter digit runs are ids, ports, timestamps and counters.
 */
function isNumericKey(value: string, context: ValueContext): boolean {
  if (value.length < 16 || value.length > 64 || context.qualifier === undefined || !NUMERIC_KEY_HEADS.has(context.head)) return false;
  return alphabetFit(value).fit >= 0.85;
}
const NUMERIC_KEY_HEADS = new Set(['key', 'token', 'secret']);

/** Mostly letters: what entropy cannot tell from words (`agithubtoken`, `fydsjway`); the vocabulary can. */
function wordLike(value: string): boolean {
  if (value.length > 64) return false;
  let letters = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) letters++;
  }
  return letters / value.length >= 0.6;
}
