// Finds .keyfence.json (explicit flag, else walking up to the repository root), validates it, merges defaults.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { allowsEverything, compileSchema, declaredNames, describeErrors, regexProblem } from '../schema.js';
import { describeParsePosition, lineOfPointer, withoutBom } from '../allow/json-locate.js';
import { defaultConfig, type Config } from './defaults.js';
import { packageRoot } from '../paths.js';
import { findRepoRoot } from '../sources/git-launch.cjs';

export { findRepoRoot };

export const CONFIG_FILE = '.keyfence.json';

/** The config file to use: the flag's, else .keyfence.json from cwd up to the repository root. */
export function findConfig(cwd: string, explicit?: string): string | undefined {
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) throw new ConfigError(`${explicit}: config file not found`, 'check the --config path');
    const stat = statSync(path);
    if (stat.isDirectory()) throw new ConfigError(`${explicit}: is a folder, not a config file`, `name the file: --config ${explicit.replace(/\/+$/, '')}/.keyfence.json`);
    if (!stat.isFile()) throw new ConfigError(`${explicit}: is not a regular file`, 'name a JSON config file');
    return path;
  }
  const root = findRepoRoot(cwd);
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (dir === root) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

type RawConfig = Partial<Omit<Config, 'allow' | 'aws' | 'validation' | 'archives' | 'root' | 'source'>> & {
  allow?: Partial<Config['allow']>;
  aws?: Partial<Config['aws']>;
  validation?: Partial<Config['validation']>;
  archives?: Partial<Config['archives']>;
};

let validateConfig: ReturnType<typeof compileSchema<RawConfig>> | undefined;
let configNames: Set<string> | undefined;

/** Parses and validates a config text; every schema problem is reported at once with its JSON path, never with what
 *  the user wrote there (a secret pasted into the wrong field stays off the terminal). */
export function parseConfig(given: string, label: string, root: string): Config {
  const text = withoutBom(given);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // V8's message quotes the text around the error; the position is all a reader needs.
    throw new ConfigError(`${label}: not valid JSON at ${describeParsePosition(text) ?? 'an unknown position'}`, 'fix the JSON syntax (a trailing comma or a missing quote?)');
  }
  if (!validateConfig) {
    const schema = JSON.parse(readFileSync(join(packageRoot, 'schemas', 'config.schema.json'), 'utf8')) as object;
    validateConfig = compileSchema<RawConfig>(schema);
    configNames = declaredNames(schema);
  }
  if (!validateConfig(raw)) {
    const lines = describeErrors(validateConfig.errors, `${label}: `, { names: configNames, lineOf: (pointer) => lineOfPointer(text, pointer) });
    throw new ConfigError(lines.join('\n'), 'see the Config section of the README for the allowed fields');
  }
  for (const [i, source] of (raw.allow?.regexes ?? []).entries()) {
    try {
      new RegExp(source);
    } catch (error) {
      throw new ConfigError(`${label}: /allow/regexes/${i}: ${regexProblem(error)}`, 'fix the regular expression (JavaScript syntax)');
    }
    const everything = allowsEverything(source);
    if (everything) throw new ConfigError(`${label}: /allow/regexes/${i}: ${everything}`, 'or drop it: a scan that allows everything finds nothing');
  }
  const base = defaultConfig(root);
  return {
    ...base,
    ...raw,
    allow: { ...base.allow, ...raw.allow },
    aws: { ...base.aws, ...raw.aws },
    validation: { ...base.validation, ...raw.validation },
    archives: { ...base.archives, ...raw.archives },
    root,
    source: label,
  } as Config;
}

export function loadConfig(cwd: string, explicit?: string): Config {
  const path = findConfig(cwd, explicit);
  if (path === undefined) return defaultConfig(findRepoRoot(cwd));
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${path}: cannot read config: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'check the file permissions');
  }
  // The repository being scanned is the one around cwd, wherever the config file lives (--config /elsewhere.json).
  return parseConfig(text, explicit ?? CONFIG_FILE, findRepoRoot(cwd));
}
