// The name lexicon: whether an assigned name is credential-like (password, api key, client secret…), by its words.

/** Words that make a name a credential when they are its head (its last word that is not a qualifier). */
const HEADS = new Set([
  'password', 'passwords', 'passwd', 'pwd', 'pass', 'passphrase', 'passcode', 'secret', 'secrets', 'token', 'tokens',
  'apikey', 'credential', 'credentials', 'creds', 'cred', 'auth', 'authorization', 'salt', 'pepper', 'nonce', 'seed',
  'key', 'keys', 'verifier',
]);

/** Words a name may carry after its head without changing what it is (`db_password_prod`, `api_key_2`). */
const QUALIFIERS = new Set([
  'prod', 'production', 'dev', 'development', 'test', 'testing', 'staging', 'stage', 'local', 'qa', 'live', 'sandbox', 'default',
  'value', 'str', 'string', 'raw', 'plain', 'plaintext', 'clear', 'base64', 'b64', 'hex', 'new', 'old', 'current', 'primary',
  'secondary', 'backup', 'main', 'encoded', 'bytes', 'data', 'env', 'here', 'literal', 'const',
  // The same password typed again (`password_confirmation`, `passwordRepeat`): a copy of the credential.
  'confirmation', 'confirm', 'confirmed', 'repeat', 'repeated', 'again', 'retype', 'retyped',
]);

/** Words before `key` that make it a key of a lock or a map, not a credential (`sort_key`, `cache_key`). */
const NOT_CREDENTIAL_KEYS = new Set([
  'public', 'pub', 'sort', 'cache', 'primary', 'foreign', 'partition', 'hash', 'range', 'index', 'map', 'object', 'dict', 'lookup',
  'unique', 'composite', 'row', 'column', 'react', 'event', 'table', 'shortcut', 'hot', 'keyboard', 'enter', 'escape', 'tab',
  'group', 'idempotency', 'dedup', 'routing', 'shard', 'registry', 'translation', 'i18n', 'message', 'config', 'setting',
  'settings', 'json', 'yaml', 'dom', 'node', 'item', 'list', 'field', 'attribute', 'attr', 'property', 'prop', 'meta', 'metadata',
  'next', 'prev', 'previous', 'first', 'last', 'start', 'end', 'parent', 'child', 'root', 'query', 'search', 'filter', 'order',
  'menu', 'ui', 'view', 'page', 'state', 'store', 'redux', 'local', 'session', 'cookie', 'header', 'env', 'name', 'data', 'component',
  'host', 'ssh', 'known', 'trusted', 'gpg', 'pgp', 'recv', 'receive', 'release', 'manager', 'signer', 'upload', 'verify', 'verification', 'license', 'product', 'serial', 'activation', 'music',
  'piano', 'door', 'car', 'lock', 'unlock', 'turn', 'press', 'on', 'off', 'up', 'down', 'left', 'right', 'modifier', 'mod', 'meta',
  // Verbs of key-ring tools (`gpg-wks-server --install-key FINGERPRINT`, `--recv-key`): they take a key's id.
  'install', 'import', 'export', 'delete', 'revoke', 'fetch', 'lsign', 'edit',
]);

/** Words before `token` that make it a counter, a parser token or a pagination cursor (`max_tokens`, `next_token`). */
const NOT_CREDENTIAL_TOKENS = new Set([
  'max', 'min', 'num', 'total', 'count', 'limit', 'next', 'prev', 'previous', 'page', 'continuation', 'pagination', 'cursor',
  'sync', 'lexer', 'parser', 'yaml', 'json', 'xml', 'css', 'html', 'syntax', 'ast', 'input', 'output', 'prompt', 'completion',
  'cancellation', 'cancel', 'abort', 'stop', 'end', 'start', 'eof', 'word', 'special', 'unknown', 'pad', 'padding', 'sep',
  'mask', 'bos', 'eos', 'unk', 'cls', 'design', 'color', 'theme', 'type', 'injection', 'di', 'string', 'text',
]);

/** Words before the head that say the value is public, or not the credential itself (`hashed_secret`, `encrypted_password`). */
const NOT_PLAINTEXT = new Set(['public', 'pub', 'publishable', 'hashed', 'hash', 'encrypted', 'masked', 'redacted', 'obfuscated']);

/** Compound words written without separators: `apikey`, `dbpassword`, `accesstoken`. */
// `PGPASSWORD`, `MYSQL_PWD`-style environment names of database clients too.
const COMPOUND = /^(api|app|access|auth|cred|secret|private|client|master|consumer|refresh|bearer|session|db|root|admin|user|service|account|oauth|jwt|signing|encryption|webhook|bot|deploy|login|mail|smtp|ftp|sql|redis|mongo|ldap|proxy|vault|cipher|crypt|pg|mysql|postgres|keystore|truststore|store|wifi|sudo|vnc|smb)(password|passwd|pwd|pass|secret|token|key)$/;

// sshpass's `SSHPASS`: ssh with a password word only (`sshkey` names a key file as often as a key).
const SSH_PASSWORD = /^(ssh)(password|passwd|pwd|pass)$/;

/** `XMLHttp` splits before its last capital, but `PRIVATEkey` and `APIkey` end in a credential word written in lower case. */
function splitCapitals(_all: string, capitals: string, last: string, lower: string): string {
  return HEADS.has(lower) ? `${capitals}${last} ${lower}` : `${capitals} ${last}${lower}`;
}

/** A name split into lower-case words: camelCase, snake_case, kebab-case, dotted and compound words. */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  for (const part of name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z])([a-z]+)/g, splitCapitals).split(/[^A-Za-z0-9]+/)) {
    if (part === '') continue;
    const lower = part.toLowerCase();
    const compound = COMPOUND.exec(lower) ?? SSH_PASSWORD.exec(lower);
    if (compound) words.push(compound[1] as string, compound[2] as string);
    else words.push(lower);
  }
  return words;
}

export interface NameVerdict {
  /** The name's words up to its head, joined by `_`: what detector rules' name patterns are tested against. */
  normal: string;
  head: string;
  /** The word before the head, if any (`api` in `api_key`). */
  qualifier?: string;
}

/** A credential-like name, or null: its head word names a credential and no negative word says otherwise. */
export function judgeName(name: string): NameVerdict | null {
  const words = nameWords(name);
  let end = words.length - 1;
  while (end > 0 && (QUALIFIERS.has(words[end] as string) || /^v?\d+$/.test(words[end] as string))) end--;
  const head = words[end];
  // The head decides: `password_hint`, `token_url` and `key_id` end in a word that is not a credential.
  if (head === undefined || !HEADS.has(head)) return null;
  const before = end > 0 ? words[end - 1] : undefined;
  if ((head === 'key' || head === 'keys') && before !== undefined && NOT_CREDENTIAL_KEYS.has(before)) return null;
  if ((head === 'token' || head === 'tokens') && before !== undefined && NOT_CREDENTIAL_TOKENS.has(before)) return null;
  if (words.slice(0, end).some((w) => NOT_PLAINTEXT.has(w))) return null;
  const verdict: NameVerdict = { normal: words.slice(0, end + 1).join('_'), head };
  if (before !== undefined) verdict.qualifier = before;
  return verdict;
}
