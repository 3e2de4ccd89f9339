// The GitLab secret-detection report validates against schemas/gitlab-secret-detection.schema.json (written from
// GitLab's documentation), keeps ids unique and secrets masked; the schema itself refuses what GitLab would.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { compileSchema, describeErrors } from '../../src/schema.js';
import { gitlabReporter, GITLAB_REPORT_VERSION } from '../../src/report/gitlab.js';
import { SAMPLE_SECRETS, sampleFindings, sampleMeta } from './sample-findings.js';
import { runCli } from '../helpers/cli.js';
import { fakeAccessKeyId } from '../helpers/git-repo.js';

const validate = compileSchema(JSON.parse(readFileSync(join(packageRoot, 'schemas', 'gitlab-secret-detection.schema.json'), 'utf8')) as object);

function assertValid(report: unknown): void {
  assert.ok(validate(report), describeErrors(validate.errors).join('\n'));
}

type Report = { version: string; vulnerabilities: Record<string, unknown>[]; scan: Record<string, unknown> };

function report(findings = sampleFindings(), meta = sampleMeta()): Report {
  return JSON.parse(gitlabReporter(findings, meta)) as Report;
}

describe('gitlab report', () => {
  it('validates against the schema with findings of every shape', () => assertValid(report()));
  it('validates against the schema when nothing was found', () => assertValid(report([])));

  it('declares the schema version, the scan type and its times', () => {
    const r = report();
    assert.equal(r.version, GITLAB_REPORT_VERSION);
    assert.deepEqual(
      { type: r.scan.type, status: r.scan.status, start: r.scan.start_time, end: r.scan.end_time },
      { type: 'secret_detection', status: 'success', start: '2026-01-02T03:04:05', end: '2026-01-02T03:04:05' },
    );
  });

  it('puts the commit of a history finding, and 0000000 for a working-tree one, in the location', () => {
    const [history, tree] = report().vulnerabilities as { location: { commit: { sha: string; author?: string } } }[];
    assert.equal(history?.location.commit.sha, '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c');
    assert.equal(history?.location.commit.author, 'Dev One <dev@example.com>');
    assert.equal(tree?.location.commit.sha, '0000000');
  });

  it('makes ids unique when one secret is found twice in a file', () => {
    const [first] = sampleFindings();
    const twice = [first, { ...first, line: 9 }] as ReturnType<typeof sampleFindings>;
    const ids = report(twice).vulnerabilities.map((v) => v.id);
    assert.equal(new Set(ids).size, 2, String(ids));
    assertValid(report(twice));
  });

  it('never writes a whole secret, nor raw_source_code_extract', () => {
    const text = gitlabReporter(sampleFindings(), sampleMeta());
    for (const secret of SAMPLE_SECRETS) assert.ok(!text.includes(secret), 'secret in clear');
    assert.ok(!text.includes('raw_source_code_extract'));
  });
});

describe('gitlab report schema', () => {
  const base = (): Report => report();
  const cases: { name: string; spoil: (r: Report) => void }[] = [
    { name: 'refuses a location without a commit sha', spoil: (r) => delete ((r.vulnerabilities[0] as { location: { commit: Record<string, unknown> } }).location.commit.sha) },
    { name: 'refuses a vulnerability without identifiers', spoil: (r) => ((r.vulnerabilities[0] as Record<string, unknown>).identifiers = []) },
    { name: 'refuses a severity GitLab does not know', spoil: (r) => ((r.vulnerabilities[0] as Record<string, unknown>).severity = 'high') },
    { name: 'refuses a scan time with a zone', spoil: (r) => (r.scan.start_time = '2026-01-02T03:04:05Z') },
    { name: 'refuses another scan type', spoil: (r) => (r.scan.type = 'sast') },
    { name: 'refuses an unsanitized raw_source_code_extract', spoil: (r) => ((r.vulnerabilities[0] as Record<string, unknown>).raw_source_code_extract = 'x') },
    { name: 'refuses a report without its version', spoil: (r) => delete (r as Partial<Report>).version },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = base();
      c.spoil(r);
      assert.equal(validate(r), false);
    });
  }
});

describe('keyfence scan --format gitlab (CLI)', () => {
  it('writes a valid report of a working-tree finding, sha 0000000, the key masked', (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'keyfence-gitlab-scan-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const keyId = fakeAccessKeyId(77);
    writeFileSync(join(dir, 'app.env'), `AWS_ACCESS_KEY_ID=${keyId}\n`);
    const result = runCli(['scan', '.', '--format', 'gitlab', '--output', 'gl-secret-detection-report.json'], { cwd: dir });
    assert.equal(result.status, 1, result.stderr);
    const text = readFileSync(join(dir, 'gl-secret-detection-report.json'), 'utf8');
    const parsed = JSON.parse(text) as Report;
    assertValid(parsed);
    assert.deepEqual(parsed.vulnerabilities.map((v) => (v as { location: unknown }).location), [{ file: 'app.env', start_line: 1, end_line: 1, commit: { sha: '0000000' } }]);
    assert.ok(!text.includes(keyId));
  });
});
