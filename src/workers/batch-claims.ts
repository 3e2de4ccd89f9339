// Which thread scans which batch: every thread takes the next batch itself from a counter in shared memory, so a
// worker never waits for the main thread (busy with a slow batch of its own) to hand it work.

/** The shared counter: the index of the next batch no thread has taken. */
export type ClaimCounter = Int32Array;

export function newClaimCounter(): ClaimCounter {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}

/** Takes the next batch for the calling thread: its index, or -1 when every batch this thread knows of (the first
 *  `known`) is taken. Atomic, so no batch is taken twice, whichever threads race for it. */
export function claimBatch(counter: ClaimCounter, known: number): number {
  for (;;) {
    const next = Atomics.load(counter, 0);
    if (next >= known) return -1;
    if (Atomics.compareExchange(counter, 0, next, next + 1) === next) return next;
  }
}
