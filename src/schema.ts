// The one Ajv door: validators precompiled at build time (scripts/bundle.js) when available, compiled here otherwise;
// and the helper that turns ajv errors into readable lines.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { packageRoot } from './paths.js';
import { lazyRequire } from './lazy-require.js';

let ajv: Ajv | undefined;
let precompiled: Record<string, string> | undefined;

/** The build's precompiled validator for a schema `$id`, if there is one (build/generated, one module each). */
function loadPrecompiled(id: string): ValidateFunction | undefined {
  const dir = join(packageRoot, 'build', 'generated');
  if (precompiled === undefined) {
    const index = join(dir, 'index.json');
    precompiled = existsSync(index) ? (JSON.parse(readFileSync(index, 'utf8')) as Record<string, string>) : {};
  }
  const file = precompiled[id];
  if (file === undefined) return undefined;
  const mod = createRequire(import.meta.url)(join(dir, file)) as ValidateFunction & { default?: ValidateFunction };
  return mod.default ?? mod;
}

function instance(): Ajv {
  if (!ajv) {
    // Loaded only when a schema was not precompiled (tests of new schemas, or a build without the bundle step).
    const { Ajv: AjvClass } = lazyRequire('ajv') as typeof import('ajv');
    ajv = new AjvClass({ allErrors: true, strict: true, allowUnionTypes: true });
  }
  return ajv;
}

/** A validator for a JSON Schema; precompiled by `$id` when the build produced one. */
export function compileSchema<T>(schema: object): ValidateFunction<T> {
  const id = (schema as { $id?: string }).$id;
  const ready = id === undefined ? undefined : loadPrecompiled(id);
  if (ready) return ready as ValidateFunction<T>;
  const existing = id === undefined ? undefined : instance().getSchema<T>(id);
  return existing ?? instance().compile<T>(schema);
}

/** "/rules/3/regex: must be string" style lines, one per error. */
export function describeErrors(errors: ErrorObject[] | null | undefined, prefix = ''): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath === '' ? '(root)' : e.instancePath;
    let detail = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties') detail = `has unknown property "${String((e.params as { additionalProperty: string }).additionalProperty)}"`;
    if (e.keyword === 'enum') detail = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    return `${prefix}${where}: ${detail}`;
  });
}
