// When STS calls happen: one per credential per run, at most N at once, and one key id never twice within the pause.
import { createHash } from 'node:crypto';
import type { Verdict } from '../types.js';
import type { AwsCredentials } from './sign.js';
import { verdictFor, type StsOutcome } from './aws-sts.js';
import { createLimiter, systemClock, type Clock } from './pace.js';

/** TruffleHog saw calls sharing a key id within ~5 s fail with a spurious SignatureDoesNotMatch (DOMAIN.md §3.3). */
export const DEFAULT_PACING_MS = 5000;

export interface CheckerOptions {
  call: (credentials: AwsCredentials) => Promise<StsOutcome>;
  concurrency: number;
  pacingMs?: number;
  /** Tests pass a virtual clock (see pace.ts). */
  clock?: Clock;
}

export interface StsChecker {
  check: (credentials: AwsCredentials) => Promise<Verdict>;
  /** Requests actually sent (retries included). */
  readonly calls: number;
}

// Hash, so the cache never holds a second plain copy of the secret.
function credentialKey(credentials: AwsCredentials): string {
  return createHash('sha256').update(`${credentials.accessKeyId}\0${credentials.secretAccessKey}\0${credentials.sessionToken ?? ''}`).digest('hex');
}

export function createStsChecker(options: CheckerOptions): StsChecker {
  const pacingMs = options.pacingMs ?? DEFAULT_PACING_MS;
  const clock = options.clock ?? systemClock;
  const limit = createLimiter(options.concurrency);
  const cache = new Map<string, Promise<Verdict>>();
  /** Per key id: the tail of its call chain and when its last call ended. */
  const keyChains = new Map<string, Promise<unknown>>();
  const lastCall = new Map<string, number>();
  let calls = 0;

  async function paced(keyId: string, credentials: AwsCredentials): Promise<StsOutcome> {
    const last = lastCall.get(keyId);
    if (last !== undefined) {
      const wait = last + pacingMs - clock.now();
      if (wait > 0) await clock.sleep(wait);
    }
    try {
      return await limit(() => {
        calls++;
        return options.call(credentials);
      });
    } finally {
      lastCall.set(keyId, clock.now());
    }
  }

  async function run(credentials: AwsCredentials): Promise<Verdict> {
    const keyId = credentials.accessKeyId;
    let outcome = await paced(keyId, credentials);
    // The spurious 403 goes away when re-sent after the pause: retry exactly once.
    if (outcome.kind === 'error' && outcome.code === 'SignatureDoesNotMatch') outcome = await paced(keyId, credentials);
    return verdictFor(outcome);
  }

  function check(credentials: AwsCredentials): Promise<Verdict> {
    const key = credentialKey(credentials);
    const cached = cache.get(key);
    if (cached) return cached;
    // Serialise calls per key id so the pause holds even when several secrets are tried for one id.
    const previous = keyChains.get(credentials.accessKeyId) ?? Promise.resolve();
    const result = previous.then(() => run(credentials));
    keyChains.set(credentials.accessKeyId, result.catch(() => undefined));
    cache.set(key, result);
    return result;
  }

  return {
    check,
    get calls() {
      return calls;
    },
  };
}
