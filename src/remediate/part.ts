// Shared shapes and helpers of the per-language rewriters: one secret literal ("part") → edits and a .env line. Pure.
import type { Suggestion } from '../types.js';
import type { Language } from './language.js';
import type { LiteralSpan } from './literal.js';

export type SuggestionEdit = NonNullable<Suggestion['edit']>;

/** An edit plus the text it replaces, so the fixer can check the file still holds it. */
export interface FixEdit extends SuggestionEdit {
  expect: string;
}

/** One literal to replace: the secret of a finding, or the key id of an AWS pair. */
export interface Part {
  line: number;
  column: number;
  endColumn: number;
  lineText: string;
  /** The secret as written in the file. */
  value: string;
  /** The env var name before making it unique. */
  base: string;
}

export interface RewriteContext {
  language: Language;
  file: string;
  /** The file's lines without line endings ([] when unknown). */
  lines: string[];
  eol: string;
  fileText: string;
}

export interface PartFix {
  name: string;
  edits: FixEdit[];
  /** The line for .env (holds the secret). */
  envLine: string;
  /** A replacement text for the suggestion when it is not the plain expression. */
  replacement?: string;
  note?: string;
  /** Already in the local .env: nothing to rewrite. */
  local?: boolean;
}

export interface Manual {
  manual: string;
  name: string;
}

export interface Handler {
  /** How the file's language reads the variable. */
  expression: (name: string, ctx: RewriteContext) => string;
  rewrite: (ctx: RewriteContext, part: Part, name: string) => PartFix | Manual;
  /** Turns the base name into this language's own convention (Terraform's TF_VAR_x). */
  nameFor?: (base: string) => string;
  /** A name fixed by the file itself (a .env key, a Kubernetes env entry). */
  ownName?: (ctx: RewriteContext, part: Part) => string | undefined;
}

export function manual(name: string, reason: string): Manual {
  return { manual: reason, name };
}

/** A .env line for NAME and value, quoted when the value needs it; undefined when it cannot be written safely. */
export function envLine(name: string, value: string): string | undefined {
  if (/^[A-Za-z0-9_./+=:@,%~-]*$/.test(value)) return `${name}=${value}`;
  if (!/['\n\r]/.test(value)) return `${name}='${value}'`;
  return undefined;
}

/** Replace the span of `literal` on the part's line with `text`. */
export function replaceLiteral(part: Part, literal: LiteralSpan, text: string): FixEdit {
  return { line: part.line, column: literal.start, endLine: part.line, endColumn: literal.end, text, expect: part.lineText.slice(literal.start - 1, literal.end - 1) };
}

/** Delete the part's whole line, line ending included. */
export function deleteLine(ctx: RewriteContext, part: Part): FixEdit {
  const last = part.line >= ctx.lines.length;
  if (last) return { line: part.line, column: 1, endLine: part.line, endColumn: part.lineText.length + 1, text: '', expect: part.lineText };
  return { line: part.line, column: 1, endLine: part.line + 1, endColumn: 1, text: '', expect: `${part.lineText}${ctx.eol}` };
}

/** Insert `text` before column 1 of `line`. */
export function insertAt(line: number, text: string): FixEdit {
  return { line, column: 1, endLine: line, endColumn: 1, text, expect: '' };
}

/** The PartFix for a rewrite that moves the value into .env under `name`. */
export function moved(name: string, part: Part, edits: FixEdit[], extra: Partial<PartFix> = {}): PartFix | Manual {
  const line = envLine(name, part.value);
  if (line === undefined) return manual(name, 'the value holds quotes or line breaks that a .env line cannot carry safely');
  return { name, edits, envLine: line, ...extra };
}
