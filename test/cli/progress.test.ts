// The history progress line: commits done of the total, percent, rate and time left; redrawn at most every 200 ms.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, progressLine, progressText } from '../../src/cli/progress.js';
import type { Stats } from '../../src/types.js';

const stats = (files = 0, bytes = 0): Stats => ({ bytes, files, commits: 9000, findings: 0, skipped: {}, durationMs: 0, rulesLoaded: 0 });

describe('cli/progress', () => {
  const texts = [
    { name: 'a quarter done after 10 s: 25 %, 50 commits/s, 30 s left', done: 500, total: 2000, seconds: 10, want: 'keyfence: 500/2000 commits (25 %), 50 commits/s, 30 s left; 1200 file changes, 2.0 MB' },
    { name: 'nothing done yet: the time left is unknown', done: 0, total: 2000, seconds: 1, want: 'keyfence: 0/2000 commits (0 %), 0 commits/s, ? left; 1200 file changes, 2.0 MB' },
    { name: 'all done: 100 % and nothing left', done: 2000, total: 2000, seconds: 40, want: 'keyfence: 2000/2000 commits (100 %), 50 commits/s, 0 s left; 1200 file changes, 2.0 MB' },
  ];
  for (const c of texts) it(c.name, () => assert.equal(progressText(stats(1200, 2 * 1048576), c.done, c.total, c.seconds), c.want));

  const durations = [
    { seconds: 12.2, want: '13 s' },
    { seconds: 65, want: '1:05' },
    { seconds: 7500, want: '2 h 5 min' },
  ];
  for (const c of durations) it(`shows ${c.seconds} s left as ${c.want}`, () => assert.equal(formatDuration(c.seconds), c.want));

  it('counts commits done, not listed, and redraws at most every 200 ms, clearing the line at the end', () => {
    let clock = 0;
    const written: string[] = [];
    const progress = progressLine((t) => written.push(t), stats(), 10, 200, () => clock);
    for (let i = 0; i < 4; i++) {
      clock += 100;
      progress.commitDone();
    }
    progress.done();
    assert.deepEqual(written, ['\r\x1b[Kkeyfence: 2/10 commits (20 %), 10 commits/s, 1 s left; 0 file changes, 0.0 MB', '\r\x1b[Kkeyfence: 4/10 commits (40 %), 10 commits/s, 1 s left; 0 file changes, 0.0 MB', '\r\x1b[K']);
  });
});
