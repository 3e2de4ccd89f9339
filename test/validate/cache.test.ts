// The verdict cache: valid/invalid only, expiring, outside the repository, holding no secret.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openVerdictCache } from '../../src/validate/cache.js';

const dirs: string[] = [];
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyfence-cache-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('openVerdictCache', () => {
  it('keeps valid and invalid verdicts for the hours asked, and forgets them after', () => {
    const home = temp();
    let now = 1_000_000;
    const open = (): ReturnType<typeof openVerdictCache> => openVerdictCache({ env: { XDG_CACHE_HOME: home }, hours: 1, repoRoot: temp(), notices: [], now: () => now });
    const first = open();
    first?.set('a'.repeat(64), { status: 'valid', host: 'api.github.com', identity: { login: 'octocat' } });
    first?.set('b'.repeat(64), { status: 'invalid', reason: 'HTTP 401' });
    first?.set('c'.repeat(64), { status: 'unknown', reason: 'timeout' });
    first?.set('d'.repeat(64), { status: 'skipped', reason: 'canary' });
    first?.save();
    now += 30 * 60 * 1000;
    const second = open();
    assert.deepEqual(second?.get('a'.repeat(64)), { status: 'valid', host: 'api.github.com', identity: { login: 'octocat' }, cachedAt: new Date(1_000_000).toISOString() });
    assert.equal(second?.get('b'.repeat(64))?.status, 'invalid');
    assert.equal(second?.get('c'.repeat(64)), undefined, 'an unknown is asked again');
    assert.equal(second?.get('d'.repeat(64)), undefined);
    assert.equal(second?.hits, 2);
    now += 31 * 60 * 1000;
    assert.equal(open()?.get('a'.repeat(64)), undefined, 'expired');
  });

  it('writes a private file under XDG_CACHE_HOME/keyfence holding fingerprints and verdicts only', () => {
    const home = temp();
    const cache = openVerdictCache({ env: { XDG_CACHE_HOME: home }, hours: 24, repoRoot: temp(), notices: [] });
    cache?.set('e'.repeat(64), { status: 'valid', identity: { login: 'octocat' } });
    cache?.save();
    const path = join(home, 'keyfence', 'verdicts.json');
    assert.equal(cache?.path, path);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(path, 'utf8')).entries), ['e'.repeat(64)]);
  });

  it('refuses a cache folder inside the scanned repository', () => {
    const repo = temp();
    const notices: string[] = [];
    assert.equal(openVerdictCache({ env: { XDG_CACHE_HOME: join(repo, '.cache') }, hours: 24, repoRoot: repo, notices }), undefined);
    assert.match(notices[0] ?? '', /inside the scanned repository; not caching/);
  });

  it('starts afresh, with a notice, from a file it did not write', () => {
    const home = temp();
    mkdirSync(join(home, 'keyfence'));
    writeFileSync(join(home, 'keyfence', 'verdicts.json'), '{"not":"ours"');
    const notices: string[] = [];
    const cache = openVerdictCache({ env: { XDG_CACHE_HOME: home }, hours: 24, repoRoot: temp(), notices });
    assert.equal(cache?.get('a'.repeat(64)), undefined);
    assert.match(notices[0] ?? '', /not a verdict cache keyfence wrote/);
  });
});
