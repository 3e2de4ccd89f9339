// How validators space their requests: at most N in flight, and requests to one host started a pause apart.

/** A counting semaphore: the task waits for a free slot. */
export function createLimiter(slots: number): <T>(task: () => Promise<T>) => Promise<T> {
  let free = Math.max(1, slots);
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}

/** Time as pacing sees it. Real by default; tests pass a virtual one, so they check when a request was scheduled to
 *  start, not how fast a loaded machine woke the timer (overdue timers fire together, 0 ms apart). */
export interface Clock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
};

/** `turn(host, gapMs)` resolves when a request to `host` may start: each start is scheduled `gapMs` after the last. */
export function createPacer(clock: Clock = systemClock): (key: string, gapMs: number) => Promise<void> {
  const next = new Map<string, number>();
  return async (key, gapMs) => {
    const at = Math.max(clock.now(), next.get(key) ?? 0);
    next.set(key, at + gapMs);
    const wait = at - clock.now();
    if (wait > 0) await clock.sleep(wait);
  };
}
