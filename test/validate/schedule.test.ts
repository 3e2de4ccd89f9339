// The STS call scheduler with a stand-in call: cache, per-key-id pacing, one retry on SignatureDoesNotMatch, concurrency.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createStsChecker } from '../../src/validate/schedule.js';
import type { StsOutcome } from '../../src/validate/aws-sts.js';
import type { AwsCredentials } from '../../src/validate/sign.js';
import type { Clock } from '../../src/validate/pace.js';
import { virtualClock } from '../helpers/virtual-clock.js';

const PACING = 60;
const ok: StsOutcome = { kind: 'identity', arn: 'arn:aws:iam::111122223333:user/a', accountId: '111122223333', userId: 'AIDA1' };
const badSignature: StsOutcome = { kind: 'error', status: 403, code: 'SignatureDoesNotMatch' };
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** A stand-in STS call that records each call with the time on `clock` (virtual where the test checks pacing). */
function recorder(answer: (credentials: AwsCredentials, n: number) => StsOutcome, delayMs = 0, clock: Pick<Clock, 'now'> = { now: () => 0 }) {
  const calls: { keyId: string; secret: string; at: number }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  return {
    calls,
    get maxInFlight() {
      return maxInFlight;
    },
    call: async (credentials: AwsCredentials): Promise<StsOutcome> => {
      calls.push({ keyId: credentials.accessKeyId, secret: credentials.secretAccessKey, at: clock.now() });
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(delayMs);
      inFlight--;
      return answer(credentials, calls.filter((c) => c.keyId === credentials.accessKeyId).length);
    },
  };
}

describe('createStsChecker', () => {
  it('calls once for the same credentials, however often they are checked', async () => {
    const r = recorder(() => ok);
    const checker = createStsChecker({ call: r.call, concurrency: 4, pacingMs: PACING });
    const creds = { accessKeyId: 'K1', secretAccessKey: 's1' };
    const verdicts = await Promise.all([checker.check(creds), checker.check({ ...creds }), checker.check(creds)]);
    assert.equal(r.calls.length, 1);
    assert.equal(checker.calls, 1);
    assert.ok(verdicts.every((v) => v.status === 'valid'));
  });

  // Pacing on a virtual clock: the tests check when each call was made to wait, not a loaded machine's timers.
  it('keeps two calls with one key id the pacing interval apart', async () => {
    const clock = virtualClock();
    const r = recorder(() => ok, 0, clock);
    const checker = createStsChecker({ call: r.call, concurrency: 4, pacingMs: PACING, clock });
    await Promise.all([checker.check({ accessKeyId: 'K1', secretAccessKey: 'a' }), checker.check({ accessKeyId: 'K1', secretAccessKey: 'b' })]);
    assert.deepEqual(r.calls.map((c) => [c.secret, c.at]), [['a', 0], ['b', PACING]]);
    assert.deepEqual(clock.sleeps, [{ at: 0, ms: PACING }]);
  });

  it('does not pace different key ids', async () => {
    const clock = virtualClock();
    const r = recorder(() => ok, 0, clock);
    const checker = createStsChecker({ call: r.call, concurrency: 4, pacingMs: 2000, clock });
    await Promise.all(['K1', 'K2', 'K3'].map((id) => checker.check({ accessKeyId: id, secretAccessKey: 's' })));
    assert.deepEqual(r.calls.map((c) => c.at), [0, 0, 0]);
    assert.deepEqual(clock.sleeps, [], 'no call waited');
  });

  it('retries a SignatureDoesNotMatch exactly once, after the pause', async () => {
    const clock = virtualClock();
    const r = recorder((_c, n) => (n === 1 ? badSignature : ok), 0, clock);
    const checker = createStsChecker({ call: r.call, concurrency: 4, pacingMs: PACING, clock });
    const verdict = await checker.check({ accessKeyId: 'K1', secretAccessKey: 's' });
    assert.equal(verdict.status, 'valid');
    assert.deepEqual(r.calls.map((c) => c.at), [0, PACING]);
  });

  it('gives up after the one retry: a persistent SignatureDoesNotMatch is invalid', async () => {
    const r = recorder(() => badSignature);
    const checker = createStsChecker({ call: r.call, concurrency: 4, pacingMs: PACING });
    const verdict = await checker.check({ accessKeyId: 'K1', secretAccessKey: 's' });
    assert.equal(verdict.status, 'invalid');
    assert.match(verdict.reason ?? '', /key id exists but this secret is wrong/);
    assert.equal(r.calls.length, 2);
  });

  const noRetry: { name: string; outcome: StsOutcome; status: string }[] = [
    { name: 'InvalidClientTokenId', outcome: { kind: 'error', status: 403, code: 'InvalidClientTokenId' }, status: 'invalid' },
    { name: 'Throttling', outcome: { kind: 'error', status: 400, code: 'Throttling' }, status: 'unknown' },
    { name: 'a 503', outcome: { kind: 'http', status: 503 }, status: 'unknown' },
    { name: 'a timeout', outcome: { kind: 'timeout', ms: 5 }, status: 'unknown' },
    { name: 'a network error', outcome: { kind: 'network', detail: 'connection reset (ECONNRESET)' }, status: 'unknown' },
  ];
  for (const c of noRetry) {
    it(`does not retry after ${c.name}`, async () => {
      const r = recorder(() => c.outcome);
      const checker = createStsChecker({ call: r.call, concurrency: 4, pacingMs: PACING });
      assert.equal((await checker.check({ accessKeyId: 'K1', secretAccessKey: 's' })).status, c.status);
      assert.equal(r.calls.length, 1);
    });
  }

  it('never has more calls in flight than the concurrency limit', async () => {
    const r = recorder(() => ok, 20);
    const checker = createStsChecker({ call: r.call, concurrency: 2, pacingMs: PACING });
    await Promise.all(['K1', 'K2', 'K3', 'K4', 'K5'].map((id) => checker.check({ accessKeyId: id, secretAccessKey: 's' })));
    assert.equal(r.calls.length, 5);
    assert.equal(r.maxInFlight, 2);
  });
});
