// Worker thread of the files scan: builds its own engine from the main thread's config, is sent every listed batch
// of paths, and scans those it takes from the shared counter before the other threads do.
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config/defaults.js';
import { createEngine } from '../scan.js';
import { scanFileBatch, type BatchPath, type BatchResult, type BatchSettings } from './file-batch.js';
import { claimBatch, type ClaimCounter } from './batch-claims.js';

export interface WorkerInit {
  config: Config;
  settings: BatchSettings;
  counter: ClaimCounter;
}

/** A listed batch (sent in index order), or the end of the listing. */
export type BatchMessage = { index: number; paths: BatchPath[] } | { listed: true };

export type WorkerReply = { index: number; result: BatchResult } | { done: true };

const port = parentPort;
if (port) {
  const { config, settings, counter } = workerData as WorkerInit;
  const engine = createEngine(config);
  const batches: BatchPath[][] = [];
  let listed = false;
  let working = false;
  // One batch per turn of the event loop, so the batches listed meanwhile arrive between two.
  const work = (): void => {
    const index = claimBatch(counter, batches.length);
    if (index === -1) {
      working = false;
      if (listed) port.postMessage({ done: true } satisfies WorkerReply);
      return;
    }
    port.postMessage({ index, result: scanFileBatch(batches[index] as BatchPath[], engine, settings) } satisfies WorkerReply);
    setImmediate(work);
  };
  port.on('message', (message: BatchMessage) => {
    if ('listed' in message) listed = true;
    else batches[message.index] = message.paths;
    if (!working) {
      working = true;
      work();
    }
  });
}
