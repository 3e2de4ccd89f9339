// Passwords made of words (`Welcome1`, `rootpass123`): weak, but real where a configuration file or a URL holds
// them. The value classifier drops them everywhere (words are what code and prose are made of); this judges them
// again, for those contexts only: what is left out is what no one would type as a password.
import { HASHED, interleavedRuns, MASK, NOT_SECRET_SHAPES, REPEATED, ROFF_ESCAPE, sequenceShareOf, TEMPLATE } from './value-classifier.js';

/** Words that make a value a placeholder when every word of two letters or more in it is one (`your-password-here`,
 *  `Secret123`, `changeme`), in a few languages; a password's own words (`hunter`, `welcome`, `root`) are not here. */
const PLACEHOLDER_WORDS = new Set([
  'password', 'passwords', 'passwd', 'passwort', 'pass', 'pwd', 'secret', 'secrets', 'changeme', 'changeit', 'change', 'example',
  'examples', 'sample', 'samples', 'test', 'testing', 'tests', 'dummy', 'fake', 'mock', 'placeholder', 'your', 'yours', 'redacted',
  'masked', 'hidden', 'none', 'null', 'nil', 'undefined', 'true', 'false', 'yes', 'empty', 'blank', 'todo', 'fixme', 'tbd',
  'replace', 'insert', 'enter', 'value', 'here', 'required', 'optional', 'foo', 'bar', 'baz', 'qux', 'quux', 'foobar', 'lorem',
  'ipsum', 'xxx', 'abc', 'some', 'default', 'demo', 'username', 'user', 'admin', 'root', 'guest', 'prompt', 'keyring', 'keychain',
  'disabled', 'enabled', 'stdin', 'env', 'environment', 'unset', 'inherit', 'string', 'str', 'text', 'put', 'paste', 'fill',
  'set', 'goes', 'please', 'specify', 'provide', 'generated', 'random', 'unknown', 'invalid', 'wrong', 'bad', 'incorrect',
  'geheim', 'sekret', 'senha', 'contrasena', 'motdepasse', 'secure', 'strong', 'long', 'new', 'old', 'own', 'real', 'actual',
  'my', 'me', 'pw', 'no', 'xx', 'anonymous', 'nobody', 'secreto',
]);

// Instructions written as one word (`yourpassword`, `enterpasswordhere`, `replaceme`): a placeholder too.
const INSTRUCTION = /your|here$|^(?:enter|insert|replace|change|fill|provide|specify)/i;
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

// References a configuration resolves at load time: YAML aliases and tags, shell and Symfony variables, Rails'
// `ENV[…]`, Spring's `@Value`, secret-manager URIs (`vault:`, `op://`, `ref+`).
const REFERENCE = /^[*&!$]|\$\(|%env\(|\bENV[[.]|@Value|^(?:env|secret|secrets|vault|file|ssm|sm|ref\+[\w]+|op|awssm|gcpsm|azkv):/i;
// Code around a value (a call, an index, a string inside a string): an expression, not the password itself.
const CODE = /["'`(){}<>\\]/;
// Names written in words (`db_password_file`, `admin-pass`, `dbPassword`, `some.property.name`): identifiers.
const IDENTIFIER = /^[A-Za-z]+(?:[_.-][A-Za-z]+)+$|^[a-z]+(?:[A-Z][a-z]+)+$/;

/** The value's words, camelCase split too (`YourPasswordHere` → your, password, here), lower-case. */
function wordsOf(value: string): string[] {
  return value.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z]+/).filter((w) => w.length >= 2);
}

/** Why a word-made password in a configuration file or URL is still no password, or null when it is one; `user`:
 *  the user name beside it (a URL's), which a placeholder repeats (`postgres:postgres@`); `name`: the name it is
 *  assigned to, whose service a default repeats (`POSTGRES_PASSWORD: postgres`). */
export function judgeWeakPassword(value: string, user?: string, name?: string): string | null {
  if (value.length < 6) return 'too short';
  if (value.length > 128) return 'too long';
  if (/[^!-~]/.test(value)) return 'prose';
  if (/&#?[A-Za-z0-9]{2,8};/.test(value) || ROFF_ESCAPE.test(value)) return 'markup';
  if (MASK.test(value) || REPEATED.test(value)) return 'placeholder';
  if (HASHED.test(value)) return 'password hash';
  if (TEMPLATE.test(value) || REFERENCE.test(value)) return 'template';
  if (CODE.test(value)) return 'code';
  if (/^[\d.,:/+-]+$/.test(value)) return 'number';
  if (NOT_SECRET_SHAPES.some((shape) => shape.test(value)) || IDENTIFIER.test(value)) return 'not a secret shape';
  // One run of the alphabet, the digits or a keyboard row (`abcdefgh`, `qwerty`), or two interleaved (`a1b2c3`).
  if ((/^[a-z]+$/i.test(value) && sequenceShareOf(value) === 1) || interleavedRuns(value)) return 'placeholder';
  const words = wordsOf(value);
  if ((words.length > 0 && words.every((w) => PLACEHOLDER_WORDS.has(w))) || INSTRUCTION.test(value)) return 'placeholder';
  // A placeholder word in leetspeak and nothing else (`P@ssw0rd`, `S3cr3t!`): the documentation's favourite example.
  if (PLACEHOLDER_WORDS.has(value.replace(/[!.?]+$/, '').replace(/[013457@$]/g, (c) => LEET[c] as string).toLowerCase())) return 'placeholder';
  if (user !== undefined && isFormPair(value, user)) return 'the user name again';
  if (name !== undefined && isNameWord(value, name)) return 'the name again';
  return null;
}

/** The value, without trailing digits, is a word of four letters or more of its own name: a service's default
 *  (`POSTGRES_PASSWORD: postgres`, `RABBITMQ_DEFAULT_PASS=rabbitmq1`), written by the image's documentation. */
function isNameWord(value: string, name: string): boolean {
  const stem = value.toLowerCase().replace(/[\d!.]+$/, '');
  return stem.length >= 4 && /^[a-z]+$/.test(stem) && wordsOf(name).includes(stem);
}

// A pair written to show the form (`proxyuser` and `proxypass`, `admin` and `admin`): the same stem with a user word
// on one side and a password word on the other.
const USER_WORD = /(?:user(?:name)?|usr|login|name)$/;
const PASSWORD_WORD = /(?:password|passwd|pass|pwd|pw|secret)$/;
/** The password and the user name beside it share a stem, with a user word on one side and a password word on the
 *  other (`repouser` and `repopwd`): the form's example pair, however random the stem. */
export function isFormPair(value: string, user: string): boolean {
  const stem = stemOf(user, USER_WORD);
  return stem !== '' && stem === stemOf(value, PASSWORD_WORD);
}
function stemOf(value: string, word: RegExp): string {
  return value.toLowerCase().replace(/[^a-z0-9]+$/, '').replace(word, '').replace(/[^a-z0-9]+$/, '');
}

// A user name assigned on a line near the password (`<username>…</username>`, `user: …`, `DB_USER=…`).
const USER_NEAR = /(?:^|[^A-Za-z])(?:user|username|user_name|login|usr)["']?(?:[ \t]{0,8}[:=][ \t]{0,8}["']?|>)([\w.@-]{1,64})/gi;

/** The user name assigned within three lines before or after `index`, if any. */
export function userNear(text: string, index: number): string | undefined {
  let from = index;
  for (let n = 0; n < 4 && from > 0; n++) from = text.lastIndexOf('\n', from - 1) === -1 ? 0 : text.lastIndexOf('\n', from - 1);
  let to = index;
  for (let n = 0; n < 4 && to !== -1 && to < text.length; n++) to = text.indexOf('\n', to + 1);
  const around = text.slice(from, to === -1 ? text.length : to);
  let nearest: string | undefined;
  let distance = Infinity;
  for (const m of around.matchAll(USER_NEAR)) {
    const d = Math.abs(from + (m.index ?? 0) - index);
    if (d < distance) [nearest, distance] = [m[1], d];
  }
  return nearest;
}
