// Test helper: runs an exported function of a compiled module on a worker thread and fails when it has not answered
// within a (generous) deadline; the worker is then terminated, so a hang fails the test instead of stalling the suite.
import { Worker } from 'node:worker_threads';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.url).then(async (m) => parentPort.postMessage(await m[workerData.name](...workerData.args)));
`;

export async function runWithDeadline<T>(module: URL, name: string, args: unknown[], ms: number): Promise<T> {
  const worker = new Worker(WORKER, { eval: true, workerData: { url: module.href, name, args } });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<T>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`${name}(): no answer within ${ms} ms`)), ms);
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`${name}(): worker exited with ${code}`)));
    });
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}
