// Build step after tsc: precompiles every JSON Schema with ajv (standalone code, so start-up never compiles a
// schema) and bundles the CLI with esbuild (one file to load; lazy chunks for heavy, rarely used parts).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const schemaFiles = [join(root, 'rules', 'schema.json'), ...readdirSync(join(root, 'schemas')).filter((f) => f.endsWith('.schema.json')).map((f) => join(root, 'schemas', f))];

// Same options as src/schema.ts, plus code generation.
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, code: { source: true, esm: false } });
const exports = {};
schemaFiles.forEach((file, i) => {
  const schema = JSON.parse(readFileSync(file, 'utf8'));
  if (!schema.$id) throw new Error(`${file}: needs an $id to be precompiled`);
  ajv.addSchema(schema);
  exports[`v${i}`] = schema.$id;
});
const ids = Object.fromEntries(Object.entries(exports).map(([name, id]) => [id, name]));
mkdirSync(join(root, 'build', 'generated'), { recursive: true });
writeFileSync(join(root, 'build', 'generated', 'validators.cjs'), `${standaloneCode(ajv, exports)}\nmodule.exports.byId = ${JSON.stringify(ids)};\n`);

rmSync(join(root, 'build', 'bundle'), { recursive: true, force: true });
await build({
  entryPoints: { keyfence: join(root, 'build', 'src', 'cli', 'main.js') },
  outdir: join(root, 'build', 'bundle'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __keyfenceRequire } from 'node:module'; const require = __keyfenceRequire(import.meta.url);" },
});
