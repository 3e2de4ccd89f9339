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

/** Every property name a schema declares (at any depth): the only object keys an error may show. */
export function declaredNames(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) declaredNames(item, into);
  else if (schema !== null && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && value !== null && typeof value === 'object') for (const name of Object.keys(value)) into.add(name);
      declaredNames(value, into);
    }
  }
  return into;
}

export interface DescribeOptions {
  /** Names the schema declares: any other key in a path was written by the user and is shown as `…`. */
  names?: ReadonlySet<string>;
  /** Line of a JSON pointer in the file's text, to point at what is not shown. */
  lineOf?: (pointer: string) => number | undefined;
}

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** An instance path with every key the user wrote (an `entropy` rule id, a pasted secret) replaced by `…`. */
function shownPath(pointer: string, names: ReadonlySet<string> | undefined): string {
  if (pointer === '') return '(root)';
  if (!names) return pointer;
  return pointer
    .split('/')
    .map((segment, i) => (i === 0 || /^\d+$/.test(segment) || names.has(segment.replace(/~1/g, '/').replace(/~0/g, '~')) ? segment : '…'))
    .join('/');
}

/**
 * "/rules/3/regex: must be string" style lines, one per error. Never a value, and never a key the user wrote: an
 * unknown property is named by its line, as someone may have pasted a secret where a name belongs.
 */
export function describeErrors(errors: ErrorObject[] | null | undefined, prefix = '', options: DescribeOptions = {}): string[] {
  return (errors ?? []).map((e) => {
    const where = shownPath(e.instancePath, options.names);
    let detail = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties') {
      const line = options.lineOf?.(`${e.instancePath}/${escapePointer(String((e.params as { additionalProperty: string }).additionalProperty))}`);
      detail = `has an unknown property${line !== undefined ? ` (line ${line})` : ''}`;
    }
    if (e.keyword === 'enum') detail = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    const line = where !== e.instancePath && e.keyword !== 'additionalProperties' ? options.lineOf?.(e.instancePath) : undefined;
    return `${prefix}${where}: ${detail}${line !== undefined ? ` (line ${line})` : ''}`;
  });
}

/** What is wrong with a regular expression, without the expression itself (V8's message quotes it whole). */
export function regexProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!message.startsWith('Invalid regular expression')) return message;
  const reason = message.slice(message.lastIndexOf(': ') + 2);
  return `invalid regular expression (${reason})`;
}

/** Texts no allow regex that means something matches all of: empty, and a mix of classes no pattern names. */
const ANY_TEXTS = ['', 'k3X9-q2/M7=w1#Z8 !~'];

/** The problem of an allow regex that matches an empty string wherever it looks (`.*`, `x*`, `a|`, `^`): it matches
 *  every text, so it allows every finding, which is never what its author meant. Undefined for any other regex
 *  (an anchored `^(?:…)*$` matches only the texts it names). */
export function allowsEverything(source: string): string | undefined {
  let matches: boolean;
  try {
    const regex = new RegExp(source);
    matches = ANY_TEXTS.every((text) => regex.test(text));
  } catch {
    return undefined;
  }
  return matches ? 'matches every text (an empty match), so it would allow every finding; make it match only what you mean to allow (e.g. ^EXAMPLE)' : undefined;
}
