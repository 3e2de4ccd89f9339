// Scanned text made safe for a terminal line. Imports nothing (the pre-commit hook's bundle shows errors with it).

/** Scanned text on one terminal line: a control character (an escape that clears the screen, retitles the window or
 *  erases the finding above it) is shown as \xNN; tabs stay. */
export function printableText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Several lines of scanned text (a notice, a diff): each made safe, the line breaks kept. */
export function printableLines(text: string): string {
  return text.split('\n').map(printableText).join('\n');
}
