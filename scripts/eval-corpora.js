// `npm run eval`, part two: keyfence on data nobody here wrote. The three development corpora in ../shared/corpora
// (scored by their own scorers, plus the rows this project disputes reported apart) and findings on real code that
// holds no live secret (this project's node_modules, Debian's Python standard library, /usr/share, Debian's Python
// packages in /usr/lib/python3/dist-packages, /etc).
import { existsSync, readFileSync, readdirSync, statSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { findCorpora } from './corpora.js';

const MAX_FILE = 1024 * 1024;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/** Findings of every text file under `dir` (binary and large files skipped, as `keyfence scan` does). */
function scanTree(dir, scan) {
  const out = [];
  for (const path of files(dir)) {
    if (statSync(path).size > MAX_FILE) continue;
    const bytes = readFileSync(path);
    if (bytes.subarray(0, 8000).includes(0)) continue;
    const file = relative(dir, path).split('\\').join('/');
    for (const f of scan(file, bytes.toString('utf8'))) {
      out.push({ file, line: f.line, rule: f.ruleId, severity: f.severity });
      // A pair finding points at both halves (pairedWith): the key id's line is one of its lines too.
      if (f.pairedWith && f.pairedWith.line !== f.line) out.push({ file, line: f.pairedWith.line, rule: f.ruleId, severity: f.severity });
    }
  }
  return out;
}

const readJsonl = (path) => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

/** Found rows by the corpora's rule: a finding of the row's file on a line of its range. */
function foundRows(rows, findings) {
  const byFile = new Map();
  for (const f of findings) (byFile.get(f.file) ?? byFile.set(f.file, []).get(f.file)).push(f.line);
  return rows.filter((r) => (byFile.get(r.file) ?? []).some((l) => l >= r.start_line && l <= r.end_line));
}

function officialScore(corpusDir, name, findings, work, label = name) {
  const input = join(work, `${label}.json`);
  const output = join(work, `${label}.score.json`);
  writeFileSync(input, JSON.stringify(findings));
  if (name === 'creddata-dev') {
    const run = spawnSync('python3', [join(corpusDir, '..', 'creddata-score.py'), '--corpus', corpusDir, '--findings', input, '--json', output], { encoding: 'utf8' });
    if (run.status !== 0) return null;
    const o = JSON.parse(readFileSync(output, 'utf8')).overall;
    return { precision: o.precision, recall: o.recall, tp: o.TP, fp: o.FP, positives: o.T };
  }
  const run = spawnSync(process.execPath, [join(corpusDir, '..', 'score'), '--truth', join(corpusDir, 'truth.jsonl'), '--findings', input, '--json', output], { encoding: 'utf8' });
  if (run.status !== 0) return null;
  const s = JSON.parse(readFileSync(output, 'utf8'));
  return { precision: s.precision, recall: s.recall, tp: s.tp, fp: s.fp, positives: s.tp + s.fn };
}

const fmt = (x) => (x === null || x === undefined ? '–' : x.toFixed(3));

/** Prints the corpora tables; `scan(file, text, options)` runs keyfence's detection. */
export function evalCorpora({ scan, familyOf, disputesFile, projectRoot }) {
  const dir = findCorpora();
  if (!dir) {
    console.log('\nstrangers\' corpora: none found (../shared/corpora, or KEYFENCE_CORPORA=DIR); skipped');
    return;
  }
  const disputes = existsSync(disputesFile) ? readJsonl(disputesFile) : [];
  const work = mkdtempSync(join(tmpdir(), 'keyfence-eval-'));
  try {
    console.log(`\n## Strangers' corpora (${dir})\n`);
    console.log('| corpus | positives | precision | recall | disputed rows | recall without them | found of the disputed | CPU s |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    const families = new Map();
    const withoutTokenizer = {};
    for (const name of ['gitleaks', 'kingfisher', 'creddata-dev']) {
      const corpusDir = join(dir, name);
      if (!existsSync(corpusDir)) continue;
      const started = process.cpuUsage();
      const findings = scanTree(join(corpusDir, 'data'), (file, text) => scan(file, text));
      const cpu = process.cpuUsage(started);
      const score = officialScore(corpusDir, name, findings, work);
      const truth = readJsonl(join(corpusDir, 'truth.jsonl'));
      const positive = name === 'creddata-dev' ? 'T' : 'tp';
      const disputed = new Set(disputes.filter((d) => d.corpus === name).map((d) => `${d.file}\0${d.start_line}`));
      const isDisputed = (r) => disputed.has(`${r.file}\0${r.start_line}`);
      const positives = truth.filter((r) => r.label === positive);
      const kept = positives.filter((r) => !isDisputed(r));
      const found = new Set(foundRows(positives, findings));
      const keptFound = kept.filter((r) => found.has(r)).length;
      const disputedFound = positives.filter((r) => isDisputed(r) && found.has(r)).length;
      console.log(`| ${name} | ${positives.length} | ${fmt(score?.precision)} | ${fmt(score?.recall)} | ${positives.length - kept.length} | ${fmt(keptFound / kept.length)} | ${disputedFound} | ${((cpu.user + cpu.system) / 1e6).toFixed(1)} |`);
      // Per rule family: finding lines on positive rows against lines on negative rows.
      const negatives = truth.filter((r) => r.label === (name === 'creddata-dev' ? 'F' : 'fp'));
      for (const f of findings) {
        const family = familyOf(f.rule);
        const key = `${name}\0${family}`;
        const s = families.get(key) ?? { tp: 0, fp: 0 };
        if (positives.some((r) => r.file === f.file && f.line >= r.start_line && f.line <= r.end_line)) s.tp++;
        else if (negatives.some((r) => r.file === f.file && f.line >= r.start_line && f.line <= r.end_line)) s.fp++;
        families.set(key, s);
      }
      if (name === 'creddata-dev') {
        const plain = scanTree(join(corpusDir, 'data'), (file, text) => scan(file, text, { tokenEfficiency: false }));
        withoutTokenizer.score = officialScore(corpusDir, name, plain, work, `${name}-no-bpe`);
        withoutTokenizer.with = score;
      }
    }
    console.log('\nfinding lines per rule family (on a positive row / on a negative row):\n');
    console.log('| corpus | family | on positives | on negatives |\n| --- | --- | ---: | ---: |');
    for (const [key, s] of [...families].sort()) {
      const [corpus, family] = key.split('\0');
      console.log(`| ${corpus} | ${family} | ${s.tp} | ${s.fp} |`);
    }
    if (withoutTokenizer.score) {
      const a = withoutTokenizer.with;
      const b = withoutTokenizer.score;
      console.log(`\nBPE token efficiency on CredData-dev: with it precision ${fmt(a?.precision)} recall ${fmt(a?.recall)}; without it precision ${fmt(b.precision)} recall ${fmt(b.recall)}`);
    }
    realCode(projectRoot);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Findings of `keyfence scan` on trees that hold no live secret, per severity and per rule. */
function realCode(projectRoot) {
  const python = ['/usr/lib'].flatMap((d) => (existsSync(d) ? readdirSync(d).filter((n) => /^python3\.\d+$/.test(n)).map((n) => join(d, n)) : [])).slice(0, 1);
  // Debian's packaged Python libraries and the system configuration: installed code and configs we did not write.
  const wanted = [join(projectRoot, 'node_modules'), ...python, '/usr/share', '/usr/lib/python3/dist-packages', '/etc'];
  const trees = wanted.filter((t) => existsSync(t));
  console.log('\n## Real code holding no live secret\n');
  for (const missing of wanted.filter((t) => !trees.includes(t))) console.log(`(${missing} does not exist on this machine: skipped)`);
  console.log('| tree | files | findings | critical | high | medium | low | by rule |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const tree of trees) {
    const run = spawnSync(process.execPath, [join(projectRoot, 'bin', 'keyfence.js'), 'scan', tree, '--no-gitignore', '--format', 'json'], { encoding: 'utf8', maxBuffer: 256e6 });
    let report;
    try {
      report = JSON.parse(run.stdout);
    } catch {
      console.log(`| ${tree} | – | scan failed (exit ${run.status}) | | | | | |`);
      continue;
    }
    const bySeverity = { critical: 0, high: 0, medium: 0, low: 0 };
    const byRule = {};
    for (const f of report.findings) {
      bySeverity[f.severity]++;
      byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
    }
    const rules = Object.entries(byRule).sort((a, b) => b[1] - a[1]).map(([id, n]) => `${id} ${n}`).join(', ');
    console.log(`| ${tree} | ${report.stats.files} | ${report.findings.length} | ${bySeverity.critical} | ${bySeverity.high} | ${bySeverity.medium} | ${bySeverity.low} | ${rules || '–'} |`);
  }
}
