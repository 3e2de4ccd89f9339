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

/** A line with every secret span masked, and where each span's mask landed (key `start:end`). */
export interface MaskedLine {
  text: string;
  masks: Map<string, [number, number]>;
}

/** Masks every span of a line once (overlapping spans: the first wins), so each finding only slices its window. */
export function maskLine(lineText: string, spans: SecretSpan[]): MaskedLine {
  const seen = new Set<string>();
  const ordered = spans.filter((s) => !seen.has(`${s.start}:${s.end}`) && seen.add(`${s.start}:${s.end}`)).sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  const masks = new Map<string, [number, number]>();
  let length = 0;
  let at = 0;
  for (const span of ordered) {
    if (span.start < at) continue;
    const plain = lineText.slice(at, span.start);
    const mask = redact(span.secret);
    parts.push(plain, mask);
    length += plain.length;
    masks.set(`${span.start}:${span.end}`, [length, length + mask.length]);
    length += mask.length;
    at = span.end;
  }
  parts.push(lineText.slice(at));
  return { text: parts.join(''), masks };
}

/** The masked line trimmed to 40 characters each side of the focused secret's mask. */
export function windowAround(line: MaskedLine, focus: SecretSpan): string {
  const [focusStart, focusEnd] = line.masks.get(`${focus.start}:${focus.end}`) ?? [0, 0];
  const from = Math.max(0, focusStart - 40);
  const to = Math.min(line.text.length, focusEnd + 40);
  return `${from > 0 ? '…' : ''}${line.text.slice(from, to)}${to < line.text.length ? '…' : ''}`.trim();
}

/**
 * The line around the focused secret with EVERY secret span on it masked (a pair's key id, a second token on the
 * same line), then trimmed to 40 characters each side of the focus.
 */
export function redactSpans(lineText: string, spans: SecretSpan[], focus: SecretSpan): string {
  return windowAround(maskLine(lineText, [...spans, focus]), focus);
}
