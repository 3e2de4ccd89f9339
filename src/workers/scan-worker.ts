// Worker thread of the files scan: builds its own engine from the main thread's config, then scans the batches of
// paths it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config/defaults.js';
import { createEngine } from '../scan.js';
import { scanFileBatch, type BatchPath, type BatchSettings } from './file-batch.js';

export interface WorkerInit {
  config: Config;
  settings: BatchSettings;
}

export interface BatchRequest {
  index: number;
  paths: BatchPath[];
}

const port = parentPort;
if (port) {
  const { config, settings } = workerData as WorkerInit;
  const engine = createEngine(config);
  port.on('message', ({ index, paths }: BatchRequest) => port.postMessage({ index, result: scanFileBatch(paths, engine, settings) }));
  port.postMessage({ ready: true });
}
