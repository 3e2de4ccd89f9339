// Keyword prefilter: one Aho-Corasick pass over the text, case-folded on the fly, picks the rules worth running.
import { STEMS } from './stems.js';

const ASCII = 128;

export interface Prefilter {
  /** Rule indices per keyword-set; rules with no keyword always run. */
  readonly alwaysRun: number[];
  readonly ruleCount: number;
  /** Returns the indices of candidate rules (sorted) for this text. */
  candidates(text: string): number[];
  /** Where STEMS occur in the text of the last candidates() call, as [start, end) pairs in order (valid until the next
   *  call); undefined for another text, or when the pass stopped early (every rule already picked). */
  stems(text: string): ArrayLike<number> | undefined;
}

/** The automaton as plain data, so a build can store it and a start-up can skip constructing it. */
export interface PrefilterTables {
  /** Character class of each ASCII code (non-ASCII is class 0). */
  asciiClasses: Uint8Array;
  classes: number;
  /** Row offsets (state * classes), bit-inverted when the target state emits keywords. */
  rows: Int32Array;
  outputs: number[][];
  /** Row offset and length of each state where a stem ends, as flat pairs. */
  stemRows: number[];
  alwaysRun: number[];
  ruleCount: number;
}

export function buildPrefilter(keywordsPerRule: PrefilterKeywords): Prefilter {
  return prefilterFromTables(computePrefilterTables(keywordsPerRule));
}

/** Builds a DFA over ASCII; non-ASCII characters reset the automaton, as no keyword contains them. */
/** Each rule's keywords; null for a rule that its file's path alone runs (no keyword, `keywordPaths`): never run by text. */
export type PrefilterKeywords = readonly (readonly string[] | null)[];

export function computePrefilterTables(keywordsPerRule: PrefilterKeywords): PrefilterTables {
  const alwaysRun: number[] = [];
  let maxStates = 1 + STEMS.join('').length;
  // Only characters that occur in keywords get their own class (upper case folded to lower); every other
  // character, non-ASCII included, is class 0: a narrow table is cheap to build and stays in cache.
  const classOf = new Uint8Array(65536);
  let classes = 1;
  for (const keywords of [...keywordsPerRule, STEMS])
    for (const keyword of keywords ?? []) {
      if (keywords !== STEMS) maxStates += keyword.length;
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
  const insert = (keyword: string): number => {
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
    return state;
  };
  keywordsPerRule.forEach((keywords, ruleIndex) => {
    if (keywords === null) return;
    if (keywords.length === 0) alwaysRun.push(ruleIndex);
    for (const keyword of keywords) {
      const state = insert(keyword);
      if (!(outputs[state] as number[]).includes(ruleIndex)) (outputs[state] as number[]).push(ruleIndex);
    }
  });
  // The stems' own states, for no rule: no stem ends another, so at most one ends at any state (its length).
  const stemAt = new Map<number, number>(STEMS.map((stem) => [insert(stem), stem.length]));
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
    const failStem = stemAt.get(failState);
    if (failStem !== undefined && !stemAt.has(state)) stemAt.set(state, failStem);
    const failOutputs = outputs[failState] as number[];
    if (failOutputs.length > 0) outputs[state] = [...new Set([...(outputs[state] as number[]), ...failOutputs])];
  }
  // Entries become row offsets, bit-inverted (negative) when the target state emits keywords, so the hot loop
  // costs two loads and one well-predicted branch per character.
  const emits = outputs.map((list, state) => list.length > 0 || stemAt.has(state));
  for (let i = 0, n = stateCount * classes; i < n; i++) {
    const next = rows[i] as number;
    rows[i] = emits[next] ? ~(next * classes) : next * classes;
  }
  const stemRows = [...stemAt].flatMap(([state, length]) => [state * classes, length]);
  return { asciiClasses: classOf.slice(0, ASCII), classes, rows: rows.slice(0, stateCount * classes), outputs, stemRows, alwaysRun, ruleCount: keywordsPerRule.length };
}

/** Sorts numbers in place: insertion for the few rules a text picks, as Array.prototype.sort allocates a work copy. */
function sortSmall(values: number[]): number[] {
  if (values.length > 32) return values.sort((a, b) => a - b);
  for (let i = 1; i < values.length; i++) {
    const value = values[i] as number;
    let j = i - 1;
    for (; j >= 0 && (values[j] as number) > value; j--) values[j + 1] = values[j] as number;
    values[j + 1] = value;
  }
  return values;
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
  // Kept between calls with a count, as the hits are: `length = 0` drops an array's store, and regrowing it on each
  // of a history's texts allocated ~15 MB on the 3,000-commit bench.
  const emittedRows: number[] = [];
  let emittedCount = 0;
  // The stem length at each row offset where one ends (0 elsewhere), and the last call's hits.
  const stemLength = new Uint8Array(rows.length);
  for (let k = 0; k < tables.stemRows.length; k += 2) stemLength[tables.stemRows[k] as number] = tables.stemRows[k + 1] as number;
  let hits = new Int32Array(1024);
  let hitCount = 0;
  let hitsText: string | undefined;
  return {
    alwaysRun,
    ruleCount,
    stems(text: string): ArrayLike<number> | undefined {
      return text === hitsText ? hits.subarray(0, hitCount) : undefined;
    },
    candidates(text: string): number[] {
      const result: number[] = [];
      hitCount = 0;
      hitsText = text;
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
        const stem = stemLength[row] as number;
        if (stem !== 0) {
          if (hitCount + 2 > hits.length) {
            const grown = new Int32Array(hits.length * 2);
            grown.set(hits);
            hits = grown;
          }
          hits[hitCount++] = i + 1 - stem;
          hits[hitCount++] = i + 1;
        }
        if (emitted[row] === 1) continue;
        emitted[row] = 1;
        emittedRows[emittedCount++] = row;
        for (const ruleIndex of outputs[row / classes] as number[]) {
          if (seen[ruleIndex] === 0) {
            seen[ruleIndex] = 1;
            result.push(ruleIndex);
          }
        }
        if (result.length === ruleCount) {
          hitsText = undefined;
          break;
        }
      }
      for (const index of result) seen[index] = 0;
      for (let k = 0; k < emittedCount; k++) emitted[emittedRows[k] as number] = 0;
      emittedCount = 0;
      return sortSmall(result);
    },
  };
}
