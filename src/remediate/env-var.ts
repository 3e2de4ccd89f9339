// Finding + its file → Suggestion: which env var to read, the expression in the file's language, and the exact edits. Pure.
import { RAW, type Finding, type Rule, type Suggestion } from '../types.js';
import { detectLanguage, type Language } from './language.js';
import { assignedKey, envVarFromKey, envVarFromRuleId, uniqueName } from './naming.js';
import { splitLines } from './imports.js';
import { AWS_NOTE, LANGUAGE_NOTES } from './notes.js';
import { HANDLERS, type Part, type PartFix, type RewriteContext } from './rewrite.js';
import type { FixEdit, SuggestionEdit } from './part.js';
import { partNames, type NamedSets } from './part-names.js';

export type { FixEdit, SuggestionEdit } from './part.js';

/** What the fixer needs besides the suggestion: all edits, and the lines that go into the local .env. */
export interface Remedy {
  suggestion: Suggestion;
  edits: FixEdit[];
  /** `NAME=value` lines for .env (they hold the secret: never print or report them). */
  env: { name: string; line: string }[];
  /** Names for .env.example. */
  example: string[];
  /** Why --fix cannot apply this one; absent when it can. */
  manual?: string;
  /** The finding sits in the local .env itself: nothing to rewrite. */
  local?: boolean;
}

export interface RemedyInput {
  finding: Finding;
  rule?: Rule;
  /** The file's text as scanned; absent for history findings or when the file on disk differs. */
  fileText?: string;
  /** Why the file's text is absent when it is not "changed on disk" (the file lies outside the folder --fix works in). */
  unavailable?: string;
  /** Env var names already used in this run (and in .env) → the value each stands for. */
  taken: Map<string, string>;
  /** The AWS credential sets named so far in this run (a session token takes the names of the pair above it). */
  sets?: NamedSets;
}

const AWS_KEY_ID_VAR = 'AWS_ACCESS_KEY_ID';

/** The name a finding's secret should be read from: rule data, else the assignment's key, else the rule id. */
export function baseEnvVar(rule: Rule | undefined, ruleId: string, lineText: string, column: number): string {
  const fromRule = rule?.remediation?.envVar;
  if (fromRule && !rule.generic) return fromRule;
  const key = assignedKey(lineText, column);
  const fromKey = key ? envVarFromKey(key) : '';
  return fromKey || fromRule || envVarFromRuleId(ruleId);
}

function partsOf(input: RemedyInput, lines: string[] | undefined): Part[] | string {
  const { finding, rule } = input;
  const raw = finding[RAW];
  const lineText = raw.lineText;
  const value = lineText.slice(finding.column - 1, finding.endColumn - 1);
  const parts: Part[] = [{ line: finding.line, column: finding.column, endColumn: finding.endColumn, lineText, value, base: baseEnvVar(rule, finding.ruleId, lineText, finding.column) }];
  if (raw.pairedId !== undefined && raw.pairedLine !== undefined && raw.pairedColumn !== undefined) {
    const pairedText = raw.pairedLine === finding.line ? lineText : lines?.[raw.pairedLine - 1];
    if (pairedText === undefined) return 'the key id of this pair is on a line that is not available';
    const endColumn = raw.pairedColumn + raw.pairedId.length;
    parts.push({ line: raw.pairedLine, column: raw.pairedColumn, endColumn, lineText: pairedText, value: pairedText.slice(raw.pairedColumn - 1, endColumn - 1), base: AWS_KEY_ID_VAR });
  }
  return parts;
}

function isAws(rule: Rule | undefined, names: string[]): boolean {
  return rule?.provider === 'aws' || names.some((n) => n.startsWith('AWS_'));
}

function noteFor(language: Language, rule: Rule | undefined, names: string[], extra: string[]): string | undefined {
  const notes = [...extra];
  const hint = LANGUAGE_NOTES[language];
  if (hint) notes.push(hint);
  if (rule?.remediation?.note) notes.push(rule.remediation.note);
  if (isAws(rule, names)) notes.push(AWS_NOTE);
  return notes.length > 0 ? notes.join('\n') : undefined;
}

function stripExpect(edit: FixEdit): SuggestionEdit {
  return { line: edit.line, column: edit.column, endLine: edit.endLine, endColumn: edit.endColumn, text: edit.text };
}

const MAX_LINE = 10_000;
/** A file inside an archive (`app.jar!/config/app.properties`): --fix cannot rewrite it. */
const INSIDE_ARCHIVE = /\.(zip|jar|war|ear|tar|tgz|gz)!\//i;
const GENERATED_LINE = 'a minified or generated line (over 10 000 characters): remove the secret from the source it is built from, then rebuild';

// Findings come file by file: split each file's text once, not once per finding.
let lastSplit: { text: string; lines: string[] } | undefined;
function linesOf(text: string): string[] {
  if (lastSplit?.text !== text) lastSplit = { text, lines: splitLines(text) };
  return lastSplit.lines;
}

/** The suggestion for one finding, and the edits --fix would make. */
export function suggestRemedy(input: RemedyInput): Remedy {
  const { finding, rule } = input;
  const fileText = input.fileText;
  // A minified or generated line is not rewritten: and per-finding work on it would be quadratic.
  const generated = finding[RAW].lineText.length > MAX_LINE;
  const language = detectLanguage(finding.file, generated ? finding[RAW].lineText.slice(0, 256) : (fileText ?? finding[RAW].lineText));
  const lines = fileText === undefined || generated ? undefined : linesOf(fileText);
  const consistent = lines !== undefined && lines[finding.line - 1] === finding[RAW].lineText;
  const handler = HANDLERS[language];
  const parts = generated ? GENERATED_LINE : partsOf(input, consistent ? lines : undefined);
  const ctx: RewriteContext = { language, file: finding.file, lines: consistent ? lines : [], eol: fileText?.includes('\r\n') ? '\r\n' : '\n', fileText: consistent ? (fileText as string) : '' };

  if (typeof parts === 'string') {
    const name = uniqueName(baseEnvVar(rule, finding.ruleId, finding[RAW].lineText, finding.column), finding[RAW].secret, input.taken);
    const suggestion: Suggestion = { envVar: name, replacement: handler.expression(name, ctx), language, note: noteFor(language, rule, [name], [`manual: ${parts}`]) ?? '' };
    return { suggestion, edits: [], env: [], example: [], manual: parts };
  }
  const partNamed = partNames(parts, handler, ctx, input.taken, isAws(rule, parts.map((part) => part.base)) ? (input.sets ?? new Map()) : undefined);
  const fixes: (PartFix | { manual: string; name: string })[] = parts.map((part, i) => {
    const name = partNamed[i] as string;
    if (finding.commit !== undefined) return { manual: 'found in history: --fix only rewrites the working tree (rotate the key, then rewrite history if needed)', name };
    if (INSIDE_ARCHIVE.test(finding.file)) return { manual: 'inside an archive: remove it from the file the archive is built from, then rebuild the archive', name };
    if (!consistent) return { manual: input.unavailable ?? 'the file on disk no longer holds this line as scanned', name };
    return handler.rewrite(ctx, part, name);
  });
  const names = fixes.map((f) => f.name);
  const primary = fixes[0] as PartFix | { manual: string; name: string };
  const manual = fixes.find((f): f is { manual: string; name: string } => 'manual' in f)?.manual;
  const extra: string[] = [];
  const second = fixes[1];
  if (second) extra.push(`The access key id: use ${'replacement' in second && second.replacement ? second.replacement : handler.expression(second.name, ctx)}.`);
  if ('note' in primary && primary.note) extra.push(primary.note);
  if (manual) extra.unshift(`manual: ${manual}`);
  const suggestion: Suggestion = { envVar: primary.name, replacement: 'replacement' in primary && primary.replacement ? primary.replacement : handler.expression(primary.name, ctx), language };
  const note = noteFor(language, rule, names, extra);
  if (note) suggestion.note = note;
  if (manual) return { suggestion, edits: [], env: [], example: [], manual };

  const applied = fixes as PartFix[];
  if (applied.some((f) => f.local)) return { suggestion, edits: [], env: [], example: applied.map((f) => f.name), local: true };
  const edits = dedupe(applied.flatMap((f) => f.edits));
  if (edits.length > 0) {
    suggestion.edit = stripExpect(edits[0] as FixEdit);
    if (edits.length > 1) suggestion.additionalEdits = edits.slice(1).map(stripExpect);
  }
  return {
    suggestion,
    edits,
    env: applied.map((f) => ({ name: f.name, line: f.envLine })),
    example: applied.map((f) => f.name),
  };
}

function dedupe(edits: FixEdit[]): FixEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const key = `${e.line}:${e.column}:${e.endLine}:${e.endColumn}:${e.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
