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

export interface SecretSpan {
  /** 0-based offsets within the line, end exclusive. */
  start: number;
  end: number;
  secret: string;
}

/**
 * The line around the focused secret with EVERY secret span on it masked (a pair's key id, a second token on the
 * same line), then trimmed to 40 characters each side of the focus.
 */
export function redactSpans(lineText: string, spans: SecretSpan[], focus: SecretSpan): string {
  const ordered = [...spans, focus]
    .filter((s, i, all) => all.findIndex((o) => o.start === s.start && o.end === s.end) === i)
    .sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  let focusStart = 0;
  let focusEnd = 0;
  for (const span of ordered) {
    if (span.start < at) continue;
    out += lineText.slice(at, span.start);
    const mask = redact(span.secret);
    if (span.start === focus.start && span.end === focus.end) {
      focusStart = out.length;
      focusEnd = out.length + mask.length;
    }
    out += mask;
    at = span.end;
  }
  out += lineText.slice(at);
  const from = Math.max(0, focusStart - 40);
  const to = Math.min(out.length, focusEnd + 40);
  return `${from > 0 ? '…' : ''}${out.slice(from, to)}${to < out.length ? '…' : ''}`.trim();
}
