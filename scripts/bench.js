// `npm run bench [PATH] [--commits N] [--files N] [--runs N] [--keep] [--only hook,history,scan,tree]`: measures keyfence against
// floors in one run and prints ratios (--only: just those rows; `scan` is `scan .`, `tree` the node_modules copy).
// Builds a generated repository (git fast-import) unless PATH names one. Not part of `npm test`.
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir, cpus, totalmem, availableParallelism, loadavg } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'keyfence.js');
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const commits = flag('--commits', 3000);
const runs = flag('--runs', 5);
const fileCount = flag('--files', 1000);
const target = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1]?.startsWith('--')));
const onlyAt = args.indexOf('--only');
const only = onlyAt === -1 ? undefined : new Set(String(args[onlyAt + 1]).split(','));
const wanted = (name) => !only || only.has(name);

// Deterministic pseudo-random numbers, so every run builds the same repository.
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const pick = (r, set, n) => Array.from({ length: n }, () => set[Math.floor(r() * set.length)]).join('');
const WORDS = ['const', 'let', 'return', 'function', 'token', 'key', 'secret', 'aws', 'config', 'region', 'bucket', 'user', 'password', 'client', 'api', 'id', 'value', 'import', 'export', 'async', 'await', 'if', 'else', 'for'];

function codeLine(r) {
  const n = 3 + Math.floor(r() * 9);
  const words = Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]);
  if (r() < 0.05) words.push(`"${pick(r, B64, 24)}"`);
  return `  ${words.join(' ')};`;
}

/** A fast-import stream: `files` files, `count` commits each rewriting a few chunks, a side branch with merges, planted keys. */
function generate(dir, count, seed = 7) {
  const r = rng(seed);
  const files = Array.from({ length: fileCount }, (_, i) => ({ path: `src/mod${i % 40}/file${i}.js`, lines: Array.from({ length: 80 + Math.floor(r() * 200) }, () => codeLine(r)) }));
  const chunks = [];
  let mark = 0;
  let time = 1_600_000_000;
  const commit = (branch, message, changed, from, merge) => {
    mark++;
    time += 60;
    chunks.push(`commit refs/heads/${branch}\nmark :${mark}\nauthor Bench <bench@example.com> ${time} +0000\ncommitter Bench <bench@example.com> ${time} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n`);
    if (from) chunks.push(`from :${from}\n`);
    if (merge) chunks.push(`merge :${merge}\n`);
    for (const f of changed) {
      const body = `${f.lines.join('\n')}\n`;
      chunks.push(`M 100644 inline ${f.path}\ndata ${Buffer.byteLength(body)}\n${body}\n`);
    }
    return mark;
  };
  let head = commit('main', 'initial import', files);
  let side = 0;
  for (let c = 1; c < count; c++) {
    const changed = [];
    for (let k = 0; k < 3; k++) {
      const f = files[Math.floor(r() * files.length)];
      const at = Math.floor(r() * f.lines.length);
      f.lines.splice(at, Math.floor(r() * 4), ...Array.from({ length: 1 + Math.floor(r() * 5) }, () => codeLine(r)));
      if (c % 500 === 250 && k === 0) f.lines.splice(at, 0, `  const awsKey = "AKIA${pick(r, B32, 16)}";`);
      changed.push(f);
    }
    if (c % 200 === 100) side = commit('side', `side work ${c}`, changed.slice(0, 1), head);
    else if (c % 200 === 150 && side) head = commit('main', `merge side ${c}`, changed, head, side);
    else head = commit('main', `change ${c}`, changed, head);
  }
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  execFileSync('git', ['-C', dir, 'fast-import', '--quiet'], { input: chunks.join(''), maxBuffer: 1 << 30 });
  execFileSync('git', ['-C', dir, 'reset', '-q', '--hard', 'main']);
  execFileSync('git', ['-C', dir, 'gc', '-q']);
}

const hasTime = existsSync('/usr/bin/time');

/** Wall time, and CPU time (user + system, git children included) when /usr/bin/time is there: CPU stays meaningful on a busy machine. */
function timeOnce(command, argv, options = {}) {
  const started = process.hrtime.bigint();
  const [cmd, cmdArgs] = hasTime ? ['/usr/bin/time', ['-f', '@@cpu %U %S', command, ...argv]] : [command, argv];
  const result = spawnSync(cmd, cmdArgs, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30, encoding: 'utf8', ...options.spawn });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuLine = /@@cpu ([\d.]+) ([\d.]+)/.exec(result.stderr ?? '');
  const cpu = cpuLine ? (Number(cpuLine[1]) + Number(cpuLine[2])) * 1000 : NaN;
  const status = hasTime && result.status !== 0 ? Number(/exit status (\d+)/.exec(result.stderr)?.[1] ?? result.status) : result.status;
  if (status !== 0 && !(options.ok ?? [0]).includes(status)) throw new Error(`${command} ${argv.join(' ')} exited ${status}: ${String(result.stderr).slice(0, 300)}`);
  return { wall, cpu };
}

function median(fn, n = runs) {
  const samples = Array.from({ length: n }, fn);
  const mid = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { wall: mid(samples.map((s) => s.wall)), cpu: mid(samples.map((s) => s.cpu)) };
}

const shell = (script, cwd) => () => timeOnce('sh', ['-c', script], { spawn: { cwd } });
const keyfence = (argv, cwd) => () => timeOnce(process.execPath, [bin, ...argv], { ok: [0, 1], spawn: { cwd } });

/** Peak RSS of keyfence's own process (git's children are separate processes with their own caches). */
function peakRss(argv, cwd) {
  const probe = 'data:text/javascript,process.on("exit",()=>process.stderr.write("@@rss "+process.resourceUsage().maxRSS+"\\n"))';
  const out = spawnSync(process.execPath, ['--import', probe, bin, ...argv], { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const kb = Number(/@@rss (\d+)/.exec(out.stderr)?.[1]);
  return Number.isFinite(kb) ? kb / 1024 : NaN;
}

function ruleConfigs(dir) {
  const all = JSON.parse(execFileSync(process.execPath, [bin, 'rules', '--json'], { cwd: dir, encoding: 'utf8' })).map((r) => r.id);
  const configs = [{ label: `full catalogue (${all.length} rules)`, args: [] }];
  if (all.length > 30) {
    const cfgDir = mkdtempSync(join(tmpdir(), 'keyfence-bench-cfg-'));
    workDirs.push(cfgDir);
    const file = join(cfgDir, 'first30.json');
    writeFileSync(file, JSON.stringify({ disable: all.slice(30) }));
    configs.push({ label: 'first 30 rules', args: ['--config', file], file });
  } else configs.push({ label: `first 30 rules (catalogue has only ${all.length}: same as above)`, args: null });
  return configs;
}

const workDirs = [];
const rows = [];
const loads = [];
const row = (what, ours, floor, goal) => {
  const ratio = ours.wall / floor.wall;
  const cpuRatio = ours.cpu / floor.cpu;
  rows.push({ what, ours: ours.wall.toFixed(0), floor: floor.wall.toFixed(0), ratio: ratio.toFixed(2), cpu: Number.isNaN(cpuRatio) || floor.cpu < 10 ? `${ours.cpu.toFixed(0)} / ${floor.cpu.toFixed(0)}` : `${ours.cpu.toFixed(0)} / ${floor.cpu.toFixed(0)} = ${cpuRatio.toFixed(2)}`, goal, ok: ratio <= goal ? 'yes' : 'NO' });
};

function repository(count) {
  const dir = mkdtempSync(join(tmpdir(), 'keyfence-bench-'));
  workDirs.push(dir);
  const t = Date.now();
  generate(dir, count);
  process.stderr.write(`bench: generated ${count} commits in ${dir} (${Date.now() - t} ms)\n`);
  return dir;
}

const repo = target ? resolve(target) : repository(commits);
if (!existsSync(join(repo, '.git'))) throw new Error(`${repo}: not a git work tree`);
const objects = execFileSync('git', ['-C', repo, 'count-objects', '-vH'], { encoding: 'utf8' }).match(/size-pack: (.*)/)?.[1];
const commitCount = execFileSync('git', ['-C', repo, 'rev-list', '--all', '--count'], { encoding: 'utf8' }).trim();

// Hook latency needs a 10-file staged change; done in a throw-away clone so a user's repository is left alone.
const hookRepo = mkdtempSync(join(tmpdir(), 'keyfence-bench-hook-'));
workDirs.push(hookRepo);
execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo}`, hookRepo]);
const tracked = execFileSync('git', ['-C', hookRepo, 'ls-files'], { encoding: 'utf8' }).split('\n').filter((f) => f && !/(^|\/)\./.test(f) && !f.endsWith('.json')).slice(0, 10);
for (const file of tracked) writeFileSync(join(hookRepo, file), `${readFileSync(join(hookRepo, file), 'utf8')}const added = process.env.VALUE ?? "x";\nexport { added };\n`);
execFileSync('git', ['-C', hookRepo, 'add', ...tracked]);

const configs = ruleConfigs(repo);
for (const config of configs) {
  if (!config.args) continue;
  const tag = configs.length > 1 ? ` [${config.label}]` : '';
  const load = `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`;
  if (!loads.includes(load)) loads.push(load);
  // Exactly what the hook runs, a bare `keyfence staged`: the rule selection comes from the repository's config file.
  const hookConfig = join(hookRepo, '.keyfence.json');
  if (config.file) writeFileSync(hookConfig, readFileSync(config.file));
  else rmSync(hookConfig, { force: true });
  if (wanted('hook')) row(`hook: keyfence staged (10 files)${tag}`, median(keyfence(['staged'], hookRepo)), median(shell("node -e '' && git diff --cached > /dev/null", hookRepo)), 1.5);
  if (wanted('history')) {
    const sweep = median(keyfence(['history', '--all', '--quiet', ...config.args], repo), Math.min(runs, 3));
    row(`history --all vs git log -p --all -U0${tag}`, sweep, median(shell('git log -p --all -U0 > /dev/null', repo), Math.min(runs, 3)), 1.0);
    row(`history --all vs cat-file --batch-all-objects${tag}`, sweep, median(shell('git cat-file --batch-all-objects --batch > /dev/null', repo), Math.min(runs, 3)), 2.0);
  }
  if (!wanted('scan')) continue;
  const hasRg = spawnSync('rg', ['--version']).status === 0;
  if (hasRg) {
    const rg = median(shell("rg -e 'AKIA[A-Z2-7]{16}' -e '(?i)aws.{0,20}secret.{0,20}[A-Za-z0-9/+=]{40}' . > /dev/null; true", repo));
    row(`scan . vs ripgrep (2 AWS regexes)${tag}`, median(keyfence(['scan', '.', '--quiet', ...config.args], repo)), rg, 3.0);
  } else rows.push({ what: `scan . vs ripgrep${tag}`, ours: '-', floor: '-', ratio: '-', cpu: '-', goal: 3, ok: 'skipped: rg not installed (apt-get install -y ripgrep)' });
}

// A large real tree: a copy of this project's node_modules, scanned whole, against ripgrep doing only the prefilter's
// work (every keyword of the catalogue as a case-insensitive literal). Both cores by default on a tree this size.
if (existsSync(join(root, 'node_modules')) && !args.includes('--no-tree') && wanted('tree')) {
  const treeDir = mkdtempSync(join(tmpdir(), 'keyfence-bench-tree-'));
  workDirs.push(treeDir);
  // The packages only: node_modules/.cache holds tools' caches (.ci/run keeps a whole Node 24 there), not the tree the target names.
  execFileSync('sh', ['-c', 'cd "$1" && tar --exclude=node_modules/.cache -cf - node_modules | tar -xf - -C "$2"', 'sh', root, treeDir]);
  const keywords = [...new Set(JSON.parse(readFileSync(join(root, 'build', 'rules.json'), 'utf8')).rules.flatMap((r) => r.keywords.map((k) => k.toLowerCase())))];
  const keywordFile = join(treeDir, 'keywords.txt');
  writeFileSync(keywordFile, `${keywords.join('\n')}\n`);
  const files = execFileSync('sh', ['-c', `find ${join(treeDir, 'node_modules')} -type f | wc -l`], { encoding: 'utf8' }).trim();
  if (spawnSync('rg', ['--version']).status === 0) {
    const load = `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`;
    if (!loads.includes(load)) loads.push(load);
    const floor = median(shell(`rg -F -i -f ${keywordFile} -l --no-ignore --hidden node_modules > /dev/null; true`, treeDir), Math.min(runs, 3));
    row(`scan node_modules copy (${files} files) vs rg -F -i -f <${keywords.length} keywords>`, median(keyfence(['scan', 'node_modules', '--no-gitignore', '--quiet'], treeDir), Math.min(runs, 3)), floor, 2.0);
  } else rows.push({ what: 'scan node_modules copy vs rg -F -i -f <keywords>', ours: '-', floor: '-', ratio: '-', cpu: '-', goal: 2, ok: 'skipped: rg not installed (apt-get install -y ripgrep)' });
}

// Peak RSS must not grow with the length of history: a repository a quarter as long, then the full one.
let rss;
if (!wanted('history')) rss = 'peak RSS: not measured (--only leaves out history)';
else if (!target) {
  const small = repository(Math.max(100, Math.floor(commits / 4)));
  rss = `peak RSS of history --all: ${peakRss(['history', '--all', '--quiet'], small).toFixed(0)} MB at ${Math.max(100, Math.floor(commits / 4))} commits, ${peakRss(['history', '--all', '--quiet'], repo).toFixed(0)} MB at ${commits} commits`;
} else rss = `peak RSS of history --all: ${peakRss(['history', '--all', '--quiet'], repo).toFixed(0)} MB`;

const machine = `${cpus()[0]?.model ?? 'cpu'} × ${availableParallelism()}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${execFileSync('git', ['--version'], { encoding: 'utf8' }).trim()}`;
console.log(`machine: ${machine}`);
console.log(`repository: ${target ?? `generated (${commits} commits on main + side branch with merges)`}; ${commitCount} commits, pack ${objects}; median of ${runs} runs (3 for history)\n`);
console.log(`machine load while measuring: ${loads.join('; ')} (wall-clock ratios are only meaningful on an idle machine; the CPU column is less sensitive)\n`);
console.log('| measurement | keyfence ms | floor ms | wall ratio | target | met | CPU ms: keyfence / floor = ratio |');
console.log('| --- | ---: | ---: | ---: | ---: | --- | --- |');
for (const r of rows) console.log(`| ${r.what} | ${r.ours} | ${r.floor} | ${r.ratio} | ≤ ${r.goal} | ${r.ok} | ${r.cpu} |`);
console.log(`\n${rss}`);
if (!args.includes('--keep')) for (const dir of workDirs) rmSync(dir, { recursive: true, force: true });
