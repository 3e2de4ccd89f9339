// Archives end to end: a key inside a committed jar, tar.gz or gz is reported by scan, staged and history at its path
// inside the archive; --no-archives and the config's limits; a bomb costs no memory.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeAccessKeyId, makeRepo, type Repo } from '../helpers/git-repo.js';
import { gzip, makeOverlappingZip, makeTar, makeZip } from '../helpers/archives.js';

const repos: Repo[] = [];
function repo(): Repo {
  const r = makeRepo();
  repos.push(r);
  return r;
}

interface JsonReport {
  findings: { file: string; line: number; fingerprint: string; commit?: string }[];
  stats: { skipped: Record<string, number>; files: number };
}

const report = (stdout: string): JsonReport => JSON.parse(stdout) as JsonReport;

/** A jar holding a key in its properties, inside a war: both names show in the finding. */
function war(key: string): Buffer {
  const jar = makeZip([{ name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\n' }, { name: 'config/app.properties', data: `name=demo\naws.accessKeyId=${key}\n` }]);
  return makeZip([{ name: 'WEB-INF/web.xml', data: '<web-app/>\n' }, { name: 'WEB-INF/lib/app.jar', data: jar, stored: true }]);
}

const INNER = 'dist/site.war!/WEB-INF/lib/app.jar!/config/app.properties';

describe('archives end to end', () => {
  after(() => repos.forEach((r) => r.remove()));

  const commands: { name: string; run: (r: Repo) => ReturnType<Repo['keyfence']> }[] = [
    { name: 'scan reports a key inside a jar inside a war at its path inside both', run: (r) => r.keyfence(['scan', '.', '--format', 'json']) },
    {
      name: 'staged reports a key inside a staged war',
      run: (r) => {
        r.git('add', '-A');
        return r.keyfence(['staged', '--format', 'json']);
      },
    },
    {
      name: 'history reports a key inside a committed war, with the commit',
      run: (r) => {
        r.commit('add the war');
        return r.keyfence(['history', '--format', 'json']);
      },
    },
  ];
  for (const c of commands) {
    it(c.name, () => {
      const r = repo();
      r.commit('base', { 'README.md': 'demo\n' });
      r.write('dist/site.war', war(fakeAccessKeyId()));
      const result = c.run(r);
      assert.equal(result.status, 1, result.stderr);
      const found = report(result.stdout).findings;
      assert.deepEqual(found.map((f) => [f.file, f.line]), [[INNER, 2]]);
      if (c.name.startsWith('history')) assert.equal(found[0]?.commit, r.git('rev-parse', 'HEAD').trim());
    });
  }

  it('reports keys in a .tgz and a .gz, and the text output names the path inside', () => {
    const r = repo();
    r.write('backup/etc.tgz', gzip(makeTar([{ name: 'etc/app.env', data: `AWS_ACCESS_KEY_ID=${fakeAccessKeyId()}\n` }])));
    r.write('backup/db.env.gz', gzip(`AWS_ACCESS_KEY_ID=${fakeAccessKeyId()}\n`));
    r.commit('backups');
    const json = r.keyfence(['history', '--format', 'json']);
    assert.deepEqual(report(json.stdout).findings.map((f) => f.file), ['backup/db.env.gz!/db.env', 'backup/etc.tgz!/etc/app.env']);
    const text = r.keyfence(['scan', '.']);
    assert.match(text.stdout, /backup\/etc\.tgz!\/etc\/app\.env/);
  });

  it('gives the same secret inside an archive its own fingerprint, which .keyfence-ignore silences', () => {
    const r = repo();
    const key = fakeAccessKeyId();
    r.write('app.env', `AWS_ACCESS_KEY_ID=${key}\n`);
    r.write('app.zip', makeZip([{ name: 'app.env', data: `AWS_ACCESS_KEY_ID=${key}\n` }]));
    const first = report(r.keyfence(['scan', '.', '--format', 'json']).stdout).findings;
    assert.deepEqual(first.map((f) => f.file), ['app.env', 'app.zip!/app.env']);
    assert.notEqual(first[0]?.fingerprint, first[1]?.fingerprint);
    r.write('.keyfence-ignore', `${first[1]?.fingerprint} # test fixture\n`);
    assert.deepEqual(report(r.keyfence(['scan', '.', '--format', 'json']).stdout).findings.map((f) => f.file), ['app.env']);
  });

  it('counts archives as skipped with --no-archives, in scan, staged and history', () => {
    const r = repo();
    r.write('dist/site.war', war(fakeAccessKeyId()));
    r.git('add', '-A');
    for (const args of [['scan', '.'], ['staged']]) {
      const result = r.keyfence([...args, '--no-archives', '--format', 'json']);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(report(result.stdout).stats.skipped.archive, 1, args[0]);
    }
    r.commit('war');
    const history = r.keyfence(['history', '--no-archives', '--format', 'json']);
    assert.equal(history.status, 0, history.stderr);
    assert.equal(report(history.stdout).stats.skipped.archive, 1);
  });

  it('takes the limits from the config: maxDepth 1 leaves the jar inside the war unopened, and counts it', () => {
    const r = repo();
    r.write('dist/site.war', war(fakeAccessKeyId()));
    r.write('.keyfence.json', JSON.stringify({ archives: { maxDepth: 1 } }));
    const result = r.keyfence(['scan', '.', '--format', 'json']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(report(result.stdout).stats.skipped['archive-depth'], 1);
  });

  it('rejects an archives limit that is not a positive whole number, naming its path', () => {
    const r = repo();
    r.write('.keyfence.json', JSON.stringify({ archives: { maxEntries: 0 } }));
    const result = r.keyfence(['scan', '.']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /\/archives\/maxEntries/);
  });

  it('scans an overlapping-entries bomb that would expand to 1 GiB, and a gzip bomb, in flat memory, counting both', () => {
    const r = repo();
    r.write('bomb.zip', makeOverlappingZip(1024, Buffer.alloc(1024 * 1024)));
    const member = gzip(Buffer.alloc(16 * 1024 * 1024));
    r.write('bomb.gz', Buffer.concat(Array.from({ length: 64 }, () => member)));
    r.commit('bombs');
    // Peak memory of the keyfence process itself, printed as it exits.
    const probe = join(r.dir, '.probe.cjs');
    writeFileSync(probe, "process.on('exit', () => process.stderr.write(`maxrss ${process.resourceUsage().maxRSS}\\n`));\n");
    for (const args of [['scan', '.'], ['history']]) {
      const result = r.keyfence([...args, '--format', 'json'], { NODE_OPTIONS: `--require ${probe}` });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(report(result.stdout).stats.skipped['archive-bomb'], 2, args[0]);
      const kib = Number(/maxrss (\d+)/.exec(result.stderr)?.[1]);
      assert.ok(kib < 250 * 1024, `${args[0]}: peak ${kib} KiB`);
    }
  });
});
