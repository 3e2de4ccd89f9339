// claimBatch: every batch is taken once, in order, by whichever thread asks first; none past what the caller knows.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { claimBatch, newClaimCounter } from '../../src/workers/batch-claims.js';

describe('workers/batch-claims', () => {
  const cases: { name: string; known: number[]; want: number[] }[] = [
    { name: 'takes the batches in order', known: [3, 3, 3], want: [0, 1, 2] },
    { name: 'takes nothing past the batches the caller knows of', known: [1, 1, 2, 2], want: [0, -1, 1, -1] },
    { name: 'takes nothing when no batch is listed yet', known: [0], want: [-1] },
  ];
  for (const { name, known, want } of cases) {
    it(name, () => {
      const counter = newClaimCounter();
      assert.deepEqual(known.map((k) => claimBatch(counter, k)), want);
    });
  }

  it('gives each batch to exactly one of two racing threads', async () => {
    const counter = newClaimCounter();
    const total = 20_000;
    // The worker runs the same loop as claimBatch (a worker from eval cannot import the compiled module by path).
    const source = `const { parentPort, workerData: { counter, total } } = require('node:worker_threads');
      const got = [];
      for (;;) { const next = Atomics.load(counter, 0); if (next >= total) break; if (Atomics.compareExchange(counter, 0, next, next + 1) === next) got.push(next); }
      parentPort.postMessage(got);`;
    const worker = new Worker(source, { eval: true, workerData: { counter, total } });
    const theirs = new Promise<number[]>((resolve, reject) => worker.once('message', resolve).once('error', reject));
    const mine: number[] = [];
    for (let index = claimBatch(counter, total); index !== -1; index = claimBatch(counter, total)) mine.push(index);
    const all = [...mine, ...(await theirs)].sort((a, b) => a - b);
    await worker.terminate();
    assert.deepEqual(all, Array.from({ length: total }, (_, i) => i));
  });
});
