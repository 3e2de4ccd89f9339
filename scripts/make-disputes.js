// Writes fixtures/eval/disputes.jsonl: the development corpora's labels this project disputes, each by a rule stated
// below, row by row (never by file). `npm run eval` reads the file and reports those rows apart. Run it after a
// corpus changes: node scripts/make-disputes.js [CORPORA_DIR]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findCorpora } from './corpora.js';
import { sequenceShareOf } from '../build/src/detect/value-classifier.js';

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
};

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
  else if (categories.includes('JWK') && /^\s*(?:kty|kid|use|alg|crv)\s*:\s*'[^']*',?\s*$/.test(line)) dispute('creddata-dev', row, 'jwk-metadata-line');
}
for (const row of read('kingfisher')) {
  if (row.label !== 'tp' || !row.placeholder) continue;
  const tokens = (row.text.match(/[A-Za-z0-9_+/=.-]{12,}/g) ?? []).sort((a, b) => b.length - a.length);
  if (tokens.length > 0 && sequenceShareOf(tokens[0]) >= 0.5) dispute('kingfisher', row, 'placeholder-sequence');
}
writeFileSync(new URL('../fixtures/eval/disputes.jsonl', import.meta.url), out.map((r) => JSON.stringify(r)).join('\n') + '\n');
const counts = {};
for (const r of out) counts[`${r.corpus} ${r.rule}`] = (counts[`${r.corpus} ${r.rule}`] ?? 0) + 1;
console.log(`${out.length} disputed rows`, counts);
