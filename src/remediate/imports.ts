// Import lines a replacement needs (Python's os, Go's "os", C#'s System): where to insert them, if missing. Pure.

export interface Insertion {
  /** 1-based line the text is inserted before (column 1). */
  line: number;
  text: string;
}

/** Lines of the file without their line ending. */
export function splitLines(text: string): string[] {
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

function pythonImportsOs(lines: string[]): boolean {
  return lines.some((l) => /^\s*import\s+(?:[\w.]+(?:\s+as\s+\w+)?\s*,\s*)*os(?:\s*,|\s*$|\s*#)/.test(l));
}

/** `import os` after the module docstring, `from __future__` imports and leading comments; null when present. */
export function pythonOsImport(lines: string[], eol: string): Insertion | null {
  if (pythonImportsOs(lines)) return null;
  let at = 0;
  while (at < lines.length && /^\s*(#.*)?$/.test(lines[at] as string)) at++;
  const docstring = /^[rRuU]?("""|''')/.exec(lines[at] ?? '');
  if (docstring) {
    const quote = docstring[1] as string;
    const rest = (lines[at] as string).slice((lines[at] as string).indexOf(quote) + 3);
    if (!rest.includes(quote)) {
      at++;
      while (at < lines.length && !(lines[at] as string).includes(quote)) at++;
    }
    at++;
  }
  let lastFuture = -1;
  for (let i = at; i < lines.length; i++) if (/^from\s+__future__\s+import\b/.test(lines[i] as string)) lastFuture = i;
  if (lastFuture >= 0) at = lastFuture + 1;
  return { line: at + 1, text: `import os${eol}` };
}

/** `"os"` into Go's import block (or a new import after `package`); null when imported. */
export function goOsImport(lines: string[], eol: string): Insertion | null {
  if (lines.some((l) => /^\s*(?:import\s+)?(?:\w+\s+)?"os"\s*$/.test(l) || /^import\s+(?:\w+\s+)?"os"/.test(l))) return null;
  const block = lines.findIndex((l) => /^import\s*\(\s*$/.test(l));
  if (block >= 0) return { line: block + 2, text: `\t"os"${eol}` };
  const single = lines.findIndex((l) => /^import\s+(?:\w+\s+)?"[^"]+"\s*$/.test(l));
  if (single >= 0) return { line: single + 2, text: `import "os"${eol}` };
  const pkg = lines.findIndex((l) => /^package\s+\w+/.test(l));
  if (pkg < 0) return null;
  return { line: pkg + 2, text: `${eol}import "os"${eol}` };
}

/** `using System;` before the first using directive (or after leading preprocessor lines); null when present. */
export function csharpSystemUsing(lines: string[], eol: string): Insertion | null {
  if (lines.some((l) => /^\s*(?:global\s+)?using\s+System\s*;/.test(l))) return null;
  const firstUsing = lines.findIndex((l) => /^\s*using\s+[\w.]+\s*;/.test(l));
  if (firstUsing >= 0) return { line: firstUsing + 1, text: `using System;${eol}` };
  let at = 0;
  while (at < lines.length && /^\s*(#(?:define|undef|nullable)\b.*|\/\/.*)?$/.test(lines[at] as string)) at++;
  return { line: at + 1, text: `using System;${eol}${eol}` };
}
