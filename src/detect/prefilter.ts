// Keyword prefilter: one Aho-Corasick pass over the text, case-folded on the fly, picks the rules worth running.

const ALPHABET = 128;

/** Char code → ASCII lower case; every non-ASCII code folds to 0, which no keyword contains. */
const FOLD = (() => {
  const fold = new Uint8Array(65536);
  for (let code = 1; code < ALPHABET; code++) fold[code] = code >= 65 && code <= 90 ? code + 32 : code;
  return fold;
})();

export interface Prefilter {
  /** Rule indices per keyword-set; rules with no keyword always run. */
  readonly alwaysRun: number[];
  readonly ruleCount: number;
  /** Returns the indices of candidate rules (sorted) for this text. */
  candidates(text: string): number[];
}

/** Builds a DFA over ASCII; non-ASCII characters reset the automaton, as no keyword contains them. */
export function buildPrefilter(keywordsPerRule: readonly (readonly string[])[]): Prefilter {
  const goto: number[][] = [new Array<number>(ALPHABET).fill(-1)];
  const outputs: number[][] = [[]];
  const alwaysRun: number[] = [];
  keywordsPerRule.forEach((keywords, ruleIndex) => {
    if (keywords.length === 0) alwaysRun.push(ruleIndex);
    for (const keyword of keywords) {
      let state = 0;
      for (const ch of keyword.toLowerCase()) {
        const code = ch.charCodeAt(0);
        if (code >= ALPHABET) throw new Error(`keyword "${keyword}" must be ASCII`);
        const row = goto[state] as number[];
        if (row[code] === -1) {
          row[code] = goto.length;
          goto.push(new Array<number>(ALPHABET).fill(-1));
          outputs.push([]);
        }
        state = row[code] as number;
      }
      (outputs[state] as number[]).push(ruleIndex);
    }
  });
  // Breadth-first failure links turn the trie into a full DFA table.
  const stateCount = goto.length;
  const table = new Int32Array(stateCount * ALPHABET);
  const fail = new Int32Array(stateCount);
  const queue: number[] = [];
  for (let c = 0; c < ALPHABET; c++) {
    const next = (goto[0] as number[])[c] as number;
    if (next === -1) table[c] = 0;
    else {
      table[c] = next;
      fail[next] = 0;
      queue.push(next);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] as number;
    const failOutputs = outputs[fail[state] as number] as number[];
    if (failOutputs.length > 0) outputs[state] = [...new Set([...(outputs[state] as number[]), ...failOutputs])];
    for (let c = 0; c < ALPHABET; c++) {
      const next = (goto[state] as number[])[c] as number;
      if (next === -1) table[state * ALPHABET + c] = table[(fail[state] as number) * ALPHABET + c] as number;
      else {
        fail[next] = table[(fail[state] as number) * ALPHABET + c] as number;
        table[state * ALPHABET + c] = next;
        queue.push(next);
      }
    }
  }
  // Rows hold the next state's row offset (state * 128), bit-inverted (negative) when that state emits keywords,
  // so the hot loop costs two loads and one well-predicted branch per character.
  const rows = new Int32Array(stateCount * ALPHABET);
  for (let i = 0; i < rows.length; i++) {
    const next = table[i] as number;
    rows[i] = (outputs[next] as number[]).length > 0 ? ~(next * ALPHABET) : next * ALPHABET;
  }
  const ruleCount = keywordsPerRule.length;

  return {
    alwaysRun,
    ruleCount,
    candidates(text: string): number[] {
      const seen = new Uint8Array(ruleCount);
      for (const index of alwaysRun) seen[index] = 1;
      let row = 0;
      let found = alwaysRun.length;
      for (let i = 0, n = text.length; i < n; i++) {
        const next = rows[row + (FOLD[text.charCodeAt(i)] as number)] as number;
        if (next >= 0) {
          row = next;
          continue;
        }
        row = ~next;
        for (const ruleIndex of outputs[row >> 7] as number[]) {
          if (seen[ruleIndex] === 0) {
            seen[ruleIndex] = 1;
            found++;
          }
        }
        if (found === ruleCount) break;
      }
      const result: number[] = [];
      for (let i = 0; i < ruleCount; i++) if (seen[i] === 1) result.push(i);
      return result;
    },
  };
}
