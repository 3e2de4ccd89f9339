// Runs users' regexes on a worker thread with a deadline, synchronously: a pattern that backtracks catastrophically
// on some text ends in RegexTimeoutError (the worker is terminated) instead of hanging the scan. Built-in rules are
// trusted and run in-process; only patterns from configs and extra rule files come here.
import type { MessagePort, Worker } from 'node:worker_threads';
import { OperationalError, RegexTimeoutError } from '../errors.js';
import { lazyRequire } from '../lazy-require.js';

// Loaded with the first custom regex: the pre-commit hook without custom rules never starts a worker.
const threads = (): typeof import('node:worker_threads') => lazyRequire('node:worker_threads') as typeof import('node:worker_threads');

/** Per call: one regex over one text (a whole file's matches come in one call). Generous for a loaded machine. */
export const REGEX_DEADLINE_MS = 5000;
/** Worker start-up is not counted against a pattern. */
const STARTUP_MS = 30_000;
/** Matches returned per call; a text with more takes further calls. */
const BATCH = 10_000;

// CommonJS source of the worker (eval: no file to locate from build/, the bundle or dist/).
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { shared, port } = workerData;
const compiled = new Map();
let text = '';
function done(reply) {
  port.postMessage(reply);
  Atomics.store(shared, 0, 1);
  Atomics.notify(shared, 0);
}
port.on('message', (m) => {
  try {
    if (m.text !== undefined) text = m.text;
    let re = compiled.get(m.key);
    if (!re) compiled.set(m.key, (re = new RegExp(m.source, m.flags)));
    const repeat = re.global || re.sticky;
    re.lastIndex = m.start;
    const results = [];
    for (;;) {
      const at = repeat ? re.lastIndex : 0;
      const found = re.exec(text);
      if (found) delete found.input;
      results.push({ at, found, next: re.lastIndex });
      if (!found || !repeat || results.length >= ${BATCH}) break;
      // What a caller's loop does after an empty match.
      if (found[0].length === 0) re.lastIndex++;
    }
    done({ results });
  } catch (error) {
    done({ error: String(error && error.message) });
  }
});
done({ ready: true });
`;

interface Result {
  at: number;
  found: RegExpExecArray | null;
  next: number;
}

class Sandbox {
  private readonly shared = new Int32Array(new SharedArrayBuffer(4));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  /** The text the worker holds (sent once for all the regexes run over it). */
  private text: string | undefined;

  constructor() {
    const { MessageChannel, Worker } = threads();
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { shared: this.shared, port: port2 }, transferList: [port2] });
    // Never keeps the process alive; a scan that ends drops it.
    this.worker.unref();
    this.port.unref();
    if (this.await(STARTUP_MS) === undefined) {
      void this.worker.terminate();
      throw new OperationalError(`the worker that runs custom regexes did not start within ${STARTUP_MS / 1000} s`, 'the machine may be overloaded; run keyfence again');
    }
  }

  private await(ms: number): unknown {
    if (Atomics.wait(this.shared, 0, 0, ms) === 'timed-out') return undefined;
    return threads().receiveMessageOnPort(this.port)?.message;
  }

  /** Results from `start` on, or undefined past the deadline (the worker is then gone). */
  run(key: string, source: string, flags: string, text: string, start: number, deadlineMs: number): Result[] | undefined {
    Atomics.store(this.shared, 0, 0);
    const sendText = text !== this.text;
    this.port.postMessage({ key, source, flags, start, ...(sendText ? { text } : {}) });
    this.text = text;
    const reply = this.await(deadlineMs) as { results?: Result[]; error?: string } | undefined;
    if (reply === undefined) {
      void this.worker.terminate();
      return undefined;
    }
    if (reply.error !== undefined) throw new SyntaxError(reply.error);
    return reply.results ?? [];
  }
}

/** Structured cloning gives `groups` a plain prototype; RegExp's own are null-prototype objects. */
function nullProto<T extends object>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : Object.assign(Object.create(null) as T, value);
}

/** A fresh match array as exec returns it: callers may change it, and the cache must stay as the worker answered. */
function rebuild(found: RegExpExecArray, input: string): RegExpExecArray {
  const copy = Object.assign([...found], { index: found.index, input, groups: nullProto(found.groups) }) as RegExpExecArray;
  if (found.indices) copy.indices = Object.assign([...found.indices], { groups: nullProto(found.indices.groups) }) as RegExpIndicesArray;
  return copy;
}

let sandbox: Sandbox | undefined;
let nextKey = 0;

/** A RegExp whose exec (and so test, match, replace…) runs in the sandbox under a deadline. */
export class GuardedRegExp extends RegExp {
  static override get [Symbol.species](): RegExpConstructor {
    return GuardedRegExp as unknown as RegExpConstructor;
  }

  private readonly key = String(nextKey++);
  /** The last text's results, by the lastIndex they start from. */
  private cached: { text: string; byStart: Map<number, Result> } | undefined;

  constructor(
    pattern: string | RegExp,
    flags?: string,
    readonly label = 'a custom regex',
    readonly deadlineMs = REGEX_DEADLINE_MS,
  ) {
    super(pattern, flags);
  }

  override exec(input: string): RegExpExecArray | null {
    const text = String(input);
    const repeat = this.global || this.sticky;
    const start = repeat ? this.lastIndex : 0;
    let result = this.cached?.text === text ? this.cached.byStart.get(start) : undefined;
    if (!result) {
      sandbox ??= new Sandbox();
      const results = sandbox.run(this.key, this.source, this.flags, text, start, this.deadlineMs);
      if (results === undefined) {
        sandbox = undefined;
        this.cached = undefined;
        throw new RegexTimeoutError(this.label, this.deadlineMs);
      }
      this.cached = { text, byStart: new Map(results.map((r) => [r.at, r])) };
      result = results[0] as Result;
    }
    if (repeat) this.lastIndex = result.found ? result.next : 0;
    if (!result.found) return null;
    // A copy: callers may change what they get, and the cache must stay as the worker answered.
    return rebuild(result.found, text);
  }
}

/** The factory compile.ts and the allowlist use for user patterns. */
export function guardedRegExp(label: string, deadlineMs = REGEX_DEADLINE_MS): (source: string, flags?: string) => RegExp {
  return (source, flags) => new GuardedRegExp(source, flags, label, deadlineMs);
}
