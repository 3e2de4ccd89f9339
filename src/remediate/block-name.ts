// The name of the block a credential sits in (`const prod = {`, `prod:` in YAML, `[profile prod]`), so a second
// AWS key set in a run can be PROD_AWS_ACCESS_KEY_ID rather than AWS_ACCESS_KEY_ID_2. Pure.
import type { Language } from './language.js';
import { assignedKey, envVarFromKey } from './naming.js';

/** Words that say where credentials go, not whose they are: no prefix rather than CREDENTIALS_AWS_ACCESS_KEY_ID. */
const GENERIC = new Set(
  (
    'aws amazon auth client clients config configuration conf cfg cred creds credential credentials default defaults env environment ' +
    'keys key access secret secrets token options opts params parameters props properties provider providers settings spec data ' +
    'values vars variables s3 sts iam id ids account accounts my the'
  ).toUpperCase().split(' '),
);

const YAML: ReadonlySet<Language> = new Set(['yaml', 'github-actions', 'docker-compose', 'kubernetes']);
const NO_BLOCKS: ReadonlySet<Language> = new Set(['shell', 'dotenv', 'properties', 'dockerfile', 'text', 'terraform-vars']);

/** How far up a block's opening line is looked for. */
const REACH = 40;

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

/** How many enclosing blocks are asked for a name (`prod: { credentials: {` gives PROD). */
const LEVELS = 3;

/** The keys of the mappings around the line, innermost first: `prod:` above a more indented line, and so on. */
function yamlParents(lines: readonly string[], line: number): string[] {
  const names: string[] = [];
  let own = indentOf(lines[line - 1] ?? '');
  for (let l = line - 1; l >= Math.max(1, line - REACH) && names.length < LEVELS && own > 0; l--) {
    const text = lines[l - 1] as string;
    if (text.trim() === '' || text.trimStart().startsWith('#') || indentOf(text) >= own) continue;
    const key = /^\s*(?:-\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*:\s*(?:#.*)?$/.exec(text)?.[1];
    if (key === undefined) break;
    names.push(key);
    own = indentOf(text);
  }
  return names;
}

/** `[prod]` or `[profile prod]` above the line. */
function iniSection(lines: readonly string[], line: number): string | undefined {
  for (let l = line; l >= Math.max(1, line - REACH); l--) {
    const section = /^\s*\[(?:profile\s+)?([^\]\s]+)\s*\]/.exec(lines[l - 1] as string)?.[1];
    if (section !== undefined) return section;
  }
  return undefined;
}

/** The keys the `{` around (line, column) are assigned to, innermost first (`const prod = {`, `"prod": {`); up to the
 *  first block without one (a call's argument, `new S3Client({`). */
function braceOwners(lines: readonly string[], line: number, column: number): string[] {
  const names: string[] = [];
  let depth = 0;
  for (let l = line; l >= Math.max(1, line - REACH); l--) {
    const text = lines[l - 1] as string;
    for (let c = (l === line ? column - 1 : text.length) - 1; c >= 0; c--) {
      const ch = text[c];
      if (ch === '}') depth++;
      else if (ch === '{' && depth-- === 0) {
        const key = assignedKey(text, c + 1);
        if (key === undefined) return names;
        names.push(key);
        if (names.length === LEVELS) return names;
        depth = 0;
      }
    }
  }
  return names;
}

/** The name's telling words as an env var prefix (`prodCredentials` → PROD); undefined when none is left. */
function telling(name: string): string | undefined {
  const words = envVarFromKey(name).split('_').filter((word) => word !== '' && !GENERIC.has(word));
  return words.length === 0 ? undefined : words.join('_');
}

/** The env var prefix a credential at (line, column) takes from its block (`PROD`), if the block has a telling name. */
export function blockPrefix(language: Language, lines: readonly string[], line: number, column: number): string | undefined {
  if (NO_BLOCKS.has(language) || lines[line - 1] === undefined) return undefined;
  const names = YAML.has(language) ? yamlParents(lines, line) : language === 'ini' ? [iniSection(lines, line)] : braceOwners(lines, line, column);
  for (const name of names) {
    const prefix = name === undefined ? undefined : telling(name);
    if (prefix !== undefined) return prefix;
  }
  return undefined;
}
