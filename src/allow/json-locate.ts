// Finds where a JSON value sits in its source text, so errors about a hand-edited file can name the line.

export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

/** Offset of the first JSON syntax error in `text` (strict RFC 8259 grammar), or undefined when it parses. */
export function syntaxErrorOffset(text: string): number | undefined {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const literal = (word: string): void => {
    for (const c of word) {
      if (text[i] !== c) fail();
      i++;
    }
  };
  const string = (): void => {
    if (text[i] !== '"') fail();
    i++;
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 0x22) return void i++;
      if (c < 0x20) fail();
      if (c === 0x5c) {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          space();
          string();
          space();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === close) return void i++;
        else fail();
      }
    }
    if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value();
    space();
    return i < text.length ? i : undefined;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : undefined;
  }
}

/** "line 3, column 5" of the first syntax error (V8 does not always give a position); "end of file" when the text stops early. */
export function describeParsePosition(text: string): string | undefined {
  const offset = syntaxErrorOffset(text);
  if (offset === undefined) return undefined;
  if (offset >= text.length) return `line ${lineColumnAt(text, text.length).line} (end of file)`;
  const { line, column } = lineColumnAt(text, offset);
  return `line ${line}, column ${column}`;
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

/** A JSON text without the byte-order mark Windows editors put first (JSON.parse refuses it; it is no content). */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
