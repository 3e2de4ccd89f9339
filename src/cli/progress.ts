// A one-line progress display on stderr (only used when stderr is a TTY): commits done of the total, percent, rate
// and the time left, then file changes and bytes read.
import type { Stats } from '../types.js';

/** "1:05" or "12 s": the time left, as a person reads it. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}:${String(Math.floor(seconds % 60)).padStart(2, '0')}` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The progress text after `seconds`, with `done` of `total` commits read. */
export function progressText(stats: Stats, done: number, total: number, seconds: number): string {
  const elapsed = Math.max(seconds, 0.001);
  const rate = done / elapsed;
  const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
  const eta = done > 0 ? formatDuration((total - done) / rate) : '?';
  const mb = stats.bytes / 1048576;
  return `keyfence: ${done}/${total} commits (${percent} %), ${rate.toFixed(0)} commits/s, ${eta} left; ${stats.files} file changes, ${mb.toFixed(1)} MB`;
}

export interface Progress {
  /** One more commit read. */
  commitDone: () => void;
  /** Redraw if the last drawing is old enough. */
  tick: () => void;
  done: () => void;
}

export function progressLine(write: (text: string) => void, stats: Stats, total: number, everyMs = 200, now: () => number = Date.now): Progress {
  const started = now();
  let last = started;
  let shown = false;
  let done = 0;
  const tick = (): void => {
    const at = now();
    if (at - last < everyMs) return;
    last = at;
    write(`\r\x1b[K${progressText(stats, done, total, (at - started) / 1000)}`);
    shown = true;
  };
  return {
    commitDone: () => {
      done++;
      tick();
    },
    tick,
    done: () => {
      if (shown) write('\r\x1b[K');
    },
  };
}
