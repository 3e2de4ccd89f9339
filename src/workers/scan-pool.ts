// Findings of a files scan, on worker threads when the tree is large: the main thread lists the files, starts the
// workers once the walk has listed enough of them, sends them every listed batch, and scans batches itself; each
// thread takes the next batch from a shared counter. Findings come back in the serial order (file by file, as
// listed), so the report does not depend on which thread scanned what.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Finding, Fragment, Stats } from '../types.js';
import { scanFragment, type Engine } from '../scan.js';
import { archiveFileFragments, folderFragments, listFiles, type FileSourceOptions } from '../sources/files.js';
import { restoreFinding, scanFileBatch, type BatchPath, type BatchResult, type BatchSettings, type WireFinding } from './file-batch.js';
import type { BatchMessage, WorkerInit, WorkerReply } from './scan-worker.js';
import { claimBatch, newClaimCounter } from './batch-claims.js';

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
const BATCH_SIZE = 8;
const WORKER_URL = new URL('./scan-worker.js', import.meta.url);

/** Batches listed ahead of the threads' claims: enough that a worker never runs out while the main thread is busy
 *  with a slow batch of its own (a few hundred milliseconds, for a batch of large files). */
const LIST_AHEAD = 64;

/** The listed files in batches, formed as the listing goes (batch i holds files i·size to (i+1)·size − 1), so
 *  the scan of a large tree starts before its walk ends. */
class Batches {
  readonly list: BatchPath[][] = [];
  files = 0;
  listed = false;
  private current: BatchPath[] = [];

  constructor(
    private readonly listing: AsyncIterator<BatchPath>,
    private readonly size: number,
  ) {}

  /** Lists until batch `until` (exclusive) is formed, or `files` files are listed, or the listing ends. */
  async fill(until: number, files = 0): Promise<void> {
    while (!this.listed && (this.list.length < until || this.files < files)) {
      const next = await this.listing.next();
      if (next.done) {
        this.listed = true;
        if (this.current.length > 0) this.list.push(this.current);
      } else {
        this.files++;
        this.current.push(next.value);
        if (this.current.length === this.size) {
          this.list.push(this.current);
          this.current = [];
        }
      }
    }
  }
}

/** One worker: sent every batch as it is listed; settles when it says it is done, or when it stops (then the
 *  batches it took and did not answer are missing from the results, and the main thread scans them). */
class PoolWorker {
  private sent = 0;
  readonly finished: Promise<void>;
  private readonly worker: Worker;

  constructor(url: URL, init: WorkerInit, results: BatchResult[]) {
    this.worker = new Worker(url, { workerData: init });
    this.finished = new Promise<void>((done) => {
      this.worker.on('message', (reply: WorkerReply) => {
        if ('index' in reply) results[reply.index] = reply.result;
        else done();
      });
      this.worker.on('error', () => done());
      this.worker.on('exit', () => done());
    });
  }

  /** Sends the batches listed since the last call, and the end of the listing once it is reached. */
  send(batches: Batches): void {
    for (; this.sent < batches.list.length; this.sent++) this.worker.postMessage({ index: this.sent, paths: batches.list[this.sent] as BatchPath[] } satisfies BatchMessage);
    if (batches.listed && this.sent === batches.list.length) {
      this.worker.postMessage({ listed: true } satisfies BatchMessage);
      this.sent++;
    }
  }

  stop(): void {
    // Not awaited: stopping a worker takes tens of milliseconds, and an unreferenced one does not hold the process.
    this.worker.unref();
    void this.worker.terminate();
  }
}

/** Scans the listed batches on the main thread and, once `minFiles` files are listed, on `workers` worker threads
 *  too (started while the walk goes on); every thread takes the next batch from a shared counter. Result i belongs
 *  to batch i. */
async function scanBatches(batches: Batches, engine: Engine, settings: BatchSettings, workers: number, options: PoolOptions): Promise<BatchResult[]> {
  const results: BatchResult[] = [];
  const scan = (index: number): void => {
    results[index] = scanFileBatch(batches.list[index] as BatchPath[], engine, settings);
  };
  const counter = newClaimCounter();
  const pool: PoolWorker[] = [];
  const minFiles = options.minFiles ?? POOL_MIN_FILES;
  try {
    // Up to the threshold first: a tree that turns out large gets its workers before the main thread is busy.
    if (workers > 0) await batches.fill(1, minFiles);
    if (workers > 0 && batches.files >= minFiles) {
      for (let i = 0; i < workers; i++) pool.push(new PoolWorker(options.workerUrl ?? WORKER_URL, { config: engine.config, settings, counter }, results));
    }
    const mainThread = options.mainThread !== false || pool.length === 0;
    for (;;) {
      // Without the main thread (tests), everything is listed at once: a worker that stops takes nothing more.
      await batches.fill(mainThread ? Atomics.load(counter, 0) + LIST_AHEAD : Infinity);
      for (const worker of pool) worker.send(batches);
      const index = mainThread ? claimBatch(counter, batches.list.length) : -1;
      if (index !== -1) scan(index);
      else if (batches.listed) break;
    }
    await Promise.all(pool.map((worker) => worker.finished));
  } finally {
    for (const worker of pool) worker.stop();
  }
  // Batches a failed worker took and never answered, or that no thread took: the main thread scans them.
  for (let index = 0; index < batches.list.length; index++) if (!results[index]) scan(index);
  return results;
}

/** Workers to start once the tree is large enough. */
function workerCount(options: PoolOptions, engine: Engine): number {
  // Debug tracing prints from the main thread's engine only; the worker file is missing from single-file builds.
  if (options.threads <= 1 || engine.detectOptions.trace || !existsSync(fileURLToPath(options.workerUrl ?? WORKER_URL))) return 0;
  return options.threads - 1;
}

/** Findings of the files under `paths`, as scanFragments(fileFragments(…)) gives them, counted into `stats`. */
export async function* fileFindings(paths: string[], source: FileSourceOptions, engine: Engine, stats: Stats, options: PoolOptions): AsyncGenerator<Finding> {
  const named = paths.map((p) => resolve(source.cwd, p)).filter((p) => statSync(p, { throwIfNoEntry: false })?.isFile());
  const settings: BatchSettings = { base: source.base, maxFileSize: source.maxFileSize, named, ...(source.archives ? { archives: source.archives } : {}) };
  const batches = new Batches(listFiles(paths, source)[Symbol.asyncIterator](), options.batchSize ?? BATCH_SIZE);
  const results = await scanBatches(batches, engine, settings, workerCount(options, engine), options);
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
