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

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** `turn(host, gapMs)` resolves when a request to `host` may start: each start is at least `gapMs` after the last. */
export function createPacer(now: () => number = Date.now): (key: string, gapMs: number) => Promise<void> {
  const next = new Map<string, number>();
  return async (key, gapMs) => {
    const at = Math.max(now(), next.get(key) ?? 0);
    next.set(key, at + gapMs);
    const wait = at - now();
    if (wait > 0) await sleep(wait);
  };
}
