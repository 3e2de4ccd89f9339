// Build step after tsc: precompiles every JSON Schema with ajv (standalone code, so start-up never compiles a
// schema) and bundles the CLI and the hook with esbuild (one CommonJS file each, with a V8 code cache).
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { bundleLazyRequires, rewriteLazyRequires } from './lazy-requires.js';
import { buildStamp } from '../build/src/cli/cached-script.cjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const schemaFiles = [join(root, 'rules', 'schema.json'), ...readdirSync(join(root, 'schemas')).filter((f) => f.endsWith('.schema.json')).map((f) => join(root, 'schemas', f))];

// Same options as src/schema.ts, plus code generation; one module per schema, so start-up loads only what it uses.
rmSync(join(root, 'build', 'generated'), { recursive: true, force: true });
mkdirSync(join(root, 'build', 'generated'), { recursive: true });
const byId = {};
for (const file of schemaFiles) {
  const schema = JSON.parse(readFileSync(file, 'utf8'));
  if (!schema.$id) throw new Error(`${file}: needs an $id to be precompiled`);
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, code: { source: true, esm: false } });
  const name = basename(file, '.json').replace(/\.schema$/, '') + (file.includes(`${join('rules', 'schema.json')}`) ? '-rules' : '');
  writeFileSync(join(root, 'build', 'generated', `${name}.cjs`), standaloneCode(ajv, ajv.compile(schema)));
  byId[schema.$id] = `${name}.cjs`;
}
writeFileSync(join(root, 'build', 'generated', 'index.json'), JSON.stringify(byId));

// One pre-validated file instead of a hundred rule files at every start-up (rules/*.json stay the source): the heads
// that every start-up reads, and beside it the whole rules, parsed one by one when a run reads them.
const { buildCompactCatalogue, writeCompactCatalogue } = await import('../build/src/rules/load.js');
const catalogue = buildCompactCatalogue();
// Start-ups trust the catalogue's regexes: one that does not compile fails the build here, not a user's scan.
const { compileRule } = await import('../build/src/rules/compile.js');
for (const [i, rule] of catalogue.rules.entries()) {
  try {
    compileRule(rule, undefined, true);
  } catch (error) {
    console.error(`keyfence build: ${catalogue.sources[i]}: rule ${rule.id}: ${error.message}; fix its regex`);
    process.exit(1);
  }
}
writeCompactCatalogue(catalogue);
// The keyword automaton of that catalogue, as compiled rules lower-case their keywords.
const { writePrefilterCache } = await import('../build/src/rules/prefilter-cache.js');
const { prefilterKeywords } = await import('../build/src/detect/engine.js');
writePrefilterCache(prefilterKeywords(catalogue.rules.map((rule) => ({ keywords: rule.keywords.map((k) => k.toLowerCase()), keywordPaths: rule.keywordPaths }))));

rmSync(join(root, 'build', 'bundle'), { recursive: true, force: true });
// The worker of `scan --threads`, started by URL: an ES module.
await build({
  entryPoints: { 'scan-worker': join(root, 'build', 'src', 'workers', 'scan-worker.js') },
  outdir: join(root, 'build', 'bundle'),
  bundle: true,
  plugins: [bundleLazyRequires],
  external: ['@eslint-community/regexpp', 'regexp-ast-analysis', 'scslre', 'gpt-tokenizer', 'gpt-tokenizer/*'],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __keyfenceRequire } from 'node:module'; const require = __keyfenceRequire(import.meta.url);" },
});

// The CLI and the pre-commit hook: one CommonJS file each, which bin/keyfence.js runs with a V8 code cache (made
// below), as Node 20 has no compile cache for ES modules. The request signer (--validate only) loads from
// node_modules; the hook also leaves out what only rare runs need (custom-rule checks, plain-folder listing, yargs,
// the zip and tar readers of staged archives). The regex analysers (custom rules and allow regexes only) too: 1.3 MB
// that most runs never parse; and the BPE vocabulary (src/detect/token-efficiency.ts): 1 MB of data only a
// word-like candidate needs.
const OPT_IN = ['@smithy/*', '@aws-crypto/*', '@eslint-community/regexpp', 'regexp-ast-analysis', 'scslre', 'gpt-tokenizer', 'gpt-tokenizer/*'];
const bundles = { keyfence: { entry: 'main.js', external: OPT_IN }, hook: { entry: 'hook.js', external: [...OPT_IN, 'ajv', 'ignore', 'simple-git', 'yargs', 'yauzl', 'tar-stream'] } };
// The validators a start-up loads (a hook reads .keyfence.json and maybe a baseline) go into the bundle, so they share
// its code cache (this plugin runs first, so it also does bundleLazyRequires' rewrite): required from build/generated, each costs a module resolution and a compile at every start (~2 ms).
const EMBEDDED_VALIDATORS = ['config.cjs', 'baseline.cjs'];
const embedValidators = {
  name: 'embed-validators',
  setup(pluginBuild) {
    // Their few ajv runtime helpers too, even where ajv itself stays out of the bundle (the hook's).
    pluginBuild.onResolve({ filter: /^ajv\/dist\/runtime\/[a-z0-9]+$/ }, (args) => ({ path: createRequire(import.meta.url).resolve(args.path) }));
    pluginBuild.onLoad({ filter: /[\\/]build[\\/]src[\\/]schema\.js$/ }, async (args) => {
      const text = readFileSync(args.path, 'utf8');
      const call = 'createRequire(import.meta.url)(join(dir, file))';
      if (!text.includes(call)) throw new Error(`${args.path}: the precompiled-validator require to embed is gone; update scripts/bundle.js`);
      const table = `const embeddedValidators = { ${EMBEDDED_VALIDATORS.map((f) => `${JSON.stringify(f)}: () => require(${JSON.stringify(`../generated/${f}`)})`).join(', ')} };\n`;
      return { contents: table + rewriteLazyRequires(text).replace(call, `(Object.hasOwn(embeddedValidators, file) ? embeddedValidators[file]() : ${call})`), loader: 'js' };
    });
  },
};
for (const [name, { entry, external }] of Object.entries(bundles)) {
  await build({
    entryPoints: { [name]: join(root, 'build', 'src', 'cli', entry) },
    outdir: join(root, 'build', 'bundle'),
    outExtension: { '.js': '.cjs' },
    bundle: true,
    plugins: [embedValidators, bundleLazyRequires],
    external,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    // paths.ts finds the package, and scan-pool.ts its worker, from the bundle's own location.
    define: { 'import.meta.url': '__keyfenceUrl' },
    banner: { js: "var __keyfenceUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  // The hash of the content, which its code cache must have been made for (src/cli/cached-script.cts).
  const file = join(root, 'build', 'bundle', `${name}.cjs`);
  const content = readFileSync(file);
  appendFileSync(file, buildStamp(createHash('sha256').update(content).digest('hex')));
}
// A separate process, so the caches carry the V8 flags of a plain `node` run.
const cache = spawnSync(process.execPath, [join(root, 'scripts', 'code-cache.js')], { encoding: 'utf8' });
if (cache.status !== 0) process.stderr.write(`bundle: no code cache (keyfence still works, only starts slower): ${(cache.stderr || cache.error?.message || '').trim()}\n`);
