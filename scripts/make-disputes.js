// Writes fixtures/eval/disputes.jsonl: the development corpora's labels this project disputes, each by a rule stated
// below, row by row (never by file). `npm run eval` reads the file and reports those rows apart. Run it after a
// corpus changes: node scripts/make-disputes.js [CORPORA_DIR]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { findCorpora } from './corpora.js';
import { sequenceShareOf } from '../build/src/detect/value-classifier.js';
import { CHECKSUMS, decodeBase64 } from '../build/src/detect/checksum.js';

const dir = findCorpora(process.argv[2]);
if (!dir) throw new Error('make-disputes: no shared/corpora folder found above the project; pass its path');
const read = (corpus) => readFileSync(join(dir, corpus, 'truth.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const lines = new Map();
const lineOf = (corpus, file, n) => {
  const key = `${corpus}/${file}`;
  if (!lines.has(key)) lines.set(key, readFileSync(join(dir, corpus, 'data', file), 'utf8').split('\n'));
  return lines.get(key)[n - 1] ?? '';
};

const RULES = {
  'uuid-identifier': 'a UUID with no credential-like name before it (an id, kid, lineage, a GUID in a path): an identifier, not a credential',
  'nkey-public': 'a 56-character base32 value assigned to nkey: a NATS public NKEY (the secret is the 58-character S… seed)',
  'aws-unique-id': 'an IAM unique id (AIDA/AROA/AGPA/ANPA/AIPA…): an identifier that grants nothing (AWS documents it as not secret)',
  's3-bucket': 'an S3 bucket host name: an identifier, not a credential',
  'jwk-metadata-line': 'a JWK line holding only kty/kid/use/alg/crv: no key material (the private parameter is on its own line)',
  'placeholder-sequence': 'Kingfisher marks it a placeholder and an alphabet, digit or keyboard run fills at least half of the token (the same test the classifier applies)',
  'checksum-fails': 'a GitHub (gh?_) or npm (npm_) token whose last 6 characters are not the CRC-32 of the rest, a pypi- token that is no macaroon, or an AGE-SECRET-KEY-1… whose Bech32 checksum fails: the issuer never produced it',
  'pem-too-short': 'a private-key PEM block whose base64 body is under 100 characters (75 bytes): too short to hold any private key, encrypted or not (the smallest, an Ed25519 PKCS#8 key, is 64 characters of body only when unencrypted and is read as such)',
  'public-identifier': "the corpus's own rule names the value an identifier (an OAuth client or app id, a publishable or public key, a host, account or user name): it grants nothing alone",
  'made-up-runs': 'alphabet, digit or keyboard runs (read forwards or backwards, or letters and digits read apart: a1b2c3…, abcd1234efgh…) fill the token: a made-up example, not a random key',
  'repeated-run': 'a digit repeated six or more times in a row (511111111), or one character filling half the token (aaaaaaaa): a made-up example (a random hex token holds such a digit run about once in ten million positions)',
  'example-uuid': 'the documentation example UUID 123e4567-e89b-12d3-a456-426614174000 or a value built on its first four groups, not a key anyone was issued',
  'alphabet-run': 'ten or more letters or digits in alphabet order (abcdefghij, 0123456789) inside a plain token (no JWT or base64 text) of up to 100 characters: a random token holds such a run about once in 10^12 positions, so someone typed it',
  'repeated-chunk': 'the same run of eight or more characters (a letter among them) appears twice in a plain token of up to 100 characters: a random token of this length repeats one less than once in a million, so the example was pasted together',
  'jwt-undecodable': 'an ey… token (base64 of {) of three parts whose header or payload does not decode to a JSON object, one of two or four parts (a signed JWT has three, an encrypted one five), or the jwt.io sample (sub 1234567890, John Doe): not a token an issuer produced',
  'public-value': "the value is public by its issuer's documentation: an age recipient (age1…, the public half; the secret is AGE-SECRET-KEY-1…), a Mapbox public token (pk.…, made for browser code), a Square application ID (sq0idp-…)",
  'no-key-material': 'Google service-account fields without a private_key: the credential is the private key; type, client_email, client_id and the certificate URLs are public metadata',
  'url-only': 'an endpoint URL alone, with no user:password@, no query and no path part of 16 or more random characters: a host and a path, not a credential',
  'hex-retyped': 'a lower-case token of a hex digest length (32, 40 or 64) where hex characters fill at least 75% and letters past f the rest: a hex key retyped by hand (a random base-36 token of this length is 44% hex on average and reaches 75% about once in 10^4, a hex key never holds g–z)',
  'hex-mixed-case': 'a token of 32 or more hex characters with upper- and lower-case letters mixed: issuers print hex in one case; a mixed-case run is a case-insensitive regex generator writing, and a random base-62 token is all hex about once in 10^14',
  'base64-of-text': 'the value is base64 of readable text (decoded: printable ASCII with spaces between words, "…example…"): someone encoded a sentence, an issued key is random bytes',
  'slack-webhook-no-ids': 'a hooks.slack.com services/workflows/triggers URL with no team id segment (T…/): Slack writes these URLs as /services/T…/B…/secret (workflows and triggers also start with the team id), so a single random path part is not one Slack issues',
  'placeholder-password': 'the only password value is the word password itself or a SOME_/YOUR_/MY_ placeholder of it: a template, not a credential',
  'class-alternation': 'letters and digits alternate with a fixed period of 2 or 4 over the whole token of 16 or more characters (a1b2c3…, ab12cd34…, X1Y2Z3…): in a random base-36 token each place keeps the period with odds near 0.6, so a whole token keeping it happens about once in 10^6 or less; someone typed it',
  'arn-resource-id': 'a UUID that is the resource part of an AWS ARN (arn:aws:kms:…:key/<uuid>): AWS documents key ids and ARNs as identifiers, printed in logs and policies; they grant nothing',
  'entra-tenant-id': 'a UUID in a login.microsoftonline.com authority URL: the Microsoft Entra tenant id, public (any client reads it from the tenant\'s OpenID discovery document)',
  'salesforce-org-id': 'a Salesforce organization id (00D + 12 or 15 characters): an identifier shown on the org\'s setup page and in every login URL, not a credential',
  'bedrock-truncated': 'a Bedrock short-term key is bedrock-api-key- and the base64 of a SigV4 presigned URL; one whose body decodes to no X-Amz- query is truncated',
  'slack-segments': 'a Slack token whose segments break the layout Slack issues: every xox…- token carries a numeric team or user id segment; a bot token ends in 24 letters or digits, a user token (xoxp/xoxe with three id segments) in 32 hex, an app token (xapp-) in 64 hex',
  'off-shape': "the token carries its provider's fixed prefix but not the provider's documented layout: a Square EAAA access token is 64 characters and an sq0csp- secret 43 base64url characters, a Telnyx v2 key is KEY + 32 upper-case hex + _ + 22 letters or digits, a Stripe live key has 24 or more characters after sk_live_/rk_live_, an OpenAI sk- key carries T3BlbkFJ (base64 of 'OpenAI'), an Azure AI Search key is 32 hex or 52 characters with the AzSe signature at place 43, an Intercom token (dG9rO…) is base64 of the ASCII text tok:…",
  'prefix-misspelled': "a one-letter variant of a provider's fixed prefix (ffio-u- for Frame.io's fio-u-, ANzaSy for Google's AIzaSy): an issuer writes its own prefix exactly",
  'uuid-not-hex': 'a UUID-shaped value (8-4-4-4-12) holding letters past f: a UUID is hex, so nobody issued it',
  'periodic-body': 'a token of 40 or more characters that is one chunk of at most 16 characters repeated over three quarters of it or more: a random key does not repeat itself',
  'few-symbols': 'a token of 24 or more characters written with at most 8 distinct characters (6Lcr--w-BBBBBw-w-…): a random key of this length uses about 20 or more',
  'placeholder-words': 'the value spells two or more placeholder words (random, content, example, sample, dummy, your, placeholder…): a template, not an issued key',
  'zapier-hook-no-account': 'a hooks.zapier.com/hooks/catch/ URL without its numeric account segment: Zapier writes every catch hook as catch/<account digits>/<hook id>/',
  'bare-word': "the row's whole text is one word of at most 16 characters, with no name, key or assignment beside it: no scanner can tell it from text",
  'digest-of-word': "a 32- or 40-hex value that is the MD5 or SHA-1 of a common word (5f4dcc3b… = md5('password')), found by hashing a small word list: a digest someone made, not an issued key",
};

const WORDS = ['password', 'hello', 'secret', 'admin', 'test', 'token', 'apikey', 'key', 'example', '123456', 'qwerty', 'letmein', 'root', 'user', 'guest', 'changeme', 'welcome', 'default', 'foo', 'bar', 'abc123', 'password123'];
const DIGESTS = new Set(WORDS.flatMap((w) => ['md5', 'sha1'].map((a) => createHash(a).update(w).digest('hex'))));
const PLACEHOLDER_WORDS = /random|content|example|sample|dummy|your|placeholder|replace|fake/gi;

const out = [];
const dispute = (corpus, row, rule) => out.push({ corpus, file: row.file, start_line: row.start_line, end_line: row.end_line, label: row.label, type: row.category ?? row.type, rule, reason: RULES[rule] });

for (const row of read('creddata-dev')) {
  if (row.label !== 'T') continue;
  const line = lineOf('creddata-dev', row.file, row.start_line);
  const value = row.value_start >= 0 ? line.slice(row.value_start, row.value_end) : '';
  const before = row.value_start >= 0 ? line.slice(Math.max(0, row.value_start - 60), row.value_start) : line;
  const categories = row.category.split(':');
  if (row.category === 'UUID' && !/pass|pwd|secret|token|key|auth|cred/i.test(before)) dispute('creddata-dev', row, 'uuid-identifier');
  else if (categories.includes('Key') && /nkey/i.test(before) && /^[A-Z2-7]{56}$/.test(value)) dispute('creddata-dev', row, 'nkey-public');
  else if (categories.includes('AWS Client ID') && /^A(?:IDA|ROA|GPA|NPA|IPA|NVA|PKA|SCA)/.test(value)) dispute('creddata-dev', row, 'aws-unique-id');
  else if (row.category === 'AWS S3 Bucket') dispute('creddata-dev', row, 's3-bucket');
  else if (row.category === 'UUID' && /arn:aws[\w-]*:[\w-]+:[\w-]*:\d{12}:[\w-]+\/$/.test(before)) dispute('creddata-dev', row, 'arn-resource-id');
  else if (row.category === 'UUID' && /login\.microsoftonline\.com\/$/.test(before)) dispute('creddata-dev', row, 'entra-tenant-id');
  else if (row.category === 'Salesforce Credentials' && /^00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/.test(value)) dispute('creddata-dev', row, 'salesforce-org-id');
  else if (categories.includes('JWK') && /^\s*(?:kty|kid|use|alg|crv)\s*:\s*'[^']*',?\s*$/.test(line)) dispute('creddata-dev', row, 'jwk-metadata-line');
}
for (const row of read('kingfisher')) {
  if (row.label !== 'tp' || !row.placeholder) continue;
  const tokens = (row.text.match(/[A-Za-z0-9_+/=.-]{12,}/g) ?? []).sort((a, b) => b.length - a.length);
  if (tokens.length > 0 && sequenceShareOf(tokens[0]) >= 0.5) dispute('kingfisher', row, 'placeholder-sequence');
}
const disputed = new Set(out.map((d) => `${d.corpus}/${d.file}:${d.start_line}`));
for (const corpus of ['gitleaks', 'kingfisher']) {
  for (const row of read(corpus)) {
    if (row.label !== 'tp' || disputed.has(`${corpus}/${row.file}:${row.start_line}`)) continue;
    const rule = providerRowDispute(corpus, row);
    if (rule) dispute(corpus, row, rule);
  }
}
/** The dispute rule a provider row of gitleaks or Kingfisher falls under, if any (first match wins). */
function providerRowDispute(corpus, row) {
  const text = row.text;
  const checked = [...text.matchAll(/(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36}|npm_[A-Za-z0-9]{36}|pypi-AgE[A-Za-z0-9_-]{40,}|AGE-SECRET-KEY-1[0-9A-Z]{58})(?![A-Za-z0-9_])/g)].map((m) => m[1]);
  const checksumOf = (t) => (t.startsWith('pypi-') ? 'pypi-macaroon' : t.startsWith('npm_') ? 'npm-crc32' : t.startsWith('AGE-') ? 'bech32' : 'github-crc32');
  const passes = (t) => CHECKSUMS[checksumOf(t)](t.startsWith('AGE-') ? t.toLowerCase() : t);
  if (checked.length > 0 && !checked.some(passes)) return 'checksum-fails';
  const pem = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY[A-Z ]{0,10}-----\s*((?:[A-Za-z-]{1,20}: [^\n]{1,120}\n){0,4})([A-Za-z0-9+/=\s]*?)-----END /.exec(text);
  if (pem && pem[1] === '' && pem[2].replace(/\s/g, '').length < 100) return 'pem-too-short';
  const publicType = corpus === 'gitleaks' ? /(?:client-id|pub(?:lic)?-(?:api-)?key)$/.test(row.type) : row.identifier === true;
  if (publicType) return 'public-identifier';
  const token = valueTokenOf(text);
  const value = publicOrEmpty(text, token);
  if (value) return value;
  if (/123e4567-?e89b-?12d3-?a456-?[0-9a-z]{12}/i.test(text)) return 'example-uuid';
  // ey… is base64 of '{': a signed JWT has three parts and an encrypted one five, so two or four parts no issuer gave out
  const jwtParts = /^ey[A-Za-z0-9_-]/.test(token) ? token.split('.').length : 0;
  if (jwtParts === 2 || jwtParts === 4 || (jwtParts === 3 && (!CHECKSUMS.jwt(token) || isJwtIoSample(token)))) return 'jwt-undecodable';
  const bedrock = /bedrock-api-key-([A-Za-z0-9+/=]+)/.exec(text);
  if (bedrock && !/X-Amz-/.test(decodeBase64(bedrock[1])?.toString('latin1') ?? '')) return 'bedrock-truncated';
  if (token.length >= 12 && madeUpRuns(token)) return 'made-up-runs';
  if (/(\d)\1{5}/.test(token) || mostCommonShare(token) >= 0.5) return 'repeated-run';
  // JWTs and other base64 text repeat and run by their encoding, not by hand: only plain tokens up to 100 characters
  const plain = token.length <= 100 && !/^eyJ/.test(token);
  if (plain && token.length >= 16 && longestOrderedRun(token) >= 10) return 'alphabet-run';
  if (plain && token.length >= 24 && /((?=[0-9]{0,7}[A-Za-z])[A-Za-z0-9]{8}).*\1/.test(token)) return 'repeated-chunk';
  return shapeDispute(corpus, row, text, token);
}

/** Rows whose value is public, absent or a placeholder by its form (the rules public-value to base64-of-text). */
function publicOrEmpty(text, token) {
  if (/(?<![A-Za-z0-9])age1[02-9ac-hj-np-z]{58}(?![A-Za-z0-9])/.test(text) && !/AGE-SECRET-KEY-/i.test(text)) return 'public-value';
  if (/(?<![A-Za-z0-9_.-])pk\.eyJ[A-Za-z0-9_-]{20,}/.test(text) && !/(?<![A-Za-z0-9_.-])[st]k\.eyJ/.test(text)) return 'public-value';
  if (/^sq0idp-[A-Za-z0-9_-]{22,43}$/.test(token)) return 'public-value';
  if (/service_account|auth_provider_x509_cert_url|client_x509_cert_url/.test(text) && !/private_key|PRIVATE KEY/.test(text)) return 'no-key-material';
  const url = /^\s*(?:[A-Za-z_][\w.-]{0,40}\s*[=:]\s*)?["']?(https?:\/\/[^\s"'@?]+)["']?\s*$/.exec(text);
  if (url && !url[1].split(/[/.]/).some((p) => p.length >= 16 && /[0-9]/.test(p) && /[A-Za-z]/.test(p))) return 'url-only';
  if (/hooks\.slack\.com\/(?:services|workflows|triggers)\/(?!T[A-Z0-9]{6,12}\/)[A-Za-z0-9]{20,}\s*$/.test(text)) return 'slack-webhook-no-ids';
  const passwords = [...text.matchAll(/\bpass(?:word|wd)?["']?\s*[=:]?\s*["']([^"'\s]{1,64})["']/gi)].map((m) => m[1]);
  // Only where no other credential stands beside it (a Basic header's base64 of 24 or more characters)
  if (passwords.length > 0 && !/[A-Za-z0-9+/=]{24,}/.test(text) && passwords.every((p) => /^(?:(?:some|your|my)_?)?pass(?:word|wd)?$/i.test(p))) return 'placeholder-password';
  const bare = token.replace(/^[^=:]*[=:]/, '');
  if ([32, 40, 64].includes(bare.length) && /^[0-9a-z]+$/.test(bare) && /[g-z]/.test(bare) && (bare.match(/[0-9a-f]/g) ?? []).length / bare.length >= 0.75) return 'hex-retyped';
  // Not inside a PEM block (its DEK-Info IV is the key's own) nor a password, which a person chooses; a leading
  // upper-case type prefix (Twilio's AC…) is no mixing
  if (classAlternates(token)) return 'class-alternation';
  const hexRuns = /PRIVATE KEY|SecureString|pass(?:word|wd)?\b|pwd/i.test(text) ? [] : text.match(/(?<![A-Za-z0-9])[0-9A-Fa-f]{32,}(?![A-Za-z0-9])|(?<=_)[0-9A-Fa-f]{32,}(?![A-Za-z0-9])/g) ?? [];
  if (hexRuns.map((h) => h.replace(/^[A-Z]{1,3}(?=[0-9a-f]{30,}$)/, '')).some((h) => (h.match(/[A-F]/g) ?? []).length >= 3 && (h.match(/[a-f]/g) ?? []).length >= 3)) return 'hex-mixed-case';
  const b64 = /(?<![A-Za-z0-9+/])([A-Za-z0-9+/]{24,}={0,2})(?![A-Za-z0-9+/=])/.exec(text.replace(/^[^=:]*[=:]/, ''));
  const decoded = b64 ? decodeBase64(b64[1])?.toString('latin1') ?? '' : '';
  // Random bytes decode to 16 or more letters, digits and spaces about once in 10^9: one space is enough
  if (decoded.length >= 16 && /^[\x20-\x7e]+$/.test(decoded) && decoded.includes(' ') && /^[A-Za-z0-9 .,'!?:-]+$/.test(decoded)) return 'base64-of-text';
  return undefined;
}

/** Rows whose token breaks its provider's documented layout (the rules slack-segments to digest-of-word). */
function shapeDispute(corpus, row, text, token) {
  const provider = corpus === 'gitleaks' ? row.type : row.provider;
  for (const m of text.matchAll(/(?<![A-Za-z0-9])(xox[a-z]|xapp)-([A-Za-z0-9-]+)/g)) {
    const parts = m[2].split('-'), tail = parts[parts.length - 1], ids = parts.filter((p) => /^\d{6,}$/.test(p)).length;
    // Configuration tokens (xoxe.xoxp-1-…, xoxe-1-…) carry no ids, only a secret of 130 or more characters
    if (ids === 0 && tail.length < 100) return 'slack-segments';
    if (m[1] === 'xoxb' && ids === 2 && tail.length !== 24) return 'slack-segments';
    if (/^xox[pe]$/.test(m[1]) && ids === 3 && !/^[0-9a-f]{32}$/.test(tail)) return 'slack-segments';
    if (m[1] === 'xapp' && !/^[0-9a-f]{64}$/.test(tail)) return 'slack-segments';
  }
  const eaaa = /(?<![A-Za-z0-9_-])EAAA[A-Za-z0-9_-]+/.exec(text);
  if (/square/.test(provider) && eaaa && eaaa[0].length !== 64) return 'off-shape';
  if (/sq0csp-(?![A-Za-z0-9_-]{43}(?![^\s<"']))/.test(text)) return 'off-shape';
  if (provider === 'telnyx' && /(?<![A-Za-z0-9])KEY[A-Za-z0-9_-]{20,}/.test(text) && !/KEY[0-9A-F]{32}_[A-Za-z0-9]{22}/.test(text)) return 'off-shape';
  if (/(?<![A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{1,23}(?![A-Za-z0-9])/.test(text)) return 'off-shape';
  if (provider === 'openai' && /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{40,}/.test(text) && !/T3BlbkFJ/.test(text)) return 'off-shape';
  const search = /azure[_.-]?search[^=:\n]{0,20}[=:]\s*["']?([A-Za-z0-9]{20,})/i.exec(text);
  if (search && !/^(?:[0-9A-F]{32}|[0-9a-f]{32}|[A-Za-z0-9]{42}AzSe[A-Za-z0-9]{6})$/.test(search[1])) return 'off-shape';
  const intercom = /(?<![A-Za-z0-9+/])dG9rO[A-Za-z0-9+/]{20,}={0,2}/.exec(text);
  if (intercom && !/^tok:[\x20-\x7e]+$/.test(decodeBase64(intercom[0])?.toString('latin1') ?? '')) return 'off-shape';
  if (/(?<![A-Za-z0-9])(?:[a-eg-z]fio-u-|ffio-u-)|(?<![A-Za-z0-9])A[A-HJ-Z]zaSy/.test(text)) return 'prefix-misspelled';
  if (/(?<![A-Za-z0-9-])(?=[0-9A-Za-z-]{0,35}[g-zG-Z])[0-9A-Za-z]{8}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{12}(?![A-Za-z0-9-])/.test(text)) return 'uuid-not-hex';
  if (token.length >= 40 && /([A-Za-z0-9+/_-]{2,16}?)\1{3,}/.exec(token)?.[0].length >= token.length * 0.75) return 'periodic-body';
  const body = token.replace(/^[A-Za-z_][A-Za-z0-9_.-]*?[=:]/, '');
  if (body.length >= 24 && new Set(body).size <= 8) return 'few-symbols';
  if (new Set((body.match(PLACEHOLDER_WORDS) ?? []).map((w) => w.toLowerCase())).size >= 2) return 'placeholder-words';
  if (/hooks\.zapier\.com\/hooks\/catch\/(?!\d+\/)/.test(text)) return 'zapier-hook-no-account';
  if (/^\s*[A-Za-z0-9@!$#%^&*._-]{1,16}\s*$/.test(text)) return 'bare-word';
  if ((text.match(/(?<![A-Za-z0-9])[0-9a-f]{32}(?:[0-9a-f]{8})?(?![A-Za-z0-9])/g) ?? []).some((h) => DIGESTS.has(h))) return 'digest-of-word';
  return undefined;
}

/** Whether the token's letter/digit classes repeat with period 2 or 4 at every place (both classes present). */
function classAlternates(token) {
  const value = token.replace(/^[A-Za-z_][A-Za-z0-9_.-]*?[=:]/, '');
  // The whole value, or its last part after a prefix (bkua_…, name-…)
  return [value, value.split(/[-_]/).pop() ?? ''].some((part) => {
    const body = part.replace(/[^A-Za-z0-9]/g, '');
    if (body.length < 16 || !/[0-9]/.test(body) || !/[A-Za-z]/.test(body)) return false;
    const classes = [...body].map((c) => (/[0-9]/.test(c) ? 'd' : 'l'));
    return [2, 4].some((period) => classes.every((c, i) => i < period || c === classes[i - period]));
  });
}

/** The longest run of word characters, with a leading `name=` taken off (the value of `acme_key=…`, not the name). */
function valueTokenOf(text) {
  const tokens = (text.match(/[A-Za-z0-9_+/=.-]{12,}/g) ?? []).map((t) => t.replace(/^[A-Za-z_][A-Za-z0-9_.-]*?=(?=[A-Za-z0-9+/_-])/, ''));
  return tokens.sort((a, b) => b.length - a.length)[0] ?? '';
}

/** The longest run of letters (either case) or digits that follow each other in the alphabet. */
function longestOrderedRun(token) {
  const lower = token.toLowerCase();
  let best = 1, n = 1;
  for (let i = 1; i < lower.length; i++) {
    const prev = lower.charCodeAt(i - 1), cur = lower.charCodeAt(i);
    const sameClass = /[a-z]/.test(lower[i]) === /[a-z]/.test(lower[i - 1]) && /[a-z0-9]/.test(lower[i]) && /[a-z0-9]/.test(lower[i - 1]);
    n = sameClass && cur === prev + 1 ? n + 1 : 1;
    if (n > best) best = n;
  }
  return best;
}

function madeUpRuns(token) {
  const body = token.replace(/[^A-Za-z0-9]/g, '');
  const letters = body.replace(/[0-9]/g, ''), digits = body.replace(/[A-Za-z]/g, '');
  const reversed = [...body].reverse().join('');
  if (Math.max(sequenceShareOf(body), sequenceShareOf(reversed)) >= 0.5) return true;
  // aaaabbbbcccc…: each character of a run typed several times
  const collapsed = body.replace(/(.)\1+/g, '$1');
  if (collapsed.length <= body.length / 2 && sequenceShareOf(collapsed) >= 0.8) return true;
  const runs = (s) => Math.max(sequenceShareOf(s), sequenceShareOf([...s].reverse().join('')));
  return letters.length >= 6 && digits.length >= 6 && runs(letters) >= 0.8 && runs(digits) >= 0.8;
}

function mostCommonShare(token) {
  const counts = new Map();
  for (const ch of token) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return Math.max(...counts.values()) / token.length;
}

function isJwtIoSample(token) {
  const payload = decodeBase64(token.split('.')[1] ?? '')?.toString('utf8') ?? '';
  return payload.includes('"sub":"1234567890"') && payload.includes('John Doe');
}

writeFileSync(new URL('../fixtures/eval/disputes.jsonl', import.meta.url), out.map((r) => JSON.stringify(r)).join('\n') + '\n');
const counts = {};
for (const r of out) counts[`${r.corpus} ${r.rule}`] = (counts[`${r.corpus} ${r.rule}`] ?? 0) + 1;
console.log(`${out.length} disputed rows`, counts);
