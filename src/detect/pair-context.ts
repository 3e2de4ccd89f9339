// Whether a diff fragment's findings leave half of a credential pair open (a key id alone, a secret alone, a bare
// pair-only candidate): the other half may sit on the unchanged lines around it, which the source then reads and
// scans with it (Fragment.added). Pure. The common fragment holds no half, so this must cost next to nothing.
import { RAW, type CompiledRule, type Finding, type Fragment } from '../types.js';
import { rejectReason, type DetectOptions, type RuleSet } from './engine.js';
import { matchRule } from './regex.js';

/** A test that a text may hold a match: a run of at least `min` characters of the secret's class. */
type Gate = (text: string) => boolean;

interface PairShape {
  /** Ids of the rules that anchor a pair (the key id): reported alone only when unpaired. */
  anchors: Set<string>;
  /** Ids of the secret rules that pair (reported under their own id only when unpaired). */
  halves: Set<string>;
  /** Pair-only rules, which the engine runs only when an anchor is in the text, each with a cheap gate. */
  pairOnly: { compiled: CompiledRule; gate: Gate | undefined }[];
  /** How many lines around an added line can hold the other half: twice the widest pairing window, so a pair
   *  made of two unchanged lines (which must not be broken up) is seen whole. */
  reach: number;
}

const shapes = new WeakMap<RuleSet, PairShape>();

function shapeOf(ruleSet: RuleSet): PairShape {
  let shape = shapes.get(ruleSet);
  if (shape) return shape;
  shape = { anchors: new Set(), halves: new Set(), pairOnly: [], reach: 0 };
  for (const compiled of ruleSet.rules) {
    // The head: every rule is looked at here, and only pairing rules need more.
    const { head } = compiled;
    if (head.pairWith === undefined) continue;
    shape.anchors.add(head.pairWith);
    shape.reach = Math.max(shape.reach, 2 * (head.pairWithin ?? 5));
    if (compiled.pairOnly) shape.pairOnly.push({ compiled, gate: runGate(compiled) });
    else shape.halves.add(head.id);
  }
  shapes.set(ruleSet, shape);
  return shape;
}

/** Lines on each side of an added line worth reading for pair context (0: no rule pairs). */
export function pairReach(ruleSet: RuleSet): number {
  return shapeOf(ruleSet).reach;
}

/** True when `findings` of a diff fragment (added lines only) leave a pair half open. */
export function leavesPairOpen(fragment: Fragment, findings: Finding[], ruleSet: RuleSet, options: DetectOptions): boolean {
  const shape = shapeOf(ruleSet);
  if (shape.reach === 0 || !fragment.lineNumbers || fragment.added) return false;
  for (const finding of findings) {
    if (shape.anchors.has(finding.ruleId)) return true;
    if (shape.halves.has(finding.ruleId) && finding[RAW].pairedId === undefined) return true;
  }
  let reported: Set<string> | undefined;
  for (const { compiled, gate } of shape.pairOnly) {
    if (compiled.allowPaths?.(fragment.file)) continue;
    if (gate && !gate(fragment.text)) continue;
    for (const match of matchRule(compiled, fragment.text)) {
      // The secret of a pair (or another finding) already reported is not an open half; a generic finding is (its
      // pair, with the key id on a line around, wins over it).
      reported ??= new Set(findings.filter((f) => ruleSet.byId.get(f.ruleId)?.rule.generic !== true).map((f) => f[RAW].secret));
      if (reported.has(match.secret)) continue;
      if (rejectReason(compiled, match.secret, options) === null) return true;
    }
  }
  return false;
}

const RUN = /\(\[((?:[^\]\\]|\\.)+)\]\{(\d+)(?:,\d*)?\}\)/;

/** A gate for a rule whose secret group is one character class repeated (`([A-Za-z0-9/+]{40})`): any match holds a
 *  run of at least that many characters of the class, found by probing every `min`-th character (a regex would
 *  try each position: about 110 ms on the 12 MB of a 3000-commit history, against 6 ms). Undefined for other
 *  shapes, whose regex then runs as it is. */
export function runGate(compiled: CompiledRule): Gate | undefined {
  const found = RUN.exec(compiled.regex.source);
  if (!found) return undefined;
  const min = Number(found[2]);
  if (!(min >= 2)) return undefined;
  const one = new RegExp(`[${found[1] as string}]`, compiled.regex.flags.replace(/[gyd]/g, ''));
  const ascii = new Uint8Array(128);
  for (let c = 0; c < 128; c++) ascii[c] = one.test(String.fromCharCode(c)) ? 1 : 0;
  const inClass = (code: number): boolean => (code < 128 ? ascii[code] === 1 : one.test(String.fromCharCode(code)));
  return (text) => {
    // `start`: where a run could begin (just after a character outside the class); probe the last character of a
    // run of `min` from there. Outside the class: no such run holds the probe, so start after it.
    let start = 0;
    for (let probe = min - 1; probe < text.length; probe = start + min - 1) {
      if (!inClass(text.charCodeAt(probe))) {
        start = probe + 1;
        continue;
      }
      let back = probe - 1;
      while (back >= start && inClass(text.charCodeAt(back))) back--;
      if (back < start) return true;
      start = back + 1;
    }
    return false;
  };
}
