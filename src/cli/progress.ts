// A one-line progress display on stderr (only used when stderr is a TTY): commits listed, file changes, bytes, rate.
import type { Stats } from '../types.js';

export function progressLine(write: (text: string) => void, stats: Stats, everyMs = 200): { tick: () => void; done: () => void } {
  const started = Date.now();
  let last = 0;
  let shown = false;
  const render = (): void => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const mb = stats.bytes / 1048576;
    write(`\r\x1b[Kkeyfence: ${stats.commits} commits, ${stats.files} file changes, ${mb.toFixed(1)} MB read, ${(mb / seconds).toFixed(1)} MB/s, ${seconds.toFixed(0)} s`);
    shown = true;
  };
  return {
    tick: () => {
      const now = Date.now();
      if (now - last < everyMs) return;
      last = now;
      render();
    },
    done: () => {
      if (shown) write('\r\x1b[K');
    },
  };
}
