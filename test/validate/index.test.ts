// The validation step: off unless asked, and the signer is never loaded on a scan that does not validate.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { validateStep } from '../../src/validate/index.js';
import { createEngine, emptyStats } from '../../src/scan.js';
import { defaultConfig } from '../../src/config/defaults.js';
import type { StepContext } from '../../src/cli/steps.js';
import type { CommonOptions } from '../../src/cli/options.js';
import type { Finding } from '../../src/types.js';
import { detectFragment } from '../../src/detect/engine.js';
import { generateKeyId, generateSecret } from '../helpers/fake-sts.js';

function context(options: CommonOptions, validate = false): StepContext {
  const config = { ...defaultConfig(process.cwd()), validate };
  const engine = createEngine(config);
  return { engine, options, stats: emptyStats(engine.ruleSet.rules.length), cwd: process.cwd(), env: process.env, command: 'scan', notices: [] };
}

function pairFindings(ctx: StepContext): Finding[] {
  return detectFragment({ file: 'a.env', text: `AWS_ACCESS_KEY_ID=${generateKeyId()}\nAWS_SECRET_ACCESS_KEY=${generateSecret()}\n` }, ctx.engine.ruleSet, ctx.engine.detectOptions);
}

function listJs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listJs(path) : path.endsWith('.js') ? [path] : [];
  });
}

// Records every module URL the child resolves, through a module.register hook (Node ≥20.6).
const probe = (entry: string, dir: string): string => `
import { register, createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const seen = [];
port1.on('message', (url) => seen.push(url));
const hooks = 'let port; export function initialize(data) { port = data.port; } export async function resolve(s, c, next) { const r = await next(s, c); port.postMessage(r.url); return r; }';
register('data:text/javascript,' + encodeURIComponent(hooks), { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
const { main } = await import(${JSON.stringify(pathToFileURL(resolve(entry)).href)});
const code = await main(['scan', ${JSON.stringify(dir)}, '--format', 'json'], { cwd: ${JSON.stringify(dir)}, stdout: () => {}, stderr: () => {}, isTTY: false, env: {} });
await new Promise((r) => setTimeout(r, 100));
port1.close();
// CommonJS loads (the bundle's require of its external packages) do not pass the resolve hook.
seen.push(...Object.keys(createRequire(import.meta.url).cache).map((path) => pathToFileURL(path).href));
process.stdout.write(JSON.stringify({ code, seen }));
`;

describe('validateStep', () => {
  it('leaves findings without a verdict when validation is not requested', async () => {
    const ctx = context({});
    const findings = await validateStep(pairFindings(ctx), ctx);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.validation, undefined);
    assert.deepEqual(ctx.notices, []);
  });

  it('lets --no-validate override validate: true in the config', async () => {
    const ctx = context({ validate: false }, true);
    const findings = await validateStep(pairFindings(ctx), ctx);
    assert.equal(findings[0]?.validation, undefined);
  });

  // Who may turn validation on: the one running keyfence, never a config found in the swept repository alone.
  const askers: { name: string; options: CommonOptions; configValidate: boolean; validates: boolean; notice?: RegExp }[] = [
    { name: 'a discovered .keyfence.json with "validate": true alone does not validate, and says so once', options: {}, configValidate: true, validates: false, notice: /^validate: ignored "validate": true in \.keyfence\.json: a config found in the repository cannot turn on validation/ },
    { name: 'a config named with --config may turn validation on', options: { config: 'ci/keyfence.json' }, configValidate: true, validates: true },
    { name: '--validate (or KEYFENCE_VALIDATE, which yargs maps to it) turns it on without any config', options: { validate: true }, configValidate: false, validates: true },
    { name: '--no-validate wins over a named config', options: { validate: false, config: 'ci/keyfence.json' }, configValidate: true, validates: false },
  ];
  for (const c of askers) {
    it(c.name, async () => {
      const ctx = context(c.options, c.configValidate);
      // A loopback endpoint that refuses connections: validation, when it runs, ends unknown without leaving the machine.
      ctx.env = { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9/' };
      const findings = await validateStep(pairFindings(ctx), ctx);
      assert.equal(findings[0]?.validation !== undefined, c.validates);
      const notices = ctx.notices.filter((n) => n.startsWith('validate: ignored'));
      if (c.notice) {
        assert.equal(notices.length, 1);
        assert.match(notices[0] as string, c.notice);
      } else assert.deepEqual(notices, []);
    });
  }

  it('warns that --fail-on valid cannot fail a run that does not validate', async () => {
    const ctx = context({ failOn: 'valid' });
    await validateStep(pairFindings(ctx), ctx);
    assert.match(ctx.notices[0] ?? '', /^fail-on valid without --validate/);
  });

  it('keeps the signing library behind one module, imported only dynamically', () => {
    const files = listJs(resolve('build/src'));
    const mentions = files.filter((f) => /@smithy\/signature-v4|@aws-crypto\/sha256-js/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(mentions.map((f) => f.slice(resolve('build/src').length + 1)), ['validate/sign.js']);
    const sign = readFileSync(resolve('build/src/validate/sign.js'), 'utf8');
    assert.doesNotMatch(sign, /^import .*@smithy/m);
    const index = readFileSync(resolve('build/src/validate/index.js'), 'utf8');
    assert.doesNotMatch(index, /^import .*\.\/(run|aws|aws-sts|sign)\.js/m);
    assert.match(index, /await import\('\.\/run\.js'\)/);
    const run = readFileSync(resolve('build/src/validate/run.js'), 'utf8');
    assert.doesNotMatch(run, /^import .*\.\/(aws|aws-sts|sign)\.js/m);
    assert.match(run, /await import\('\.\/aws\.js'\)/);
  });

  for (const entry of ['build/src/cli/main.js', 'build/bundle/keyfence.cjs']) {
    it(`never loads the signer or the STS code on a scan without --validate (${entry})`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'keyfence-lazy-'));
      try {
        writeFileSync(join(dir, 'a.env'), `AWS_ACCESS_KEY_ID=${generateKeyId()}\nAWS_SECRET_ACCESS_KEY=${generateSecret()}\n`);
        const output = await new Promise<string>((done, fail) => {
          const child = spawn(process.execPath, ['--input-type=module', '-e', probe(entry, dir)], { cwd: resolve('.') });
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
          child.on('error', fail);
          child.on('close', () => done(out));
        });
        const { code, seen } = JSON.parse(output) as { code: number; seen: string[] };
        assert.equal(code, 1);
        const files = seen.filter((url) => url.startsWith('file:')).map((url) => fileURLToPath(url));
        assert.ok(files.some((f) => f.endsWith(entry.split('/').pop() as string)), 'the probe saw the entry point');
        // By content (the bundle itself holds the STS code, run only on demand), and by the signer's packages.
        const heavy = files.filter((f) => /[\\/]@(smithy|aws-crypto)[\\/]/.test(f) || (!f.endsWith('.cjs') && /SignatureV4Base|Action=GetCallerIdentity/.test(readFileSync(f, 'utf8'))));
        assert.deepEqual(heavy, []);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
