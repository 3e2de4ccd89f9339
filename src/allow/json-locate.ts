// Finds where a JSON value sits in its source text, so errors about a hand-edited file can name the line.

export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

/** "line 3, column 5" for the "at position N" that V8 puts in JSON.parse errors; undefined when absent. */
export function describeParsePosition(text: string, message: string): string | undefined {
  const position = /at position (\d+)/.exec(message);
  if (position) {
    const { line, column } = lineColumnAt(text, Number(position[1]));
    return `line ${line}, column ${column}`;
  }
  // Newer V8 says "(line 3 column 5)"; an empty text says "Unexpected end of JSON input".
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return `line ${lineCol[1]}, column ${lineCol[2]}`;
  if (/end of JSON input/.test(message)) return `line ${lineColumnAt(text, text.length).line} (end of file)`;
  return undefined;
}

/** Offset of the value at a JSON pointer ("/entries/3/secret") in valid JSON text; undefined if absent. */
export function offsetOfPointer(text: string, pointer: string): number | undefined {
  const target = pointer;
  let found: number | undefined;
  let i = 0;
  const skipSpace = (): void => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const readString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
  const value = (path: string): void => {
    skipSpace();
    if (path === target && found === undefined) found = i;
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      let index = 0;
      for (;;) {
        skipSpace();
        if (text[i] === close || i >= text.length) break;
        let key = String(index++);
        if (c === '{') {
          key = readString();
          skipSpace();
          i++; // the colon
        }
        value(`${path}/${escape(key)}`);
        skipSpace();
        if (text[i] === ',') i++;
      }
      i++;
    } else if (c === '"') readString();
    else while (i < text.length && !/[\s,\]}]/.test(text[i] as string)) i++;
  };
  value('');
  return found;
}

/** "line N" of the value at a JSON pointer, for error messages. */
export function lineOfPointer(text: string, pointer: string): number | undefined {
  const offset = offsetOfPointer(text, pointer);
  return offset === undefined ? undefined : lineColumnAt(text, offset).line;
}
