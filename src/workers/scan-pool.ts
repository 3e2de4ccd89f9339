// Findings of a files scan, on worker threads when the tree is large: the main thread lists the files, starts the
// workers and scans batches itself while they start, then shares the remaining batches with them. Findings come
// back in the serial order (file by file, as listed), so the report does not depend on which thread scanned what.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Finding, Fragment, Stats } from '../types.js';
import { scanFragment, type Engine } from '../scan.js';
import { archiveFileFragments, folderFragments, listFiles, type FileSourceOptions } from '../sources/files.js';
import { restoreFinding, scanFileBatch, type BatchPath, type BatchResult, type BatchSettings, type WireFinding } from './file-batch.js';
import type { BatchRequest, WorkerInit } from './scan-worker.js';

export interface PoolOptions {
  /** Threads in all, the main thread included; 1 scans serially. */
  threads: number;
  /** Fewer files than this are scanned serially (see docs/performance.md for the measurements). */
  minFiles?: number;
  batchSize?: number;
  /** Scan batches on the main thread too (default); tests turn it off so that every batch crosses a worker. */
  mainThread?: boolean;
  /** The worker script (tests: one that fails). */
  workerUrl?: URL;
}

export const POOL_MIN_FILES = 2000;
const BATCH_SIZE = 16;
const WORKER_URL = new URL('./scan-worker.js', import.meta.url);

type Reply = { ready: true } | { index: number; result: BatchResult };

/** Batches a worker holds at once: it starts the next as soon as it finishes one, while the main thread, busy
 *  scanning its own batch, cannot answer its messages. */
const WORKER_QUEUE = 3;

/** Feeds batches to one worker until none are left; a worker that fails hands its batches back to the main thread. */
function runWorker(worker: Worker, batches: BatchPath[][], take: () => number, results: BatchResult[], scan: (batch: BatchPath[]) => BatchResult): Promise<void> {
  return new Promise<void>((done, fail) => {
    const pending = new Set<number>();
    let exhausted = false;
    const feed = (): void => {
      while (!exhausted && pending.size < WORKER_QUEUE) {
        const index = take();
        if (index === -1) exhausted = true;
        else {
          pending.add(index);
          worker.postMessage({ index, paths: batches[index] as BatchPath[] } satisfies BatchRequest);
        }
      }
      if (exhausted && pending.size === 0) done();
    };
    worker.on('message', (reply: Reply) => {
      if ('index' in reply) {
        results[reply.index] = reply.result;
        pending.delete(reply.index);
      }
      feed();
    });
    const takeBack = (): void => {
      try {
        for (const index of pending) results[index] = scan(batches[index] as BatchPath[]);
        pending.clear();
        exhausted = true;
        done();
      } catch (error) {
        fail(error);
      }
    };
    worker.on('error', takeBack);
    worker.on('exit', takeBack);
  });
}

/** Scans the batches on the main thread and on `workers` worker threads; result i belongs to batch i. */
async function scanBatches(batches: BatchPath[][], engine: Engine, settings: BatchSettings, workers: number, mainThread: boolean, workerUrl: URL): Promise<BatchResult[]> {
  const results = new Array<BatchResult>(batches.length);
  let next = 0;
  const take = (): number => (next < batches.length ? next++ : -1);
  const scan = (batch: BatchPath[]): BatchResult => scanFileBatch(batch, engine, settings);
  const pool = Array.from({ length: workers }, () => new Worker(workerUrl, { workerData: { config: engine.config, settings } satisfies WorkerInit }));
  const finished = Promise.all(pool.map((worker) => runWorker(worker, batches, take, results, scan)));
  try {
    for (let index = mainThread ? take() : -1; index !== -1; index = take()) {
      results[index] = scan(batches[index] as BatchPath[]);
      // Let worker replies in between batches, so the workers are fed while the main thread works.
      await new Promise<void>((resume) => setImmediate(resume));
    }
    await finished;
    // Workers that failed left the rest of the batches: the main thread scans them.
    for (let index = take(); index !== -1; index = take()) results[index] = scan(batches[index] as BatchPath[]);
  } finally {
    // Not awaited: stopping a worker takes tens of milliseconds, and an unreferenced one does not hold the process.
    for (const worker of pool) {
      worker.unref();
      void worker.terminate();
    }
  }
  return results;
}

function workerCount(files: number, options: PoolOptions, engine: Engine): number {
  // Debug tracing prints from the main thread's engine only; the worker file is missing from single-file builds.
  if (options.threads <= 1 || files < (options.minFiles ?? POOL_MIN_FILES) || engine.detectOptions.trace || !existsSync(fileURLToPath(options.workerUrl ?? WORKER_URL))) return 0;
  return options.threads - 1;
}

/** Findings of the files under `paths`, as scanFragments(fileFragments(…)) gives them, counted into `stats`. */
export async function* fileFindings(paths: string[], source: FileSourceOptions, engine: Engine, stats: Stats, options: PoolOptions): AsyncGenerator<Finding> {
  const files: BatchPath[] = [];
  for await (const file of listFiles(paths, source)) files.push(file);
  const size = options.batchSize ?? BATCH_SIZE;
  const batches: BatchPath[][] = [];
  for (let i = 0; i < files.length; i += size) batches.push(files.slice(i, i + size));
  const named = paths.map((p) => resolve(source.cwd, p)).filter((p) => statSync(p, { throwIfNoEntry: false })?.isFile());
  const settings: BatchSettings = { base: source.base, maxFileSize: source.maxFileSize, named, ...(source.archives ? { archives: source.archives } : {}) };
  const workers = workerCount(files.length, options, engine);
  const results = workers === 0 ? batches.map((batch) => scanFileBatch(batch, engine, settings)) : await scanBatches(batches, engine, settings, workers, options.mainThread !== false, options.workerUrl ?? WORKER_URL);
  const asBuffer = (path: BatchPath): string | Buffer => (typeof path === 'string' ? path : Buffer.from(path));
  const scanned = async function* (fragments: AsyncIterable<Fragment>): AsyncGenerator<Finding> {
    for await (const fragment of fragments) {
      for (const finding of scanFragment(fragment, engine)) {
        stats.findings++;
        yield finding;
      }
    }
  };
  for (const result of results) {
    for (const [reason, file] of result.skips) source.onSkip(reason, file);
    for (const bytes of result.bytes) source.onFile?.(bytes);
    // Archives are opened here (asynchronously), their findings put where the serial scan has them.
    let next = 0;
    for (const [path, file, at] of [...result.archives, [undefined, '', result.findings.length] as const]) {
      for (; next < at; next++) {
        stats.findings++;
        yield restoreFinding(result.findings[next] as WireFinding);
      }
      if (path !== undefined) yield* scanned(archiveFileFragments(asBuffer(path), file, source));
    }
  }
  // Submodule folders, on the main thread (rare: listed by their own git, as the serial source does).
  for (const result of results) {
    for (const folder of result.folders) yield* scanned(folderFragments(asBuffer(folder), source));
  }
}
