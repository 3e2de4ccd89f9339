// `npm run eval`: precision, recall and F1 per provider family on labelled corpora (fixtures/eval) and tokens generated now.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileRules, loadRuleFiles } from '../build/src/rules/load.js';
import { buildRuleSet, detectFragment } from '../build/src/detect/engine.js';
import { makePathMatcher } from '../build/src/allow/allowlist.js';
import { RAW } from '../build/src/types.js';
import { base62, crc32 } from '../build/src/detect/checksum.js';
import { ageSecretKey, base64Url, jwtToken, pypiToken, seededRandom } from '../build/test/helpers/tokens.js';
import { FAMILIES, familyOf as ruleFamily } from '../build/src/rules/families.js';

const VARIANTS = Number(process.env.KEYFENCE_EVAL_VARIANTS ?? 3);
const SEED = Number(process.env.KEYFENCE_EVAL_SEED ?? 1);
const EVAL_DIR = 'fixtures/eval';

const loaded = loadRuleFiles();
const ruleSet = buildRuleSet(compileRules(loaded, { makePathMatcher }));
const rules = new Map(loaded.map(({ rule }) => [rule.id, rule]));
const familyOf = (ruleId) => (rules.has(ruleId) ? ruleFamily(rules.get(ruleId)) : 'generic');
const scan = (file, text, unread = false) => detectFragment(unread ? { file, text, unread } : { file, text }, ruleSet);
const joinParts = (parts) => (Array.isArray(parts) ? parts.join('') : parts);
const random = seededRandom(SEED);

// ---- token generation: mutate each rule's own example secret, keeping its shape --------------------------------
const CLASSES = ['01', '234567', '89', 'abcdef', 'ghijklmnopqrstuvwxyz', 'ABCDEF', 'GHIJKLMNOPQRSTUVWXYZ'];
const classOf = new Map(CLASSES.flatMap((c) => [...c].map((ch) => [ch, c])));

function mutate(secret, keep, share) {
  let out = secret.slice(0, keep);
  for (const ch of secret.slice(keep)) {
    const cls = classOf.get(ch);
    out += cls && random() < share ? cls[Math.floor(random() * cls.length)] : ch;
  }
  return out;
}

/** The example secret of a rule: pinned, or whatever the rule finds in its first match example. */
function exampleOf(rule) {
  for (const example of rule.examples.match) {
    const text = joinParts(example.text);
    const file = example.file ?? 'example.txt';
    const found = scan(file, text).find((f) => f.ruleId === rule.id);
    // The file goes with the text: some rules read only some files (the weak-password rules, configuration files).
    if (found) return { text, secret: found[RAW].secret, file };
  }
  return null;
}

const STRUCTURED = {
  'github-crc32': (s) => { const body = mutate(s.slice(4, 34), 0, 1); return s.slice(0, 4) + body + base62(crc32(body), 6); },
  'npm-crc32': (s) => { const body = mutate(s.slice(4, 34), 0, 1); return s.slice(0, 4) + body + base62(crc32(body), 6); },
  'pypi-macaroon': (s) => pypiToken(random, s.startsWith('pypi-AgENdGVzdC') ? 'test.pypi.org' : 'pypi.org'),
  jwt: () => jwtToken(random, 'HS256', { sub: `svc-${Math.floor(random() * 1e6)}`, iat: 1700000000 }),
  bech32: () => ageSecretKey(random),
  'basic-auth': () => Buffer.from(`svc${Math.floor(random() * 1e4)}:${base64Url(String(random())).slice(0, 14)}`).toString('base64'),
};

/** A fresh token the rule accepts in its example's context; falls back to the example secret when mutation fails. */
let fallbacks = 0;
function generate(rule) {
  const example = exampleOf(rule);
  if (!example) return null;
  const keep = Math.max(0, ...rule.keywords.map((k) => { const at = example.secret.toLowerCase().indexOf(k.toLowerCase()); return at === -1 ? 0 : at + k.length; }));
  for (let attempt = 0; attempt < 12; attempt++) {
    const fresh = rule.checksum && STRUCTURED[rule.checksum] ? STRUCTURED[rule.checksum](example.secret) : mutate(example.secret, keep, attempt < 6 ? 1 : 0.3);
    if (fresh === example.secret) continue;
    const text = example.text.split(example.secret).join(fresh);
    if (scan(example.file, text).some((f) => f.ruleId === rule.id && f[RAW].secret === fresh)) return { secret: fresh, text, file: example.file };
  }
  fallbacks++;
  return { secret: example.secret, text: example.text, file: example.file };
}

// ---- scoring ------------------------------------------------------------------------------------------------
const score = new Map(FAMILIES.map((f) => [f, { tp: 0, fn: 0, fp: 0, positives: 0 }]));
const misses = [];
const alarms = [];
const bySource = new Map();
const sourceScore = (source) => {
  const kind = source.startsWith('generated:lookalike') ? 'look-alike hashes and ids' : source.startsWith('generated:') ? 'generated tokens in rule contexts' : source.startsWith('positive/') ? 'positive templates' : source.startsWith('negative/') ? 'negative files' : 'rules\' noMatch examples';
  if (!bySource.has(kind)) bySource.set(kind, { samples: 0, tp: 0, fn: 0, fp: 0 });
  return bySource.get(kind);
};

/** One labelled text: `expected` lists { line, family } that must be found; every other finding is a false alarm. */
function judge(source, file, text, expected, unread = false) {
  const findings = scan(file, text, unread);
  const used = new Set();
  const src = sourceScore(source);
  src.samples++;
  for (const want of expected) {
    const s = score.get(want.family);
    s.positives++;
    const hit = findings.find((f) => !used.has(f) && f.line === want.line && familyOf(f.ruleId) === want.family);
    if (hit) {
      used.add(hit);
      s.tp++;
      src.tp++;
    } else {
      s.fn++;
      src.fn++;
      misses.push(`${source}:${want.line} expected ${want.family}${want.ruleId ? ` (${want.ruleId})` : ''}`);
    }
  }
  for (const f of findings) {
    if (used.has(f)) continue;
    // A second rule of the expected family on an expected line is a duplicate, not an alarm.
    if (expected.some((w) => w.line === f.line && w.family === familyOf(f.ruleId))) continue;
    score.get(familyOf(f.ruleId)).fp++;
    src.fp++;
    alarms.push(`${source}:${f.line} ${f.ruleId} ${f.match.slice(0, 80)}`);
  }
}

const lineOf = (text, index) => text.slice(0, index).split('\n').length;

// 1. Generated tokens in each rule's own example context.
const tokenFor = (id) => {
  const rule = rules.get(id);
  if (!rule) throw new Error(`fixtures/eval: unknown rule id "${id}"`);
  const made = generate(rule);
  if (!made) throw new Error(`rule ${id}: no match example found by the rule`);
  return made.secret;
};
for (const { rule } of loaded) {
  // A path rule reads the file name, not a token: each of its match examples is one unread file, reported at line 1.
  if (rule.target === 'path') {
    for (const example of rule.examples.match) judge(`generated:${rule.id}`, example.file, '', [{ line: 1, family: familyOf(rule.id), ruleId: rule.id }], true);
    continue;
  }
  for (let v = 0; v < VARIANTS; v++) {
    const made = generate(rule);
    if (!made) continue;
    const at = made.text.indexOf(made.secret);
    judge(`generated:${rule.id}`, made.file, made.text, [{ line: lineOf(made.text, at), family: familyOf(rule.id), ruleId: rule.id }]);
  }
}

// 2. Hand-written positive templates; {{rule-id}} becomes a fresh token; {{b64:…}}, {{pct:…}}, {{dockercfg:…}} encode it.
const ENCODERS = {
  b64: (s) => Buffer.from(s).toString('base64'),
  dockercfg: (s) => Buffer.from(JSON.stringify({ auths: { 'registry.acme.io': { auth: s } } })).toString('base64'),
  pct: (s) => [...s].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`).join(''), raw: (s) => s };
const listDir = (dir) => readdirSync(join(EVAL_DIR, dir)).filter((f) => !f.startsWith('.')).sort();
for (const name of listDir('positive')) {
  const template = readFileSync(join(EVAL_DIR, 'positive', name), 'utf8');
  const expected = [];
  const lines = template.split('\n').map((line, i) =>
    line.replace(/\{\{(?:(b64|pct|dockercfg):)?([a-z0-9-]+)\}\}/g, (_, enc, id) => {
      expected.push({ line: i + 1, family: familyOf(id), ruleId: id });
      return ENCODERS[enc ?? 'raw'](tokenFor(id));
    }),
  );
  judge(`positive/${name}`, name, lines.join('\n'), expected);
}

// 3. Hand-written negatives: nothing in them is a live credential.
for (const name of listDir('negative')) judge(`negative/${name}`, name, readFileSync(join(EVAL_DIR, 'negative', name), 'utf8'), []);

// 4. Generated look-alikes: hashes, ids and blobs in neutral places.
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
const b64 = (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256))).toString('base64');
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
const LOOKALIKES = [
  () => `commit ${hex(40)}`, () => `sha256: ${hex(64)}`, () => `"integrity": "sha512-${b64(64)}"`, () => `id: ${uuid()}`,
  () => `etag = "${hex(32)}"`, () => `image: registry.local/app@sha256:${hex(64)}`, () => `data:image/png;base64,${b64(90)}`,
  () => `const nonce = crypto.randomBytes(16); // e.g. ${b64(16)}`, () => `checksum = "${hex(40)}"`, () => `request_id="${uuid()}"`,
];
for (let i = 0; i < 200; i++) judge('generated:lookalike', 'notes.txt', (LOOKALIKES[i % LOOKALIKES.length])(), []);

// 5. Every rule's own noMatch examples, for that rule only (other rules may rightly fire on them).
for (const { rule } of loaded) {
  for (const example of rule.examples.noMatch) {
    sourceScore('noMatch').samples++;
    for (const f of scan(example.file ?? 'example.txt', joinParts(example.text))) {
      if (f.ruleId !== rule.id) continue;
      score.get(familyOf(rule.id)).fp++;
      sourceScore('noMatch').fp++;
      alarms.push(`noMatch:${rule.id} ${f.match.slice(0, 80)}`);
    }
  }
}

// ---- report -------------------------------------------------------------------------------------------------
const ratio = (a, b) => (b === 0 ? 1 : a / b);
const f1 = (p, r) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const pct = (x) => `${(x * 100).toFixed(1)}%`;
const rows = [];
const total = { tp: 0, fn: 0, fp: 0, positives: 0 };
const ruleCount = (family) => loaded.filter(({ rule }) => familyOf(rule.id) === family).length;
for (const family of FAMILIES) {
  const s = score.get(family);
  for (const k of Object.keys(total)) total[k] += s[k];
  const p = ratio(s.tp, s.tp + s.fp);
  const r = ratio(s.tp, s.tp + s.fn);
  rows.push([family, ruleCount(family), s.positives, s.tp, s.fn, s.fp, pct(p), pct(r), pct(f1(p, r))]);
}
const p = ratio(total.tp, total.tp + total.fp);
const r = ratio(total.tp, total.tp + total.fn);
rows.push(['all', loaded.length, total.positives, total.tp, total.fn, total.fp, pct(p), pct(r), pct(f1(p, r))]);
const header = ['family', 'rules', 'positives', 'TP', 'FN', 'FP', 'precision', 'recall', 'F1'];
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map((h, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log('\n| source | samples | TP | FN | FP |\n| --- | ---: | ---: | ---: | ---: |');
for (const [kind, v] of bySource) console.log(`| ${kind} | ${v.samples} | ${v.tp} | ${v.fn} | ${v.fp} |`);
console.log(`\nseed ${SEED}, ${VARIANTS} generated variants per rule, ${fallbacks} fell back to the example secret`);
if (misses.length > 0) console.log(`\nmissed (${misses.length}):\n  ${misses.slice(0, 40).join('\n  ')}`);
if (alarms.length > 0) console.log(`\nfalse alarms (${alarms.length}):\n  ${alarms.slice(0, 40).join('\n  ')}`);

// ---- drops: random tokens of each rule's own shape that a filter rejects ------------------------------------
// The generated positives above retry until the rule accepts a token, so they cannot show how often a real token
// of the right shape falls below an entropy floor or looks like a placeholder: here every drop a filter makes is
// counted (drops where the mutated token no longer has the rule's shape are not).
const DROP_SAMPLES = Number(process.env.KEYFENCE_EVAL_DROP_SAMPLES ?? 1000);
const drops = [];
for (const { rule } of loaded) {
  if (rule.checksum) continue;
  const example = exampleOf(rule);
  if (!example) continue;
  const keep = Math.max(0, ...rule.keywords.map((k) => { const at = example.secret.toLowerCase().indexOf(k.toLowerCase()); return at === -1 ? 0 : at + k.length; }));
  const reasons = new Map();
  for (let i = 0; i < DROP_SAMPLES; i++) {
    const fresh = mutate(example.secret, keep, 1);
    const text = example.text.split(example.secret).join(fresh);
    detectFragment({ file: example.file, text }, ruleSet, {
      trace: (id, reason) => {
        if (id !== rule.id || !text.includes(fresh)) return;
        const why = reason.replace(/ \(.*$/, '');
        if (why !== 'shape') reasons.set(why, (reasons.get(why) ?? 0) + 1);
      },
    });
  }
  const dropped = [...reasons.values()].reduce((a, b) => a + b, 0);
  if (dropped > 0) drops.push([rule.id, dropped, [...reasons].map(([why, n]) => `${why} ${n}`).join(', ')]);
}
drops.sort((a, b) => b[1] - a[1]);
console.log(`\nrandom tokens of a rule's own shape that its filters drop (${DROP_SAMPLES} per rule; a real token of that shape would be missed as often):`);
if (drops.length === 0) console.log('  none');
else for (const [id, n, why] of drops) console.log(`  ${id}: ${n} (${(n / DROP_SAMPLES * 100).toFixed(2)} %): ${why}`);

// ---- strangers' corpora and real code (scripts/eval-corpora.js) --------------------------------------------------
const { evalCorpora } = await import('./eval-corpora.js');
evalCorpora({
  scan: (file, text, options = {}) => detectFragment({ file, text }, ruleSet, options),
  familyOf,
  disputesFile: join(EVAL_DIR, 'disputes.jsonl'),
  projectRoot: process.cwd(),
});
