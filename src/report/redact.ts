// Masks secrets: a short prefix, an ellipsis and the length, so a reader can tell keys apart without learning them.

/** First 4 characters (fewer for short secrets) + "…" + "(length)". */
export function redact(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 4));
  return `${secret.slice(0, shown)}…(${secret.length})`;
}

/** The line around the secret, with the secret masked and long lines trimmed. */
export function redactLine(lineText: string, column: number, secret: string, reveal = false): string {
  const start = column - 1;
  const before = lineText.slice(Math.max(0, start - 40), start);
  const after = lineText.slice(start + secret.length, start + secret.length + 40);
  const shownSecret = reveal ? secret : redact(secret);
  return `${start > 40 ? '…' : ''}${before}${shownSecret}${after}${start + secret.length + 40 < lineText.length ? '…' : ''}`.trim();
}

/** Replaces every occurrence of any secret in a free text (error messages, logs) with its mask. */
export function redactAll(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join(redact(secret));
  return out;
}
