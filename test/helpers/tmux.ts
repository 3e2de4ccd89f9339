// A real pseudo-terminal for interactive tests: a command in a tmux pane on a private server (-L), driven with
// send-keys and read with capture-pane. No side effects at import.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export function hasTmux(): boolean {
  return spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
}

export interface Pane {
  /** What the pane shows now (lines the terminal wrapped joined again), trailing blank lines dropped. */
  screen: () => string;
  /** tmux key names: 'f', 'Enter', 'Escape', 'Left', 'C-c'. */
  keys: (...names: string[]) => void;
  /** Text typed as is. */
  type: (text: string) => void;
  /** The screen once it matches (polled; the limit is generous and only stops a hung test). */
  waitFor: (want: string | RegExp, limitMs?: number) => Promise<string>;
  /** The command's exit code, once it has exited. */
  exitCode: () => Promise<number>;
  /** Ends the private tmux server and everything in it. */
  kill: () => void;
}

/** Runs `command` (a shell command line) in a `columns`×`rows` pane, in `cwd`, with exactly `env`. */
export function openPane(command: string, cwd: string, env: NodeJS.ProcessEnv, size = { columns: 120, rows: 40 }): Pane {
  const socket = `keyfence-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmuxEnv: NodeJS.ProcessEnv = { ...env };
  delete tmuxEnv.TMUX;
  const tmux = (...args: string[]): string => {
    const result = spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { cwd, env: tmuxEnv, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`tmux ${args[0]}: ${result.stderr}`);
    return result.stdout;
  };
  // The pane stays open after the command so its last screen and exit code can be read.
  const wrapped = `${command}; printf '\\n[exit %s]\\n' "$?"; exec sleep 600`;
  tmux('new-session', '-d', '-s', 'test', '-x', String(size.columns), '-y', String(size.rows), '-c', cwd, wrapped);
  const socketPath = tmux('display-message', '-p', '#{socket_path}').trim();
  const screen = (): string => tmux('capture-pane', '-p', '-J', '-t', 'test').replace(/\s+$/, '');
  const waitFor = async (want: string | RegExp, limitMs = 30_000): Promise<string> => {
    const until = Date.now() + limitMs;
    let last = '';
    while (Date.now() < until) {
      last = screen();
      if (typeof want === 'string' ? last.includes(want) : want.test(last)) return last;
      await sleep(50);
    }
    throw new Error(`the pane never showed ${String(want)}; it shows:\n${last}`);
  };
  return {
    screen,
    keys: (...names) => void tmux('send-keys', '-t', 'test', ...names),
    type: (text) => void tmux('send-keys', '-t', 'test', '-l', text),
    waitFor,
    exitCode: async () => Number((/\[exit (\d+)\]/.exec(await waitFor(/\[exit \d+\]/)) as RegExpExecArray)[1]),
    kill: () => {
      spawnSync('tmux', ['-L', socket, 'kill-server'], { env: tmuxEnv });
      // tmux leaves the socket file of a killed server behind.
      if (socketPath !== '') rmSync(socketPath, { force: true });
    },
  };
}
