// Keyword prefilter: one Aho-Corasick pass over the text, case-folded on the fly, picks the rules worth running.

const ASCII = 128;

export interface Prefilter {
  /** Rule indices per keyword-set; rules with no keyword always run. */
  readonly alwaysRun: number[];
  readonly ruleCount: number;
  /** Returns the indices of candidate rules (sorted) for this text. */
  candidates(text: string): number[];
}

/** The automaton as plain data, so a build can store it and a start-up can skip constructing it. */
export interface PrefilterTables {
  /** Character class of each ASCII code (non-ASCII is class 0). */
  asciiClasses: Uint8Array;
  classes: number;
  /** Row offsets (state * classes), bit-inverted when the target state emits keywords. */
  rows: Int32Array;
  outputs: number[][];
  alwaysRun: number[];
  ruleCount: number;
}

export function buildPrefilter(keywordsPerRule: readonly (readonly string[])[]): Prefilter {
  return prefilterFromTables(computePrefilterTables(keywordsPerRule));
}

/** Builds a DFA over ASCII; non-ASCII characters reset the automaton, as no keyword contains them. */
export function computePrefilterTables(keywordsPerRule: readonly (readonly string[])[]): PrefilterTables {
  const alwaysRun: number[] = [];
  let maxStates = 1;
  // Only characters that occur in keywords get their own class (upper case folded to lower); every other
  // character, non-ASCII included, is class 0: a narrow table is cheap to build and stays in cache.
  const classOf = new Uint8Array(65536);
  let classes = 1;
  for (const keywords of keywordsPerRule)
    for (const keyword of keywords) {
      maxStates += keyword.length;
      for (const ch of keyword.toLowerCase()) {
        const code = ch.charCodeAt(0);
        if (code >= ASCII) throw new Error(`keyword "${keyword}" must be ASCII`);
        if (classOf[code] === 0) {
          classOf[code] = classes;
          if (code >= 97 && code <= 122) classOf[code - 32] = classes;
          classes++;
        }
      }
    }
  // The trie, then (in place) the full transition table, as row offsets (state * classes) for the hot loop.
  const rows = new Int32Array(maxStates * classes).fill(-1);
  const children: number[][] = [[]];
  const outputs: number[][] = [[]];
  keywordsPerRule.forEach((keywords, ruleIndex) => {
    if (keywords.length === 0) alwaysRun.push(ruleIndex);
    for (const keyword of keywords) {
      let state = 0;
      for (const ch of keyword.toLowerCase()) {
        const code = classOf[ch.charCodeAt(0)] as number;
        if (rows[state * classes + code] === -1) {
          rows[state * classes + code] = children.length;
          (children[state] as number[]).push(code);
          children.push([]);
          outputs.push([]);
        }
        state = rows[state * classes + code] as number;
      }
      if (!(outputs[state] as number[]).includes(ruleIndex)) (outputs[state] as number[]).push(ruleIndex);
    }
  });
  const stateCount = children.length;
  // Breadth-first: each state's row starts as a copy of its failure state's finished row, then its own edges.
  const fail = new Int32Array(stateCount);
  const queue: number[] = [];
  for (let c = 0; c < classes; c++) {
    const next = rows[c] as number;
    if (next === -1) rows[c] = 0;
    else queue.push(next);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] as number;
    const failState = fail[state] as number;
    const own = children[state] as number[];
    const edges = own.map((c) => rows[state * classes + c] as number);
    rows.copyWithin(state * classes, failState * classes, failState * classes + classes);
    own.forEach((c, i) => {
      const next = edges[i] as number;
      fail[next] = rows[failState * classes + c] as number;
      rows[state * classes + c] = next;
      queue.push(next);
    });
    const failOutputs = outputs[failState] as number[];
    if (failOutputs.length > 0) outputs[state] = [...new Set([...(outputs[state] as number[]), ...failOutputs])];
  }
  // Entries become row offsets, bit-inverted (negative) when the target state emits keywords, so the hot loop
  // costs two loads and one well-predicted branch per character.
  const emits = outputs.map((list) => list.length > 0);
  for (let i = 0, n = stateCount * classes; i < n; i++) {
    const next = rows[i] as number;
    rows[i] = emits[next] ? ~(next * classes) : next * classes;
  }
  return { asciiClasses: classOf.slice(0, ASCII), classes, rows: rows.slice(0, stateCount * classes), outputs, alwaysRun, ruleCount: keywordsPerRule.length };
}

export function prefilterFromTables(tables: PrefilterTables): Prefilter {
  const { rows, outputs, alwaysRun, ruleCount, classes } = tables;
  const classOf = new Uint8Array(65536);
  classOf.set(tables.asciiClasses);
  // One mark per rule, shared by every call (calls never overlap) and cleared after each: allocating and sweeping
  // ruleCount bytes per text cost about a quarter of the pass on a history's many small texts.
  const seen = new Uint8Array(ruleCount);
  // Rows whose keywords this call already emitted: a text repeating `key` a thousand times walks its rule list once.
  const emitted = new Uint8Array(rows.length);
  const emittedRows: number[] = [];
  return {
    alwaysRun,
    ruleCount,
    candidates(text: string): number[] {
      const result: number[] = [];
      for (const index of alwaysRun) {
        if (seen[index] === 0) {
          seen[index] = 1;
          result.push(index);
        }
      }
      let row = 0;
      for (let i = 0, n = text.length; i < n; i++) {
        const next = rows[row + (classOf[text.charCodeAt(i)] as number)] as number;
        if (next >= 0) {
          row = next;
          continue;
        }
        row = ~next;
        if (emitted[row] === 1) continue;
        emitted[row] = 1;
        emittedRows.push(row);
        for (const ruleIndex of outputs[row / classes] as number[]) {
          if (seen[ruleIndex] === 0) {
            seen[ruleIndex] = 1;
            result.push(ruleIndex);
          }
        }
        if (result.length === ruleCount) break;
      }
      for (const index of result) seen[index] = 0;
      for (const at of emittedRows) emitted[at] = 0;
      emittedRows.length = 0;
      return result.sort((a, b) => a - b);
    },
  };
}
