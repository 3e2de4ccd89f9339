// The door of gpt-tokenizer: how many characters a value packs into each token of a real BPE vocabulary (cl100k).
// Words and code identifiers tokenise into few long tokens, random secrets into many short ones. Loaded on first use.
import { lazyRequire } from '../lazy-require.js';

interface Encoder {
  encode(text: string): number[];
}

let encoder: Encoder | undefined;

/** Characters per token of `text` (≈2 or less for random strings, 3.5 and more for words). */
export function charsPerToken(text: string): number {
  encoder ??= lazyRequire('gpt-tokenizer/cjs/encoding/cl100k_base') as Encoder;
  return text.length / Math.max(1, encoder.encode(text).length);
}

/** Whether the vocabulary has been loaded in this process (the hook must not load it unless a candidate needs it). */
export function tokenizerLoaded(): boolean {
  return encoder !== undefined;
}
