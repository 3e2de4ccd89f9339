// One candidate per secret span, found through a per-line index sorted by start: a minified line holds thousands.

/** What span bookkeeping needs of a candidate: its line in the text and its offsets. */
export interface Spanned {
  textLine: number;
  start: number;
  end: number;
}

interface Entry {
  start: number;
  end: number;
  /** Position in `kept`: the earliest clash wins, as a plain scan of `kept` would find it. */
  slot: number;
}

interface LineIndex {
  entries: Entry[];
  /** The longest span on the line: entries starting further back than this cannot reach a new one. */
  longest: number;
}

/** First index whose entry starts at or after `at`. */
function firstStartingAt(entries: Entry[], at: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((entries[mid] as Entry).start < at) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Keeps the items whose spans overlap no earlier kept one; on an overlap, `replaces(kept, item)` decides whether the
 * item takes the earliest overlapping kept item's place. Returns the kept items in the order they were kept.
 */
export function keepOnePerSpan<T>(items: T[], spanOf: (item: T) => Spanned, replaces: (kept: T, item: T) => boolean): T[] {
  const kept: T[] = [];
  const byLine = new Map<number, LineIndex>();
  for (const item of items) {
    const span = spanOf(item);
    let line = byLine.get(span.textLine);
    if (!line) byLine.set(span.textLine, (line = { entries: [], longest: 0 }));
    const clash = earliestClash(line, span);
    if (clash === undefined) {
      insert(line, { start: span.start, end: span.end, slot: kept.length });
      kept.push(item);
    } else if (replaces(kept[clash.slot] as T, item)) {
      kept[clash.slot] = item;
      line.entries.splice(line.entries.indexOf(clash), 1);
      insert(line, { start: span.start, end: span.end, slot: clash.slot });
    }
  }
  return kept;
}

function earliestClash(line: LineIndex, span: Spanned): Entry | undefined {
  let best: Entry | undefined;
  const { entries } = line;
  for (let i = firstStartingAt(entries, span.end) - 1; i >= 0; i--) {
    const entry = entries[i] as Entry;
    if (entry.start + line.longest <= span.start) break;
    if (entry.end > span.start && (!best || entry.slot < best.slot)) best = entry;
  }
  return best;
}

function insert(line: LineIndex, entry: Entry): void {
  line.entries.splice(firstStartingAt(line.entries, entry.start), 0, entry);
  line.longest = Math.max(line.longest, entry.end - entry.start);
}
