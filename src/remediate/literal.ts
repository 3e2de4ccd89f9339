// Finds the whole literal that holds a secret on its line: a quoted string that is exactly the secret, or a bare value. Pure.

export interface LiteralSpan {
  /** 1-based column of the literal's first character (an opening quote or string prefix included). */
  start: number;
  /** 1-based column just after the literal (closing quote included). */
  end: number;
  quote: string;
  /** String prefix before the quote, such as Python's r or C#'s @. */
  prefix: string;
}

const QUOTES = ['"', "'", '`'];

/** Characters allowed as a prefix of a quoted string, per language family (r'…', @"…", $"…"). */
const PREFIXES: Record<string, RegExp> = {
  python: /[rRuUfF]{1,2}$/,
  csharp: /(?:\$@|@\$|@|\$)$/,
};

/** Counts unescaped occurrences of `quote` in `text`. */
function countQuotes(text: string, quote: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) count++;
  }
  return count;
}

/**
 * The quoted literal whose content is exactly the secret (columns are 1-based, `endColumn` exclusive), or
 * undefined when the secret shares its string with other text or sits in a string we cannot read safely.
 */
export function quotedLiteral(lineText: string, column: number, endColumn: number, language: string): LiteralSpan | undefined {
  const open = lineText[column - 2];
  const close = lineText[endColumn - 1];
  if (open === undefined || open !== close || !QUOTES.includes(open)) return undefined;
  const before = lineText.slice(0, column - 2);
  // The opening quote must really open a string: an even number of the same quotes precede it.
  if (countQuotes(before, open) % 2 !== 0) return undefined;
  if (before.endsWith('\\')) return undefined;
  const content = lineText.slice(column - 1, endColumn - 1);
  if (content.includes('\\') || content.includes(open)) return undefined;
  // Python's triple quotes and byte strings, Ruby symbols: not a plain string literal.
  if (lineText.slice(column - 4, column - 1) === open.repeat(3)) return undefined;
  const prefixPattern = PREFIXES[language];
  const prefix = prefixPattern?.exec(before)?.[0] ?? '';
  const beforePrefix = before.slice(0, before.length - prefix.length);
  if (/[A-Za-z0-9_]$/.test(beforePrefix)) {
    // b'…' in Python is bytes, other letters glued to a quote are some other literal form.
    return undefined;
  }
  if (language === 'ruby' && beforePrefix.endsWith(':')) return undefined;
  return { start: column - 1 - prefix.length, end: endColumn + 1, quote: open, prefix };
}

/** An unquoted value that is exactly the secret: after `=`, `: `, whitespace or line start, up to the line end, a comment or whitespace. */
export function bareValue(lineText: string, column: number, endColumn: number): LiteralSpan | undefined {
  const before = lineText.slice(0, column - 1);
  const after = lineText.slice(endColumn - 1);
  if (!(before === '' || /(?:[=\s]|:\s)$/.test(before) || /^\s*-\s*$/.test(before))) return undefined;
  if (!(after === '' || /^\s*$/.test(after) || /^\s+#/.test(after) || /^\s+/.test(after))) return undefined;
  return { start: column, end: endColumn, quote: '', prefix: '' };
}

/** Is the rest of the line after the literal only whitespace and maybe a comment? */
export function endsLine(lineText: string, end: number, comment: RegExp = /^\s*(?:#.*)?$/): boolean {
  return comment.test(lineText.slice(end - 1));
}
