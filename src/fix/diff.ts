// Unified diff of two texts (Myers' O(ND) line diff), for --fix --dry-run. Pure.

export type Op = { kind: ' ' | '-' | '+'; text: string };

function splitForDiff(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** The shortest edit script between two line arrays. */
function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Map<number, number>[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1));
      let x = down ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= n && y >= m) break outer;
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const prev = trace[d] as Map<number, number>;
    const k = x - y;
    const down = k === -d || (k !== d && (prev.get(k - 1) ?? -1) < (prev.get(k + 1) ?? -1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = prev.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', text: a[--x] as string });
      y--;
    }
    if (d > 0) {
      if (down) ops.push({ kind: '+', text: b[--y] as string });
      else ops.push({ kind: '-', text: a[--x] as string });
    }
  }
  return ops.reverse();
}

/** A unified diff (3 lines of context) from `before` to `after` for `path`; '' when equal. `before` undefined = a new file.
 *  `show` turns each line into what is printed (a .env's values masked): the texts are compared as they are. */
export function unifiedDiff(path: string, before: string | undefined, after: string, show: (line: string, kind: Op['kind']) => string = (line) => line): string {
  if (before === after) return '';
  const ops = diffLines(splitForDiff(before ?? ''), splitForDiff(after));
  const out = [`--- ${before === undefined ? '/dev/null' : `a/${path}`}`, `+++ b/${path}`];
  const context = 3;
  let i = 0;
  let aLine = 1;
  let bLine = 1;
  while (i < ops.length) {
    if ((ops[i] as Op).kind === ' ') {
      i++;
      aLine++;
      bLine++;
      continue;
    }
    // Collect a hunk: from `context` lines before this change to `context` lines after the last change within reach.
    const lead = Math.min(context, countBack(ops, i));
    let end = i;
    let lastChange = i;
    while (end < ops.length && end - lastChange <= context * 2) {
      if ((ops[end] as Op).kind !== ' ') lastChange = end;
      end++;
    }
    const stop = Math.min(ops.length, lastChange + context + 1);
    const hunk = ops.slice(i - lead, stop);
    const aStart = aLine - lead;
    const bStart = bLine - lead;
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aCount === 0 ? aStart - 1 : aStart},${aCount} +${bCount === 0 ? bStart - 1 : bStart},${bCount} @@`);
    for (const op of hunk) out.push(`${op.kind}${show(op.text, op.kind)}`);
    for (const op of ops.slice(i, stop)) {
      if (op.kind !== '+') aLine++;
      if (op.kind !== '-') bLine++;
    }
    i = stop;
  }
  return `${out.join('\n')}\n`;
}

function countBack(ops: Op[], i: number): number {
  let n = 0;
  while (i - n - 1 >= 0 && (ops[i - n - 1] as Op).kind === ' ') n++;
  return n;
}
