// Test data (no side effects at import): regexes that must be refused, each with the message that explains why,
// and ordinary user patterns that must be accepted, so the ReDoS check is not "refuse everything".

export interface HostilePattern {
  name: string;
  source: string;
  flags?: string;
  message: RegExp;
}

const NESTED = /^may backtrack catastrophically: the repetition at character \d+ is repeated again by the one at character \d+, and can end in more than one place in each round; bound the repetition/;
const ALTERNATIVES = /^may backtrack catastrophically: alternatives \d and \d of the group repeated at character \d+ can start with the same character; merge them/;
const TRADE = /^may backtrack catastrophically \(polynomial time\): the repetitions at characters \d+ and \d+ can match the same run of characters/;

export const HOSTILE: HostilePattern[] = [
  { name: 'the classic nested quantifier (a+)+$', source: '(a+)+$', message: NESTED },
  { name: 'a repeated group of identical alternatives ((a|a)+)$ (safe-regex2 let it through)', source: '((a|a)+)$', message: ALTERNATIVES },
  { name: 'alternatives where one is a prefix of another (a|aa)+$', source: '(a|aa)+$', message: ALTERNATIVES },
  { name: 'overlapping character classes as alternatives (\\d|\\w)+$', source: '(\\d|\\w)+$', message: ALTERNATIVES },
  { name: 'nested quantifiers with alternation (?:a|b|ab)*c', source: '(?:a|b|ab)*c', message: ALTERNATIVES },
  { name: 'a wildcard repeated twenty times (.*a){20}', source: '(.*a){20}', message: NESTED },
  { name: 'two classes that trade characters inside a repetition (\\w+\\d+)+c', source: '(\\w+\\d+)+c', message: NESTED },
  { name: 'optional whitespace inside a repeated word (?:\\s*[a-z]+)+$', source: '(?:\\s*[a-z]+)+$', message: NESTED },
  { name: 'a short variable repetition repeated without bound ([a-z]{1,3})+!', source: '([a-z]{1,3})+!', message: NESTED },
  { name: 'polynomial: two whitespace runs in sequence \\s*\\s*x$', source: '\\s*\\s*x$', message: TRADE },
  { name: 'polynomial: four runs of the same letter a*a*a*a*b', source: 'a*a*a*a*b', message: TRADE },
  { name: 'polynomial under the case-insensitive flag A*a*b', source: 'A*a*b', flags: 'i', message: TRADE },
  { name: 'a backreference to a group of unbounded length ^(a+)\\1$', source: '^(a+)\\1$', message: /^backreference at character 6 repeats a group of unbounded length/ },
  { name: 'a repeated backreference (a)\\1*\\1*b$', source: '(a)\\1*\\1*b$', message: /^backreference at character 4 is itself repeated/ },
];

export const BENIGN: { name: string; source: string; flags?: string }[] = [
  { name: 'an AWS key id with word boundaries', source: '\\b((?:AKIA|ASIA)[A-Z2-7]{16})\\b' },
  { name: 'a 40-character secret between lookarounds', source: '(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])' },
  { name: 'an anchored token', source: '^ghp_[A-Za-z0-9]{36}$' },
  { name: 'a bounded variable-length token', source: 'sk_live_[0-9a-zA-Z]{24,99}' },
  { name: 'a token with a dash in its class', source: 'xox[baprs]-[0-9a-zA-Z-]{10,48}' },
  { name: 'an assignment with optional quotes', source: '(?:key|secret)\\s*[:=]\\s*["\']?([A-Za-z0-9]{32})', flags: 'i' },
  { name: 'a suffix anchor', source: 'EXAMPLE$' },
  { name: 'a PEM header', source: '-----BEGIN [A-Z ]+PRIVATE KEY-----' },
  { name: 'a quoted value after an equals sign', source: '\\s*=\\s*"([^"]+)"' },
  { name: 'a password up to the next space', source: 'password\\s*[:=]\\s*(\\S+)' },
  { name: 'a quote matched again by a backreference to a one-character group', source: '(["\'])([A-Za-z0-9]{32})\\1' },
  { name: 'a host name of dot-separated labels', source: '(?:[a-z0-9-]+\\.)+example\\.com' },
  { name: 'a string literal with escapes', source: '"(?:[^"\\\\]|\\\\.)*"' },
  { name: 'a lookahead that checks the length first', source: 'acme_(?=[a-z0-9]{32}\\b)([a-z0-9]{32})' },
  { name: 'a whole base64 value', source: '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==)?$' },
  { name: 'a password in a URL', source: 'https?://[^\\s:@/]+:([^\\s:@/]+)@' },
  { name: 'a unicode property class', source: 'token:\\s*(\\p{L}{8,32})', flags: 'u' },
];
