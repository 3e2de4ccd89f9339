// Scanned text made safe for a terminal line. Imports nothing (the pre-commit hook's bundle shows errors with it).

/** Scanned text on one terminal line: a control character (an escape that clears the screen, retitles the window or
 *  erases the finding above it) is shown as \xNN; tabs stay. A CI runner also reads stdout for its commands, `::name::`
 *  at a line's start (after blanks) and the legacy `##[name]` anywhere in it (actions/runner, ActionCommand.cs): one
 *  character of each is shown as \xNN too, so scanned text never runs `::add-mask::` or `##[stop-commands]`. */
export function printableText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .replace(/^(\s*):(?=:)/, '$1\\x3a')
      .replace(/##\[/g, '#\\x23[')
  );
}

/** Several lines of scanned text (a notice, a diff): each made safe, the line breaks kept. */
export function printableLines(text: string): string {
  return text.split('\n').map(printableText).join('\n');
}

/** A C1 control or DEL: JSON.stringify leaves them raw, and some terminals read U+009B as an escape (CSI). */
const JSON_RAW_CONTROLS = /[\u007f-\u009f]/g;

/** JSON text with the controls JSON.stringify leaves raw, and the runner's legacy `##[` command marker, written as
 *  \u00NN: the same values to every parser (they can only sit inside strings), and nothing a terminal or a CI runner
 *  acts on when the report is printed. */
export function escapeJsonControls(json: string): string {
  return json.replace(JSON_RAW_CONTROLS, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/##\[/g, '#\\u0023[');
}

/** Scanned text quoted as a JSON string, every control character escaped. */
export function quotedText(text: string): string {
  return escapeJsonControls(JSON.stringify(text));
}
