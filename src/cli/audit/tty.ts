// The audit's terminal: raw-mode key presses in (node's readline), whole screens out on the alternate screen, so
// the user's scrollback is left as it was. No TUI library: a handful of escape sequences do.
import { emitKeypressEvents } from 'node:readline';
import type { ReadStream, WriteStream } from 'node:tty';
import { createColors } from '../../report/text.js';
import type { ScreenLine, Style } from '../../audit/screen.js';
import { press, type Effect, type Key, type SessionState } from '../../audit/session.js';

export interface Terminal {
  input: ReadStream;
  output: WriteStream;
  color: boolean;
}

/** Draws the screen for a state; applies effects (may throw: the run then stops with the terminal restored). */
export interface TerminalHandlers {
  render: (state: SessionState) => Promise<ScreenLine[]>;
  apply: (effects: Effect[], state: SessionState) => Promise<void>;
}

const ENTER_SCREEN = '\x1b[?1049h\x1b[?25l';
const LEAVE_SCREEN = '\x1b[?25h\x1b[?1049l';

/** At most `width` characters (code points), so no line wraps and pushes the screen down. */
function fit(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

function styler(color: boolean): (style: Style, text: string) => string {
  const c = createColors(color);
  const styles: Record<Style, (text: string) => string> = { title: c.bold, label: (t) => t, focus: (t) => c.bold(c.yellow(t)), dim: c.dim, error: c.red, keys: c.cyan, plain: (t) => t, good: c.green };
  return (style, text) => styles[style](text);
}

/** Runs the session until an effect says exit (or a signal ends the process); returns the last state. */
export async function runTerminal(initial: SessionState, handlers: TerminalHandlers, term: Terminal): Promise<SessionState> {
  const { input, output } = term;
  const paint = styler(term.color);
  let state = initial;
  const draw = async (): Promise<void> => {
    const lines = await handlers.render(state);
    const width = output.columns || 80;
    const rows = output.rows || 24;
    const body = lines.slice(0, rows).map((l) => `${paint(l.style, fit(l.text, width))}\x1b[K`);
    output.write(`\x1b[H${body.join('\r\n')}\x1b[J`);
  };
  emitKeypressEvents(input);
  input.setRawMode(true);
  input.resume();
  output.write(ENTER_SCREEN);
  try {
    await draw();
    await new Promise<void>((resolveRun, rejectRun) => {
      let queue = Promise.resolve();
      let finished = false;
      const finish = (error?: unknown): void => {
        if (finished) return;
        finished = true;
        input.off('keypress', onKey);
        output.off('resize', onResize);
        process.off('SIGTERM', onSignal);
        process.off('SIGHUP', onSignal);
        if (error === undefined) resolveRun();
        else rejectRun(error);
      };
      const handle = async (key: Key): Promise<void> => {
        if (finished) return;
        const step = press(state, key);
        state = step.state;
        await handlers.apply(step.effects, state);
        if (step.effects.some((e) => e.kind === 'exit')) finish();
        else await draw();
      };
      // Keys are handled one at a time, in order: a paste is many keys, and effects write files.
      const onKey = (sequence: string | undefined, key: { name?: string; sequence?: string; ctrl?: boolean; meta?: boolean } | undefined): void => {
        const pressed: Key = { name: key?.name, sequence: key?.sequence ?? sequence, ctrl: key?.ctrl, meta: key?.meta };
        queue = queue.then(() => handle(pressed)).catch(finish);
      };
      const onResize = (): void => {
        queue = queue.then(() => (finished ? undefined : draw())).catch(finish);
      };
      // A terminal closed or a kill: keep the progress, then leave.
      const onSignal = (): void => {
        queue = queue.then(() => handle({ name: 'c', ctrl: true })).catch(finish);
      };
      input.on('keypress', onKey);
      output.on('resize', onResize);
      process.on('SIGTERM', onSignal);
      process.on('SIGHUP', onSignal);
    });
  } finally {
    output.write(LEAVE_SCREEN);
    input.setRawMode(false);
    input.pause();
  }
  return state;
}
