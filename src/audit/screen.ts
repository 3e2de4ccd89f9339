// Pure: the audit's screen for a state, as lines with a style each (the driver colours them and cuts them to width).
import type { AuditItem } from './item.js';
import { counts, type SessionState } from './session.js';

export type Style = 'title' | 'label' | 'focus' | 'dim' | 'error' | 'keys' | 'plain' | 'good';

export interface ScreenLine {
  text: string;
  style: Style;
  /** Long text wraps at word breaks, continued this far in; code (context lines) is cut instead. */
  wrap?: number;
}

export interface ScreenInfo {
  /** What is being audited: "working tree", "history", "baselined findings". */
  walk: string;
  /** Where false positives go, as shown. */
  ignoreFile: string;
  rows: number;
  columns: number;
}

const KEYS = '[f] false positive   [r] real   [s] skip   [b] back   [q] quit (progress is saved)';

const line = (text: string, style: Style = 'plain', wrap = 0): ScreenLine => ({ text, style, wrap });
const field = (label: string, value: string): ScreenLine => line(`${label.padEnd(9)}${value}`, 'label', 9);
const code = (text: string, style: Style): ScreenLine => ({ text, style });

/** Lines at most `columns` wide: wrapped at spaces (or cut mid-word when a word is longer), or cut for code. */
export function fitLines(lines: ScreenLine[], columns: number): ScreenLine[] {
  const width = Math.max(20, columns);
  const out: ScreenLine[] = [];
  for (const l of lines) {
    const chars = [...l.text];
    if (chars.length <= width) {
      out.push(l);
      continue;
    }
    if (l.wrap === undefined) {
      out.push({ ...l, text: `${chars.slice(0, width - 1).join('')}…` });
      continue;
    }
    let rest = l.text;
    let first = true;
    while (rest !== '') {
      const room = first ? width : width - l.wrap;
      let piece = [...rest].slice(0, room).join('');
      if (piece.length < rest.length) {
        const space = piece.lastIndexOf(' ');
        if (space > room / 3) piece = piece.slice(0, space);
      }
      out.push({ ...l, text: first ? piece : `${' '.repeat(l.wrap)}${piece}` });
      rest = rest.slice(piece.length).trimStart();
      first = false;
    }
  }
  return out;
}

function header(state: SessionState, info: ScreenInfo): ScreenLine[] {
  const c = counts(state);
  const n = state.fingerprints.length;
  return [line(`keyfence audit — ${info.walk} — finding ${Math.min(state.index + 1, n)} of ${n}   ${c['false-positive']} false positive · ${c.real} real · ${c.skipped} skipped`, 'title'), line('')];
}

const DECISION_TEXT = { 'false-positive': 'false positive (in the ignore file)', real: 'real: rotate it (stays reported)', skipped: 'skipped' } as const;

function finding(item: AuditItem, state: SessionState): ScreenLine[] {
  const decision = state.decisions[item.fingerprint];
  const out = [line(`${item.ruleId}  ${item.severity}  ${item.description}`, 'title'), field('file', item.location)];
  if (item.commit) out.push(field('commit', item.commit));
  out.push(field('secret', item.secret));
  if (item.aws) out.push(field('aws', item.aws));
  out.push(field('decision', decision ? DECISION_TEXT[decision] : 'none yet'));
  return out;
}

function context(item: AuditItem, radius: number): ScreenLine[] {
  if (typeof item.context === 'string') return [line(''), line(`  (${item.context})`, 'dim', 3)];
  const focus = item.context.find((l) => l.focus)?.line ?? 0;
  const shown = item.context.filter((l) => Math.abs(l.line - focus) <= radius);
  const width = String(shown[shown.length - 1]?.line ?? 1).length;
  return [line(''), ...shown.map((l) => code(`${l.focus ? '>' : ' '} ${String(l.line).padStart(width)} │ ${l.text}`, l.focus ? 'focus' : 'plain'))];
}

function fix(item: AuditItem, max: number): ScreenLine[] {
  if (item.fix.length === 0) return [];
  const [first, ...rest] = item.fix;
  const notes = rest.slice(0, max).map((n) => line(`${' '.repeat(9)}${n}`, 'dim', 9));
  return [line(''), field('fix', first as string), ...notes];
}

function footer(state: SessionState): ScreenLine[] {
  const mode = state.mode;
  const out = [line('')];
  if (state.notice) out.push(line(state.notice, 'good'));
  if (mode.kind === 'reason') {
    out.push(line('Why is this not a secret? Enter adds it to .keyfence-ignore with this reason; Esc cancels.', 'keys'));
    out.push(line(`reason: ${mode.draft}█`));
    if (mode.error) out.push(line(mode.error, 'error'));
  } else if (mode.kind === 'rotation') {
    out.push(line('Marked real: it stays reported. Any key: next finding   [q] quit', 'keys'));
  } else {
    out.push(line(KEYS, 'keys'));
  }
  return out;
}

function doneScreen(state: SessionState, info: ScreenInfo): ScreenLine[] {
  const c = counts(state);
  return [
    line(`keyfence audit — ${info.walk} — all ${state.fingerprints.length} findings seen`, 'title'),
    line(''),
    line(`${c['false-positive']} false positive (in ${info.ignoreFile}), ${c.real} real (rotate them; they stay reported), ${c.skipped} skipped`, 'plain', 0),
    line(''),
    line('[b] back to the last finding   any other key: exit', 'keys'),
  ];
}

/** The whole screen; context and notes shrink to fit `rows`. */
export function renderScreen(state: SessionState, item: AuditItem | undefined, info: ScreenInfo): ScreenLine[] {
  const fitted = (lines: ScreenLine[]): ScreenLine[] => fitLines(lines, info.columns);
  if (state.mode.kind === 'done' || !item) return fitted(doneScreen(state, info));
  const top = [...header(state, info), ...finding(item, state)];
  const bottom = footer(state);
  if (state.mode.kind === 'rotation') return fitted([...top, line(''), ...item.rotation.map((r) => line(r, 'plain', 3)), ...bottom]);
  // Drop note lines first, then context lines, until the screen fits.
  let lines: ScreenLine[] = [];
  for (let radius = 3; radius >= 0; radius--) {
    for (let notes = 4; notes >= 0; notes--) {
      lines = fitted([...top, ...context(item, radius), ...fix(item, notes), ...bottom]);
      if (lines.length <= info.rows) return lines;
    }
  }
  return lines;
}
