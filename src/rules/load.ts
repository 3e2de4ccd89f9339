// Reads rules/*.json and users' custom rules, validates them all with ajv, and reports every problem at once.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledRule, Rule, RuleHead } from '../types.js';
import { RuleFileError } from '../errors.js';
import { packageRoot, rulesDir } from '../paths.js';
import { allowsEverything, compileSchema, declaredNames, describeErrors, regexProblem } from '../schema.js';
import { lineOfPointer } from '../allow/json-locate.js';
import { compileHead, compileRule, expandRule, type PathMatcherFactory, type RegExpFactory } from './compile.js';
import { CHECKSUMS } from '../detect/checksum.js';
import { redosProblem } from './redos.js';
import { GuardedRegExp } from '../workers/regex-sandbox.js';
import { describeParsePosition, withoutBom } from '../allow/json-locate.js';
import { CODE_VALIDATORS, httpCheckProblems } from '../validate/check-spec.js';

export interface LoadedRule {
  rule: Rule;
  /** The file the rule came from, for error messages. */
  source: string;
  /** A catalogue rule's head (what compiling reads), so that start-up leaves `rule` unparsed. */
  head?: RuleHead;
}

/** What loading and compiling read of a rule: the head when it has one, else the rule itself. */
export function headOf(loaded: LoadedRule): RuleHead {
  return loaded.head ?? loaded.rule;
}

interface RuleFile {
  rules: Rule[];
}

const KNOWN_VALIDATORS = new Set(CODE_VALIDATORS);

let validateFile: ReturnType<typeof compileSchema<RuleFile>> | undefined;
function ruleFileValidator(): ReturnType<typeof compileSchema<RuleFile>> {
  validateFile ??= compileSchema<RuleFile>(JSON.parse(readFileSync(join(rulesDir, 'schema.json'), 'utf8')) as object);
  return validateFile;
}

/** A rule id as errors may show it: only one of the id shape (another value may be anything the user pasted). */
export function shownRuleId(id: unknown): string | undefined {
  return typeof id === 'string' && id.length <= 80 && RULE_ID.test(id) ? id : undefined;
}
const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)+$/;

/** Names a problem by file, and by rule id when the path points into a rule. */
function locateProblem(source: string, data: unknown, line: string): string {
  const m = /^\/rules\/(\d+)(.*)$/.exec(line);
  const rules = (data as { rules?: { id?: unknown }[] }).rules;
  if (m && Array.isArray(rules)) {
    const id = shownRuleId(rules[Number(m[1])]?.id);
    if (id !== undefined) return `${source}: rule "${id}": ${line}`;
  }
  return `${source}: ${line}`;
}

let ruleNames: Set<string> | undefined;

/** What the schema cannot say well: a rule has exactly one of `regex` and `named`. */
function patternProblem(rule: Rule): string | undefined {
  if (rule.regex === undefined && rule.named === undefined) return 'needs a "regex" or a "named" value';
  if (rule.regex !== undefined && rule.named !== undefined) return 'has both "regex" and "named"; keep one';
  return undefined;
}

/** Validates a parsed rule file; returns problems (empty when fine). `text`, when known, locates unknown properties. */
export function checkRuleFile(source: string, data: unknown, text?: string): string[] {
  const validate = ruleFileValidator();
  if (!validate(data)) {
    ruleNames ??= declaredNames(JSON.parse(readFileSync(join(rulesDir, 'schema.json'), 'utf8')));
    const lineOf = text === undefined ? undefined : (pointer: string): number | undefined => lineOfPointer(text, pointer);
    return describeErrors(validate.errors, '', { names: ruleNames, ...(lineOf ? { lineOf } : {}) }).map((line) => locateProblem(source, data, line));
  }
  return (data as RuleFile).rules.flatMap((rule, i) => {
    const problem = patternProblem(rule);
    return problem === undefined ? [] : [locateProblem(source, data, `/rules/${i}: ${problem}`)];
  });
}

export function readRuleFile(path: string, label = path): { rules: LoadedRule[]; problems: string[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { rules: [], problems: [`${label}: cannot read rules: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (code ?? (error as Error).message)}`] };
  }
  // A byte-order mark (Windows editors) is no content.
  text = withoutBom(text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { rules: [], problems: [`${label}: not valid JSON at ${describeParsePosition(text) ?? 'an unknown position'}`] };
  }
  const problems = checkRuleFile(label, data, text);
  if (problems.length > 0) return { rules: [], problems };
  return { rules: (data as RuleFile).rules.map((rule) => ({ rule: expandRule(rule), source: label })), problems };
}

function builtinRuleFiles(dir = rulesDir): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'schema.json').sort();
}

/** All built-in rule files, read one by one (what the build and the tests use). */
export function loadRuleFiles(): LoadedRule[] {
  const rules: LoadedRule[] = [];
  const problems: string[] = [];
  for (const file of builtinRuleFiles()) {
    const result = readRuleFile(join(rulesDir, file), `rules/${file}`);
    rules.push(...result.rules);
    problems.push(...result.problems);
  }
  if (problems.length > 0) throw new RuleFileError(problems, 'fix the rule files named above (they are validated by rules/schema.json)');
  return rules;
}

/** The build's one-file catalogue: every rule without its examples, plus the size and mtime of each source file. */
export interface CompactCatalogue {
  files: { name: string; size: number; mtimeMs: number }[];
  sources: string[];
  rules: Rule[];
}

export const COMPACT_CATALOGUE = join(packageRoot, 'build', 'rules.json');

/** A rule as the catalogue stores it: no examples, and a `named` rule without the regex it expands into again at load. */
function compactRule(rule: Rule): Rule {
  const { regex, ...rest } = rule;
  return { ...(rule.named === undefined ? { ...rest, regex } : rest), examples: { match: [], noMatch: [] } } as Rule;
}

/** Builds the compact catalogue (scripts/bundle.js): examples are for tests, not for every start-up. */
export function buildCompactCatalogue(): CompactCatalogue {
  const loaded = loadRuleFiles();
  return {
    files: builtinRuleFiles().map((name) => {
      const stats = statSync(join(rulesDir, name));
      return { name, size: stats.size, mtimeMs: stats.mtimeMs };
    }),
    sources: loaded.map((r) => r.source),
    rules: loaded.map(({ rule }) => compactRule(rule)),
  };
}

/** The catalogue file holds heads (what every start-up reads); the whole rules, one JSON text each, are in this
 *  file beside it, read as bytes and parsed rule by rule when a run reads them: a hook's texts select a few rules. */
export function bodiesFile(path: string): string {
  return `${path}.bodies`;
}

/** The catalogue file as written: `spans` holds each rule's [start, end) in the bodies file of `bodyBytes` bytes. */
interface StoredCatalogue {
  files: CompactCatalogue['files'];
  sources: string[];
  rules: RuleHead[];
  spans: number[];
  bodyBytes: number;
}

const HEAD_FIELDS = ['id', 'keywords', 'flags', 'secretGroup', 'allow', 'requires', 'keywordPaths', 'pairOnly', 'pairWith', 'pairAs', 'pairWithin', 'checksum', 'target', 'assignment'] as const;

/** The head of an (expanded) rule: its flags as it expands, and of an HTTP check only the partner's pattern. */
export function headOfRule(rule: Rule): RuleHead {
  const head: Record<string, unknown> = {};
  for (const field of HEAD_FIELDS) if (rule[field] !== undefined) head[field] = rule[field];
  if (rule.validate !== undefined) head.validate = typeof rule.validate === 'string' ? rule.validate : rule.validate.id === undefined ? {} : { id: rule.validate.id };
  return head as unknown as RuleHead;
}

/** Writes the catalogue file and its bodies file (scripts/bundle.js). */
export function writeCompactCatalogue(catalogue: CompactCatalogue, path = COMPACT_CATALOGUE): void {
  const bodies = catalogue.rules.map((rule) => Buffer.from(JSON.stringify(rule)));
  const spans: number[] = [];
  let at = 0;
  for (const body of bodies) spans.push(at, (at += body.length));
  const stored: StoredCatalogue = { files: catalogue.files, sources: catalogue.sources, rules: catalogue.rules.map((rule) => headOfRule(expandRule(rule))), spans, bodyBytes: at };
  writeFileSync(bodiesFile(path), Buffer.concat(bodies));
  writeFileSync(path, JSON.stringify(stored));
}

/** A rule of the catalogue: its head now, the whole rule parsed from the bodies file when first read. */
class CatalogueRule implements LoadedRule {
  readonly source: string;
  readonly head: RuleHead;
  readonly #bodies: Buffer;
  readonly #start: number;
  readonly #end: number;
  #rule: Rule | undefined;

  constructor(head: RuleHead, source: string, bodies: Buffer, start: number, end: number) {
    this.head = head;
    this.source = source;
    this.#bodies = bodies;
    this.#start = start;
    this.#end = end;
  }

  get rule(): Rule {
    this.#rule ??= expandRule(JSON.parse(this.#bodies.toString('utf8', this.#start, this.#end)) as Rule);
    return this.#rule;
  }
}

function isHeadShaped(head: RuleHead): boolean {
  return typeof head?.id === 'string' && Array.isArray(head.keywords);
}

/** The compact catalogue when it matches rules/ file for file; undefined when missing or stale. */
export function readCompactCatalogue(path = COMPACT_CATALOGUE, dir = rulesDir): LoadedRule[] | undefined {
  if (!existsSync(path)) return undefined;
  let catalogue: StoredCatalogue;
  let bodies: Buffer;
  try {
    catalogue = JSON.parse(readFileSync(path, 'utf8')) as StoredCatalogue;
    bodies = readFileSync(bodiesFile(path));
  } catch {
    return undefined;
  }
  const names = builtinRuleFiles(dir);
  if (names.length !== catalogue.files?.length) return undefined;
  for (const [i, name] of names.entries()) {
    const recorded = catalogue.files[i];
    // Hundreds of files at every start-up: a plain concatenation, as join's normalising costs more than the stat.
    const stats = statSync(`${dir}/${name}`);
    if (recorded?.name !== name || recorded.size !== stats.size || recorded.mtimeMs !== stats.mtimeMs) return undefined;
  }
  // The build validated every rule in it; a file of another shape (hand-edited, older build, bodies of another
  // build) is not trusted.
  const { rules, spans, sources } = catalogue;
  if (!Array.isArray(rules) || rules.length !== sources?.length || !Array.isArray(spans) || spans.length !== 2 * rules.length) return undefined;
  if (bodies.length !== catalogue.bodyBytes || !rules.every(isHeadShaped)) return undefined;
  return rules.map((head, i) => new CatalogueRule(head, sources[i] ?? 'rules', bodies, spans[2 * i] as number, spans[2 * i + 1] as number));
}

/** All built-in rules: the build's compact catalogue when it is current, else the rule files themselves. */
export function loadBuiltinRules(): LoadedRule[] {
  return readCompactCatalogue() ?? loadRuleFiles();
}

export interface CompileOptions {
  makePathMatcher?: PathMatcherFactory;
  /** Check every rule's secret group exists (tests; custom rules always are). */
  verifyGroups?: boolean;
  /** Custom (user) rules get a ReDoS check and a secret-group check before use. */
  checkRedos?: (rule: LoadedRule) => boolean;
}

/** Every field of a user's rule whose pattern may take super-linear time, as `/field: problem` lines. */
export function ruleRedosProblems(rule: Rule): string[] {
  const fields: [string, string | undefined, string][] = [
    ['/regex', rule.regex, rule.flags ?? ''],
    ['/secretRegex', rule.secretRegex, ''],
    ['/requires', rule.requires, ''],
    ...(rule.allow?.regexes ?? []).map((r, i): [string, string, string] => [`/allow/regexes/${i}`, r, '']),
    ...(typeof rule.validate === 'object'
      ? ([
          ['/validate/extract', rule.validate.extract, ''],
          ['/validate/siteFrom', rule.validate.siteFrom, ''],
          ['/validate/id/regex', rule.validate.id?.regex, ''],
        ] as [string, string | undefined, string][])
      : []),
  ];
  const problems: string[] = [];
  for (const [field, source, flags] of fields) {
    if (source === undefined) continue;
    const problem = redosProblem(source, flags);
    if (problem) problems.push(`${field}: ${problem}`);
  }
  return problems;
}

/** Compiles every rule; cross-checks ids, pairs, checksums and validators; throws all problems together. */
export function compileRules(loaded: LoadedRule[], options: CompileOptions = {}): CompiledRule[] {
  const problems: string[] = [];
  const ids = new Map<string, string>();
  for (const item of loaded) {
    const { id } = headOf(item);
    const previous = ids.get(id);
    if (previous !== undefined) problems.push(`${item.source}: rule "${shownRuleId(id) ?? '…'}": duplicate id (also in ${previous})`);
    ids.set(id, item.source);
  }
  const compiled: CompiledRule[] = [];
  for (const item of loaded) {
    const { source } = item;
    const head = headOf(item);
    // References to other rules, checksums and validators are not echoed when they name nothing known. Made only
    // for a problem: checking the id's shape for every rule of the catalogue is a cost of every start-up.
    const where = (): string => `${source}: rule "${shownRuleId(head.id) ?? '…'}"`;
    if (head.pairWith !== undefined && !ids.has(head.pairWith)) problems.push(`${where()}: /pairWith: names no rule`);
    if (head.pairAs !== undefined && !ids.has(head.pairAs)) problems.push(`${where()}: /pairAs: names no rule`);
    if (head.checksum !== undefined && !(head.checksum in CHECKSUMS)) problems.push(`${where()}: /checksum: unknown checksum (known: ${Object.keys(CHECKSUMS).join(', ')})`);
    if (typeof head.validate === 'string' && !KNOWN_VALIDATORS.has(head.validate)) problems.push(`${where()}: /validate: unknown validator (known: ${[...KNOWN_VALIDATORS].join(', ')}, or a check written as data)`);
    const custom = options.checkRedos?.(item) === true;
    const checked = custom || options.verifyGroups === true;
    // A catalogue rule's whole is parsed only when a run reads it (its regex): the build checked it.
    if (item.head !== undefined && !checked) {
      compiled.push(compileHead(item.head, () => item.rule, options.makePathMatcher));
      continue;
    }
    const rule = expandRule(item.rule);
    // Built-in checks are verified by the test suite (verifyGroups); users' on every load. ~2 ms a start saved.
    if (typeof rule.validate === 'object' && checked) problems.push(...httpCheckProblems(rule.validate).map((p) => `${where()}: /validate${p}`));
    let result: CompiledRule;
    try {
      // Users' regexes run on the sandbox worker, under a deadline; built-in ones are trusted and run here.
      const guarded: RegExpFactory | undefined = custom ? (source, flags, field) => new GuardedRegExp(source, flags, `${where()}: ${field}`) : undefined;
      result = compileRule(rule, options.makePathMatcher, checked, guarded);
    } catch (error) {
      problems.push(`${where()}: /regex: ${regexProblem(error)}`);
      continue;
    }
    if (custom) {
      const everything = (rule.allow?.regexes ?? []).flatMap((source, i) => {
        const problem = allowsEverything(source);
        return problem ? [`/allow/regexes/${i}: ${problem}`] : [];
      });
      const found = [...ruleRedosProblems(rule), ...everything].map((line) => `${where()}: ${line}`);
      if (found.length > 0) {
        problems.push(...found);
        continue;
      }
    }
    compiled.push(result);
  }
  if (problems.length > 0) throw new RuleFileError(problems, 'fix the rules named above');
  return compiled;
}
