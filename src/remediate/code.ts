// Rewriters for programming languages: the string literal that is exactly the secret → an env var read. Pure.
import type { Language } from './language.js';
import { bareValue, quotedLiteral } from './literal.js';
import { csharpSystemUsing, goOsImport, pythonOsImport, type Insertion } from './imports.js';
import { insertAt, manual, moved, replaceLiteral, type FixEdit, type Handler, type Manual, type Part, type PartFix, type RewriteContext } from './part.js';
import type { LiteralSpan } from './literal.js';

type Check = (ctx: RewriteContext, part: Part, literal: LiteralSpan) => string | undefined;

const SHARED_LITERAL = 'the secret shares its string with other text (or is not a plain string literal); replace it by hand';

/** Inside a Go `const ( … )` block? */
function inGoConstBlock(lines: string[], line: number): boolean {
  for (let i = line - 2; i >= 0; i--) {
    const text = lines[i] as string;
    if (/^\s*\)\s*$/.test(text)) return false;
    if (/^\s*const\s*\(/.test(text)) return true;
    if (/^\S/.test(text)) return false;
  }
  return false;
}

// The checks look near the literal only (bounded, so minified megabyte lines stay cheap).
const before = (part: Part, literal: LiteralSpan): string => part.lineText.slice(Math.max(0, literal.start - 1 - 300), literal.start - 1);
const after = (part: Part, literal: LiteralSpan): string => part.lineText.slice(literal.end - 1, literal.end - 1 + 300);

const caseLabel: Check = (_ctx, part, literal) => (/\bcase\s+$/.test(before(part, literal)) ? 'a case label needs a constant' : undefined);
const annotation: Check = (_ctx, part, literal) => (/[@[]\s*[\w.]+\s*\([^)]*$/.test(before(part, literal)) ? 'an annotation or attribute argument needs a constant' : undefined);

const CHECKS: Partial<Record<Language, Check[]>> = {
  javascript: [
    (_ctx, part, literal) => (/^\s*:/.test(after(part, literal)) && /[{,]\s*$/.test(before(part, literal)) ? 'the secret is an object key' : undefined),
    (_ctx, part, literal) => (/\b(?:import|from|require\s*\()\s*$/.test(before(part, literal)) ? 'the secret is a module specifier' : undefined),
  ],
  go: [
    (ctx, part) => (/^\s*const\b/.test(part.lineText) || inGoConstBlock(ctx.lines, part.line) ? 'a Go const needs a constant: turn it into a var first' : undefined),
    caseLabel,
    (_ctx, part, literal) => (literal.quote === '`' && /`\s*$/.test(before(part, literal)) ? 'a struct tag' : undefined),
  ],
  java: [caseLabel, annotation],
  kotlin: [(_ctx, part) => (/\bconst\s+val\b/.test(part.lineText) ? 'a Kotlin const val needs a constant' : undefined), annotation],
  csharp: [(_ctx, part) => (/\bconst\b/.test(part.lineText) ? 'a C# const needs a constant: make it static readonly' : undefined), caseLabel, annotation],
  php: [
    (_ctx, part) =>
      /^\s*(?:(?:public|private|protected|var|static|readonly|final)\s+)+(?:\??[\w\\]+\s+)?\$\w+\s*=/.test(part.lineText) || /\bconst\s+\w+\s*=/.test(part.lineText)
        ? 'a PHP property default or constant cannot call getenv(): set it in the constructor'
        : undefined,
    caseLabel,
  ],
  python: [caseLabel],
};
CHECKS.typescript = CHECKS.javascript;

const IMPORTS: Partial<Record<Language, (lines: string[], eol: string) => Insertion | null>> = {
  python: pythonOsImport,
  go: goOsImport,
  csharp: csharpSystemUsing,
};

// `process.env.X || '…'` (or `??`, `import.meta.env.X`, `process.env["X"]`): the code already reads X, so the fix drops
// the fallback and keeps the read; replacing the literal alone would leave `process.env.X || process.env.X`.
const JS_FALLBACK = /((?:process\.env|import\.meta\.env)(?:\.([A-Za-z_]\w*)|\[[ \t]*["'`]([A-Za-z_]\w*)["'`][ \t]*\]))[ \t]*(?:\|\||\?\?)[ \t]*$/;
const FALLBACKS: Partial<Record<Language, RegExp>> = { javascript: JS_FALLBACK, typescript: JS_FALLBACK };

/** The edit that replaces `read || literal` by `read`, when the read names `name`. */
function dropFallback(ctx: RewriteContext, part: Part, literal: LiteralSpan, name: string): FixEdit | undefined {
  const fallback = FALLBACKS[ctx.language]?.exec(before(part, literal));
  if (!fallback || (fallback[2] ?? fallback[3]) !== name) return undefined;
  const read = fallback[1] as string;
  const column = literal.start - fallback[0].length;
  return { line: part.line, column, endLine: part.line, endColumn: literal.end, text: read, expect: part.lineText.slice(column - 1, literal.end - 1) };
}

function codeHandler(expression: (name: string) => string): Handler {
  return {
    expression: (name) => expression(name),
    rewrite: (ctx, part, name): PartFix | Manual => {
      const literal = quotedLiteral(part.lineText, part.column, part.endColumn, ctx.language);
      if (!literal) return manual(name, SHARED_LITERAL);
      for (const check of CHECKS[ctx.language] ?? []) {
        const reason = check(ctx, part, literal);
        if (reason) return manual(name, reason);
      }
      const kept = dropFallback(ctx, part, literal, name);
      if (kept) return moved(name, part, [kept], { replacement: kept.text });
      const edits = [replaceLiteral(part, literal, expression(name))];
      const insertion = IMPORTS[ctx.language]?.(ctx.lines, ctx.eol);
      if (insertion) edits.push(insertAt(insertion.line, insertion.text));
      return moved(name, part, edits);
    },
  };
}

const shellExpression = (name: string): string => `"\${${name}:?}"`;

export const CODE_HANDLERS: Partial<Record<Language, Handler>> = {
  javascript: codeHandler((n) => `process.env.${n}`),
  typescript: codeHandler((n) => `process.env.${n}`),
  python: codeHandler((n) => `os.environ["${n}"]`),
  go: codeHandler((n) => `os.Getenv("${n}")`),
  java: codeHandler((n) => `System.getenv("${n}")`),
  kotlin: codeHandler((n) => `System.getenv("${n}")`),
  ruby: codeHandler((n) => `ENV.fetch("${n}")`),
  php: codeHandler((n) => `getenv('${n}')`),
  csharp: codeHandler((n) => `Environment.GetEnvironmentVariable("${n}")`),
  shell: {
    expression: shellExpression,
    rewrite: (_ctx, part, name) => {
      const literal = quotedLiteral(part.lineText, part.column, part.endColumn, 'shell') ?? bareValue(part.lineText, part.column, part.endColumn);
      if (!literal) return manual(name, SHARED_LITERAL);
      if (literal.quote === '`') return manual(name, 'a command substitution');
      return moved(name, part, [replaceLiteral(part, literal, shellExpression(name))]);
    },
  },
};
