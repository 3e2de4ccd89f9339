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
  'my', 'me', 'pw', 'no', 'xx',
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
 *  the user name beside it (a URL's), which a placeholder repeats (`postgres:postgres@`). */
export function judgeWeakPassword(value: string, user?: string): string | null {
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
  if (user !== undefined && user.toLowerCase() === value.toLowerCase()) return 'the user name again';
  return null;
}
