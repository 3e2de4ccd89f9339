// Pure: the audit's state machine. A key press turns one state into the next plus the effects the terminal driver
// carries out (write the ignore file, save progress, exit). Findings are known by fingerprint only.

/** real: a secret (stays reported); skipped: decide later. A false positive lives in .keyfence-ignore instead. */
export type Decision = 'false-positive' | 'real' | 'skipped';

export type Mode =
  | { kind: 'browse' }
  | { kind: 'reason'; draft: string; error?: string }
  | { kind: 'rotation' }
  | { kind: 'done' }
  | { kind: 'quit' };

export interface SessionState {
  fingerprints: string[];
  index: number;
  decisions: Record<string, Decision>;
  mode: Mode;
  /** One line about what just happened ("added to .keyfence-ignore"). */
  notice?: string;
  /** Every finding has been on screen: a later run starts from the first undecided one, not from here. */
  finished?: boolean;
}

/** A key as node's readline reports it: `name` for special keys, `sequence` for what was typed. */
export interface Key {
  name?: string | undefined;
  sequence?: string | undefined;
  ctrl?: boolean | undefined;
  meta?: boolean | undefined;
}

export type Effect =
  | { kind: 'ignore'; fingerprint: string; reason: string }
  | { kind: 'unignore'; fingerprint: string }
  | { kind: 'save' }
  | { kind: 'exit' };

export interface Step {
  state: SessionState;
  effects: Effect[];
}

export const MAX_REASON = 200;

/** Where a walk starts: the finding it stopped at, else the first one without a decision, else the first. */
export function startIndex(fingerprints: string[], decisions: Record<string, Decision>, at?: string): number {
  const saved = at === undefined ? -1 : fingerprints.indexOf(at);
  if (saved !== -1) return saved;
  const open = fingerprints.findIndex((fp) => decisions[fp] === undefined || decisions[fp] === 'skipped');
  return open === -1 ? 0 : open;
}

export function startSession(fingerprints: string[], decisions: Record<string, Decision>, at?: string): SessionState {
  return { fingerprints, index: startIndex(fingerprints, decisions, at), decisions: { ...decisions }, mode: { kind: 'browse' } };
}

export function currentFingerprint(state: SessionState): string | undefined {
  return state.fingerprints[state.index];
}

export function counts(state: SessionState): Record<Decision, number> {
  const out: Record<Decision, number> = { 'false-positive': 0, real: 0, skipped: 0 };
  for (const fp of state.fingerprints) {
    const decision = state.decisions[fp];
    if (decision) out[decision]++;
  }
  return out;
}

const isQuit = (key: Key): boolean => key.name === 'q' || (key.ctrl === true && (key.name === 'c' || key.name === 'd'));

function quit(state: SessionState): Step {
  return { state: { ...state, mode: { kind: 'quit' } }, effects: [{ kind: 'save' }, { kind: 'exit' }] };
}

function advance(state: SessionState, effects: Effect[], notice?: string): Step {
  const index = state.index + 1;
  const done = index >= state.fingerprints.length;
  const next: SessionState = { ...state, index: done ? state.fingerprints.length - 1 : index, mode: done ? { kind: 'done' } : { kind: 'browse' }, ...(done ? { finished: true } : {}), ...(notice !== undefined ? { notice } : {}) };
  if (notice === undefined) delete next.notice;
  return { state: next, effects: [...effects, { kind: 'save' }] };
}

/** Records `decision` for the current finding; taking back a false positive removes its ignore line. */
function decide(state: SessionState, decision: Decision): { state: SessionState; effects: Effect[] } {
  const fp = currentFingerprint(state) as string;
  const effects: Effect[] = state.decisions[fp] === 'false-positive' && decision !== 'false-positive' ? [{ kind: 'unignore', fingerprint: fp }] : [];
  return { state: { ...state, decisions: { ...state.decisions, [fp]: decision } }, effects };
}

function browse(state: SessionState, key: Key): Step {
  const plain = { ...state };
  delete plain.notice;
  switch (key.name) {
    case 'f': {
      const fp = currentFingerprint(state) as string;
      if (state.decisions[fp] === 'false-positive') return advance(plain, [], 'already in .keyfence-ignore');
      return { state: { ...plain, mode: { kind: 'reason', draft: '' } }, effects: [] };
    }
    case 'r': {
      const { state: next, effects } = decide(plain, 'real');
      return { state: { ...next, mode: { kind: 'rotation' } }, effects: [...effects, { kind: 'save' }] };
    }
    case 's':
    case 'right': {
      const { state: next, effects } = decide(plain, 'skipped');
      return advance(next, effects);
    }
    case 'b':
    case 'left':
      if (state.index === 0) return { state: { ...plain, notice: 'this is the first finding' }, effects: [] };
      return { state: { ...plain, index: state.index - 1 }, effects: [{ kind: 'save' }] };
    default:
      return { state, effects: [] };
  }
}

function reason(state: SessionState, draft: string, key: Key): Step {
  const withDraft = (text: string, error?: string): Step => ({ state: { ...state, mode: { kind: 'reason', draft: text, ...(error ? { error } : {}) } }, effects: [] });
  if (key.name === 'escape') return { state: { ...state, mode: { kind: 'browse' } }, effects: [] };
  if (key.name === 'return' || key.name === 'enter') {
    const text = draft.trim();
    if (text === '') return withDraft('', 'type why this is not a secret (it goes into .keyfence-ignore), or Esc to cancel');
    const fp = currentFingerprint(state) as string;
    const decided = { ...state, decisions: { ...state.decisions, [fp]: 'false-positive' as const } };
    return advance(decided, [{ kind: 'ignore', fingerprint: fp, reason: text }], 'added to .keyfence-ignore');
  }
  if (key.name === 'backspace') return withDraft([...draft].slice(0, -1).join(''));
  if (key.ctrl && key.name === 'u') return withDraft('');
  const typed = key.sequence ?? '';
  // Printable text only (a paste arrives as many keys): no escapes, no control characters.
  // eslint-disable-next-line no-control-regex
  if (key.ctrl || key.meta || typed === '' || /[\u0000-\u001f\u007f]/.test(typed)) return { state, effects: [] };
  return withDraft([...`${draft}${typed}`].slice(0, MAX_REASON).join(''));
}

/** The next state after `key`, and what the driver must do. */
export function press(state: SessionState, key: Key): Step {
  const mode = state.mode;
  if (mode.kind === 'quit') return { state, effects: [] };
  // Ctrl-C quits from anywhere (raw mode turns it into a key); `q` is a letter while typing a reason.
  if (key.ctrl === true && (key.name === 'c' || key.name === 'd')) return quit(state);
  if (mode.kind === 'reason') return reason(state, mode.draft, key);
  // Quitting after marking one real resumes at the next finding.
  if (isQuit(key)) return quit(mode.kind === 'rotation' && state.index + 1 < state.fingerprints.length ? { ...state, index: state.index + 1 } : state);
  if (mode.kind === 'rotation') return advance(state, []);
  if (mode.kind === 'done') {
    if (key.name === 'b' || key.name === 'left') return { state: { ...state, mode: { kind: 'browse' } }, effects: [] };
    return quit(state);
  }
  return browse(state, key);
}
