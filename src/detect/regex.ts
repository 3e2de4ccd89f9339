// Runs one compiled rule's regex over a text and yields each candidate secret with its offsets.
import type { CompiledRule, Severity } from '../types.js';

export interface RawMatch {
  /** Offset of the secret within the text. */
  start: number;
  end: number;
  /** The secret after the rule's transform (e.g. percent-decoding). */
  secret: string;
  /** The secret as written in the text. */
  written: string;
  /** Lower than the rule's own (a sandbox key, a credential in test code). */
  severity?: Severity;
}

function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function* matchRule(compiled: CompiledRule, text: string): Generator<RawMatch> {
  const regex = compiled.regex;
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const group = compiled.secretGroup;
    const written = m[group];
    const span = m.indices?.[group];
    if (written === undefined || span === undefined) continue;
    const secret = compiled.rule.transform === 'percent-decode' ? percentDecode(written) : written;
    yield { start: span[0], end: span[1], secret, written };
  }
}
