// Which commits an event asks for: PR base..head from the payload, push before..after, new branches, full sweeps.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMode, planScan, pullRequestInfo, readEvent, type GitHubEvent, type Mode, type ScanRequest } from '../../src/action/event.js';
import { UsageError } from '../../src/errors.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const BASE = 'b'.repeat(40);
const HEAD = 'c'.repeat(40);
const ZERO = '0'.repeat(40);

function pr(name = 'pull_request', forkRepo = 'o/r'): GitHubEvent {
  return { name, payload: { number: 7, pull_request: { number: 7, commits: 3, base: { sha: BASE, repo: { full_name: 'o/r' } }, head: { sha: HEAD, repo: { full_name: forkRepo } } } } };
}

function push(before: string, after: string, extra: Record<string, unknown> = {}): GitHubEvent {
  return { name: 'push', payload: { before, after, ref: 'refs/heads/topic', repository: { default_branch: 'main' }, ...extra } };
}

describe('action/event', () => {
  const cases: { name: string; mode: Mode; event: GitHubEvent; want: ScanRequest }[] = [
    { name: 'a pull request scans base.sha..head.sha from the payload', mode: 'auto', event: pr(), want: { kind: 'range', base: BASE, head: HEAD, label: 'pull request #7', commits: 3 } },
    { name: 'pull_request_target scans the same range', mode: 'auto', event: pr('pull_request_target'), want: { kind: 'range', base: BASE, head: HEAD, label: 'pull request #7', commits: 3 } },
    { name: 'a push scans before..after', mode: 'auto', event: push(BASE, HEAD), want: { kind: 'push', before: BASE, after: HEAD, ref: 'refs/heads/topic', defaultBranch: 'main' } },
    { name: 'a forced push is marked', mode: 'auto', event: push(BASE, HEAD, { forced: true }), want: { kind: 'push', before: BASE, after: HEAD, ref: 'refs/heads/topic', defaultBranch: 'main', forced: true } },
    { name: 'a push with an all-zero before is a new branch', mode: 'auto', event: push(ZERO, HEAD), want: { kind: 'new-branch', head: HEAD, ref: 'refs/heads/topic', defaultBranch: 'main' } },
    { name: 'a push with an all-zero after (deleted branch) scans nothing', mode: 'auto', event: push(BASE, ZERO), want: { kind: 'nothing', reason: 'refs/heads/topic was deleted' } },
    { name: 'a schedule scans the whole history', mode: 'auto', event: { name: 'schedule', payload: {} }, want: { kind: 'full', reason: 'event schedule scans the whole history' } },
    { name: 'workflow_dispatch scans the whole history', mode: 'auto', event: { name: 'workflow_dispatch', payload: {} }, want: { kind: 'full', reason: 'event workflow_dispatch scans the whole history' } },
    { name: 'mode full overrides a pull request', mode: 'full', event: pr(), want: { kind: 'full', reason: 'mode: full' } },
    { name: 'mode push reads before/after whatever the event name', mode: 'push', event: { ...push(BASE, HEAD), name: 'workflow_run' }, want: { kind: 'push', before: BASE, after: HEAD, ref: 'refs/heads/topic', defaultBranch: 'main' } },
    { name: 'a merge queue group scans its base..head', mode: 'auto', event: { name: 'merge_group', payload: { merge_group: { base_sha: BASE, head_sha: HEAD } } }, want: { kind: 'range', base: BASE, head: HEAD, label: 'merge queue group' } },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(planScan(c.mode, c.event), c.want));

  const errorCases: { name: string; run: () => unknown; pattern: RegExp }[] = [
    { name: 'mode pr on a push event is a usage error', run: () => planScan('pr', push(BASE, HEAD)), pattern: /pull_request\.base\.sha/ },
    { name: 'mode push on a schedule is a usage error', run: () => planScan('push', { name: 'schedule', payload: {} }), pattern: /before\/after/ },
    { name: 'an unknown mode is a usage error', run: () => parseMode('everything'), pattern: /auto, pr, push, full/ },
    { name: 'an unreadable event file is a usage error naming it', run: () => readEvent({ GITHUB_EVENT_PATH: '/nonexistent/event.json' }), pattern: /GITHUB_EVENT_PATH \/nonexistent\/event\.json/ },
  ];
  for (const c of errorCases) {
    it(c.name, () =>
      assert.throws(c.run, (error: unknown) => {
        assert.ok(error instanceof UsageError);
        assert.match(`${error.message} ${error.hint ?? ''}`, c.pattern);
        return true;
      }),
    );
  }

  it('reads the payload from GITHUB_EVENT_PATH', () => {
    const dir = makeTempDir('keyfence-event-');
    const path = join(dir, 'event.json');
    writeFileSync(path, JSON.stringify(pr().payload));
    assert.deepEqual(readEvent({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path }), pr());
  });

  const payloadCases: { name: string; text: string; says: RegExp }[] = [
    { name: 'a payload of null is a usage error, not a crash', text: 'null', says: /the event payload is not a JSON object/ },
    { name: 'a payload that is a list is a usage error', text: '[]', says: /the event payload is not a JSON object/ },
    { name: 'a broken payload is named by position, without quoting its text', text: '{"head_commit": {"message": "deploy with tok_X9k2"', says: /the event payload is not valid JSON at line 1 \(end of file\)$/ },
  ];
  for (const { name, text, says } of payloadCases) {
    it(name, () => {
      const path = join(makeTempDir('keyfence-event-'), 'event.json');
      writeFileSync(path, text);
      assert.throws(() => readEvent({ GITHUB_EVENT_PATH: path }), (error: unknown) => {
        assert.ok(error instanceof UsageError);
        assert.match(error.message, says);
        assert.doesNotMatch(error.message, /tok_X9k2/);
        return true;
      });
    });
  }

  it('reads a payload that starts with a byte-order mark', () => {
    const path = join(makeTempDir('keyfence-event-'), 'event.json');
    writeFileSync(path, `\ufeff${JSON.stringify(pr().payload)}`);
    assert.deepEqual(readEvent({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path }), pr());
  });

  it('tells a pull request from a fork', () => {
    assert.equal(pullRequestInfo(pr('pull_request', 'someone/r'))?.fromFork, true);
    assert.equal(pullRequestInfo(pr())?.fromFork, false);
    assert.equal(pullRequestInfo(push(BASE, HEAD)), undefined);
  });
});
