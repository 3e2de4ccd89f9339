// fileFindings: the worker pool gives exactly the serial findings (raw values included), skips and counts.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileFindings, POOL_MIN_FILES, type PoolOptions } from '../../src/workers/scan-pool.js';
import { fileFragments, type FileSourceOptions } from '../../src/sources/files.js';
import { countSkip, createEngine, emptyStats, scanFragments, type Engine } from '../../src/scan.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { RAW, type Finding, type Stats } from '../../src/types.js';
import { builtinRuleSet, exampleText } from '../helpers/rules.js';
import { keyIdFor, secretKey, seededRandom } from '../helpers/aws-keys.js';
import { runCli } from '../helpers/cli.js';
import { makeZip } from '../helpers/archives.js';

/** A tree with every rule's matching examples (one file each, in folders), an AWS pair, an encoded key, and files to skip. */
function makeTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyfence-pool-'));
  const random = seededRandom(5);
  builtinRuleSet().loaded.forEach(({ rule }, i) => {
    const folder = join(dir, `group${i % 7}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${rule.id}.txt`), rule.examples.match.map(exampleText).join('\n\n'));
  });
  const pair = `aws_access_key_id = ${keyIdFor('AKIA', '123456789012', random)}\naws_secret_access_key = ${secretKey(random)}\n`;
  writeFileSync(join(dir, 'credentials'), pair);
  writeFileSync(join(dir, 'encoded.yaml'), `data:\n  creds: ${Buffer.from(pair).toString('base64')}\n`);
  mkdirSync(join(dir, 'vendor'));
  writeFileSync(join(dir, 'vendor', 'allowed.txt'), pair);
  writeFileSync(join(dir, 'image.bin'), Buffer.from([0x89, 0x50, 0x00, 0x01]));
  writeFileSync(join(dir, 'big.txt'), `${pair}${'x'.repeat(300_000)}`);
  // Archives are opened on the main thread; their findings keep their place in the serial order.
  writeFileSync(join(dir, 'group3', 'bundle.jar'), makeZip([{ name: 'config/app.properties', data: pair }, { name: 'lib/inner.zip', data: makeZip([{ name: 'creds', data: pair }]) }]));
  return dir;
}

interface Outcome {
  findings: Finding[];
  raws: unknown[];
  skipped: Stats['skipped'];
  files: number;
  bytes: number;
  counted: number;
}

function setup(dir: string): { engine: Engine; stats: Stats; source: FileSourceOptions } {
  const config = { ...defaultConfig(dir), maxFileSize: 200_000 };
  config.allow = { ...config.allow, paths: ['vendor/**'] };
  const engine = createEngine(config);
  const stats = emptyStats(engine.ruleSet.rules.length);
  const source: FileSourceOptions = {
    cwd: dir,
    base: dir,
    inGit: false,
    gitignore: true,
    maxFileSize: config.maxFileSize,
    archives: config.archives,
    isPathAllowed: engine.allowlist.isPathAllowed,
    onSkip: (reason) => countSkip(stats, reason),
    onFile: (bytes) => {
      stats.files++;
      stats.bytes += bytes;
    },
  };
  return { engine, stats, source };
}

async function outcome(stream: (engine: Engine, stats: Stats, source: FileSourceOptions) => AsyncIterable<Finding>, dir: string): Promise<Outcome> {
  const { engine, stats, source } = setup(dir);
  const findings: Finding[] = [];
  for await (const finding of stream(engine, stats, source)) findings.push(finding);
  return { findings, raws: findings.map((f) => f[RAW]), skipped: stats.skipped, files: stats.files, bytes: stats.bytes, counted: stats.findings };
}

describe('workers/scan-pool', () => {
  const dir = makeTree();
  after(() => rmSync(dir, { recursive: true, force: true }));
  const serialPath = (engine: Engine, stats: Stats, source: FileSourceOptions): AsyncIterable<Finding> => scanFragments(fileFragments(['.'], source), engine, stats);
  const pooled = (options: PoolOptions) => (engine: Engine, stats: Stats, source: FileSourceOptions) => fileFindings(['.'], source, engine, stats, options);

  // Workers that fail once they took a batch: what they took, and all that is left, is scanned on the main thread.
  const workerDir = mkdtempSync(join(tmpdir(), 'keyfence-failing-worker-'));
  after(() => rmSync(workerDir, { recursive: true, force: true }));
  const failing = (body: string): URL => {
    const file = join(workerDir, `failing-worker-${body.length}.mjs`);
    // It takes a batch from the shared counter first, so the batch it never answers must be scanned by another thread.
    writeFileSync(file, `import { parentPort, workerData } from 'node:worker_threads';\nparentPort.on('message', () => { Atomics.add(workerData.counter, 0, 1); ${body} });\n`);
    return pathToFileURL(file);
  };
  const cases: { name: string; options: PoolOptions }[] = [
    { name: 'gives the serial findings in the serial order on one thread', options: { threads: 1 } },
    { name: 'gives the serial findings in the serial order with one worker and small batches', options: { threads: 2, minFiles: 0, batchSize: 3, mainThread: false } },
    { name: 'gives the serial findings in the serial order when the main thread scans too', options: { threads: 2, minFiles: 0, batchSize: 3 } },
    { name: 'gives the serial findings in the serial order with three workers', options: { threads: 4, minFiles: 0, batchSize: 5, mainThread: false } },
    { name: 'scans serially below the file threshold', options: { threads: 2, minFiles: 1_000_000 } },
    { name: 'takes back the batches of a worker that exits', options: { threads: 2, minFiles: 0, batchSize: 2, mainThread: false, workerUrl: failing('process.exit(1);') } },
    { name: 'takes back the batches of a worker that throws', options: { threads: 2, minFiles: 0, batchSize: 2, mainThread: false, workerUrl: failing("throw new Error('worker broke');") } },
  ];

  it('finds something to compare: many rules, the pair, the encoded key, keys inside archives and every skip reason', async () => {
    const serial = await outcome(serialPath, dir);
    assert.ok(new Set(serial.findings.map((f) => f.ruleId)).size > 100);
    assert.ok(serial.findings.some((f) => f.file === 'encoded.yaml'));
    assert.ok(serial.findings.some((f) => f.file === 'credentials' && f[RAW].pairedId !== undefined));
    assert.deepEqual(serial.findings.filter((f) => f.file.includes('!/')).map((f) => f.file), ['group3/bundle.jar!/config/app.properties', 'group3/bundle.jar!/lib/inner.zip!/creds']);
    assert.deepEqual(Object.keys(serial.skipped).sort(), ['allowlisted', 'binary', 'too-large']);
  });

  for (const { name, options } of cases) {
    it(name, async () => {
      const serial = await outcome(serialPath, dir);
      const got = await outcome(pooled(options), dir);
      assert.deepEqual(got.findings, serial.findings);
      assert.deepEqual(got.raws, serial.raws);
      assert.deepEqual({ ...got, findings: [], raws: [] }, { ...serial, findings: [], raws: [] });
    });
  }
});

describe('keyfence scan --threads', () => {
  // Enough files for the pool, so the bundled worker (build/bundle/scan-worker.js) is what runs.
  const dir = mkdtempSync(join(tmpdir(), 'keyfence-pool-cli-'));
  const random = seededRandom(9);
  // Enough text that the main thread is still busy when the worker is ready (tiny files would all be scanned first).
  const filler = 'const token = config.secret ?? process.env.API_KEY; // password rotation\n'.repeat(60);
  for (let i = 0; i < POOL_MIN_FILES; i++) {
    mkdirSync(join(dir, `d${i % 20}`), { recursive: true });
    const secret = i % 250 === 0 ? `aws_access_key_id = ${keyIdFor('AKIA', '123456789012', random)}\naws_secret_access_key = ${secretKey(random)}\n` : '';
    writeFileSync(join(dir, `d${i % 20}`, `f${i}.txt`), `line ${i}\n${filler}${secret}`);
  }
  after(() => rmSync(dir, { recursive: true, force: true }));
  const report = (threads?: string): { status: number | null; findings: unknown; stats: unknown } => {
    const result = runCli(['scan', '.', '--format', 'json', ...(threads ? ['--threads', threads] : [])], { cwd: dir });
    const json = JSON.parse(result.stdout) as { findings: unknown; stats: { durationMs?: number } };
    delete json.stats.durationMs;
    return { status: result.status, findings: json.findings, stats: json.stats };
  };

  it('reports the same findings, order and counts on two threads as on one', () => {
    const serial = report('1');
    assert.equal(serial.status, 1);
    assert.equal((serial.findings as unknown[]).length, POOL_MIN_FILES / 250);
    assert.deepEqual(report('2'), serial);
  });

  it('reports the same without --threads, which uses every core on a tree this large', () => {
    assert.deepEqual(report(), report('1'));
  });

  it('refuses --threads 0 with a one-line usage error', () => {
    const result = runCli(['scan', '.', '--threads', '0'], { cwd: dir });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^keyfence: --threads: must be a whole number of at least 1; /);
    assert.equal(result.stderr.trim().split('\n').length, 1);
  });
});
