// A virtual clock for the pacing code (src/validate/pace.ts): time moves only when a sleep ends, so a test asserts
// when each request was scheduled, whatever the machine's load. No side effects at import.
import type { Clock } from '../../src/validate/pace.js';

export interface VirtualClock extends Clock {
  /** Every sleep asked for, with the virtual time it was asked at. */
  readonly sleeps: { at: number; ms: number }[];
}

export function virtualClock(): VirtualClock {
  let time = 0;
  const sleeps: { at: number; ms: number }[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: (ms) => {
      const wake = time + ms;
      sleeps.push({ at: time, ms });
      // setImmediate, not a timer: each sleeper resumes (and its microtasks run) before the next one's time is set.
      return new Promise((done) => setImmediate(() => {
        time = Math.max(time, wake);
        done();
      }));
    },
  };
}
