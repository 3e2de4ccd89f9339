// The GitLab CI template's own script, run as a GitLab runner would: in a fresh clone of a bare "GitLab" repository,
// with the predefined variables of each kind of pipeline set. Checks the range it picks, the findings and the report.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../../src/paths.js';
import { compileSchema, describeErrors } from '../../src/schema.js';
import { BIN, fakeAccessKeyId, makeRepo, type Repo } from '../helpers/git-repo.js';

const ZERO = '0'.repeat(40);

interface Job {
  variables: Record<string, string>;
  script: string[];
  artifacts: { when: string; reports: { secret_detection: string } };
}

const template = parse(readFileSync(join(packageRoot, 'examples', 'gitlab', 'keyfence.gitlab-ci.yml'), 'utf8')) as { keyfence: Job };
const job = template.keyfence;
const validate = compileSchema(JSON.parse(readFileSync(join(packageRoot, 'schemas', 'gitlab-secret-detection.schema.json'), 'utf8')) as object);

interface Vulnerability {
  location: { file: string; commit: { sha: string } };
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The findings of the report, as "file@commit". */
  found: string[];
}

// Secrets made at run time, one per place, so each finding says which commit it came from.
const SECRETS = { old: fakeAccessKeyId(101), feature: fakeAccessKeyId(202), target: fakeAccessKeyId(303), rewritten: fakeAccessKeyId(404), forced: fakeAccessKeyId(505) };
const envLine = (secret: string): string => `AWS_ACCESS_KEY_ID=${secret}\n`;

describe('examples/gitlab/keyfence.gitlab-ci.yml', () => {
  let dev: Repo;
  let origin: string;
  const work: string[] = [];
  const sha: Record<string, string> = {};

  before(() => {
    dev = makeRepo();
    origin = mkdtempSync(join(tmpdir(), 'keyfence-gitlab-origin-'));
    spawnSync('git', ['init', '-q', '--bare', '-b', 'main', origin]);
    dev.git('remote', 'add', 'origin', origin);
    sha.c0 = dev.commit('readme', { 'README.md': '# demo\n' });
    sha.c1 = dev.commit('old config', { 'old.env': envLine(SECRETS.old) });
    dev.git('checkout', '-q', '-b', 'feature');
    sha.f1 = dev.commit('feature config', { 'feature.env': envLine(SECRETS.feature) });
    sha.f2 = dev.commit('feature docs', { 'docs.md': 'how to use it\n' });
    dev.git('checkout', '-q', '-b', 'clean', sha.c1);
    sha.k1 = dev.commit('clean change', { 'notes.md': 'nothing secret\n' });
    dev.git('checkout', '-q', 'main');
    sha.m2 = dev.commit('target moves on', { 'target.env': envLine(SECRETS.target) });
    // The merged-results commit GitLab builds: the source merged into the target's head.
    dev.git('checkout', '-q', '-b', 'merged', sha.m2);
    dev.git('merge', '-q', '--no-ff', '--no-edit', 'feature');
    sha.merged = dev.git('rev-parse', 'HEAD').trim();
    dev.git('checkout', '-q', 'main');
    dev.git('push', '-q', 'origin', 'main', 'feature', 'clean', `${sha.f2}:refs/merge-requests/1/head`, `${sha.merged}:refs/merge-requests/1/merge`, `${sha.k1}:refs/merge-requests/2/head`);
    // A branch pushed, then rewritten and force-pushed: its old tip is gone from every clone.
    dev.git('checkout', '-q', '-b', 'hotfix', sha.m2);
    sha.h1 = dev.commit('hotfix, first try', { 'hotfix.env': envLine(SECRETS.rewritten) });
    dev.git('push', '-q', 'origin', 'hotfix');
    dev.git('reset', '-q', '--hard', sha.m2);
    sha.h2 = dev.commit('hotfix, second try', { 'hotfix.env': envLine(SECRETS.forced) });
    dev.git('push', '-q', '-f', 'origin', 'hotfix');
    dev.git('checkout', '-q', 'main');
  });

  after(() => {
    dev.remove();
    rmSync(origin, { recursive: true, force: true });
    for (const dir of work) rmSync(dir, { recursive: true, force: true });
  });

  /** A runner's checkout: a full clone (GIT_DEPTH 0), merge request refs fetched in merge request pipelines, the
   *  commit checked out detached; then the job's script with the template's variables and the pipeline's. */
  function runJob(commit: string, variables: Record<string, string>): Run {
    const dir = mkdtempSync(join(tmpdir(), 'keyfence-gitlab-job-'));
    work.push(dir);
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1' };
    const git = (...args: string[]): void => {
      const result = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
      assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
    };
    // Over a transport, as a runner clones: a local-path clone would copy unreachable objects too.
    git('clone', '-q', `file://${origin}`, '.');
    if (variables.CI_MERGE_REQUEST_IID) git('fetch', '-q', 'origin', `+refs/merge-requests/${variables.CI_MERGE_REQUEST_IID}/*:refs/merge-requests/${variables.CI_MERGE_REQUEST_IID}/*`);
    git('checkout', '-q', '--detach', commit);
    const jobEnv = { ...env, ...job.variables, KF_COMMAND: `${process.execPath} ${BIN}`, CI: 'true', GITLAB_CI: 'true', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_SHA: commit, ...variables };
    const result = spawnSync('sh', ['-e', '-c', job.script.join('\n')], { cwd: dir, env: jobEnv, encoding: 'utf8', timeout: 120_000 });
    const reportPath = join(dir, job.artifacts.reports.secret_detection);
    assert.ok(existsSync(reportPath), `no report: ${result.stdout}\n${result.stderr}`);
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as { vulnerabilities: Vulnerability[] };
    assert.ok(validate(report), describeErrors(validate.errors).join('\n'));
    const found = report.vulnerabilities.map((v) => `${v.location.file}@${v.location.commit.sha}`).sort();
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, found };
  }

  const mergeRequest = (iid: string, extra: Record<string, string> = {}): Record<string, string> => ({
    CI_PIPELINE_SOURCE: 'merge_request_event',
    CI_MERGE_REQUEST_IID: iid,
    CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
    CI_COMMIT_BEFORE_SHA: ZERO,
    CI_COMMIT_REF_NAME: 'feature',
    ...extra,
  });

  const cases: { name: string; commit: () => string; variables: () => Record<string, string>; range: () => string; found: () => string[]; status: number }[] = [
    {
      name: "a merge request pipeline scans the merge request's commits from its diff base",
      commit: () => sha.f2 as string,
      variables: () => mergeRequest('1', { CI_MERGE_REQUEST_DIFF_BASE_SHA: sha.c1 as string, CI_MERGE_REQUEST_EVENT_TYPE: 'detached' }),
      range: () => `--range ${sha.c1}..${sha.f2}`,
      found: () => [`feature.env@${sha.f1}`],
      status: 1,
    },
    {
      name: "a merged-results pipeline scans the source's commits and the merge, not the target's newer commits",
      commit: () => sha.merged as string,
      variables: () => mergeRequest('1', { CI_MERGE_REQUEST_DIFF_BASE_SHA: sha.c1 as string, CI_MERGE_REQUEST_EVENT_TYPE: 'merged_result', CI_MERGE_REQUEST_TARGET_BRANCH_SHA: sha.m2 as string, CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: sha.f2 as string }),
      range: () => `--range ${sha.m2}..${sha.merged}`,
      found: () => [`feature.env@${sha.f1}`],
      status: 1,
    },
    {
      name: 'a merge request whose diff base is not in the clone falls back to its target branch',
      commit: () => sha.f2 as string,
      variables: () => mergeRequest('1', { CI_MERGE_REQUEST_DIFF_BASE_SHA: 'f'.repeat(40) }),
      range: () => `--range refs/remotes/origin/main..${sha.f2}`,
      found: () => [`feature.env@${sha.f1}`],
      status: 1,
    },
    {
      name: 'a clean merge request passes with an empty, valid report',
      commit: () => sha.k1 as string,
      variables: () => mergeRequest('2', { CI_MERGE_REQUEST_DIFF_BASE_SHA: sha.c1 as string, CI_COMMIT_REF_NAME: 'clean' }),
      range: () => `--range ${sha.c1}..${sha.k1}`,
      found: () => [],
      status: 0,
    },
    {
      name: 'a push scans what it brought since the previous tip',
      commit: () => sha.m2 as string,
      variables: () => ({ CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main', CI_COMMIT_BEFORE_SHA: sha.c1 as string }),
      range: () => `--range ${sha.c1}..${sha.m2}`,
      found: () => [`target.env@${sha.m2}`],
      status: 1,
    },
    {
      name: "a new branch's first push scans its commits not on the default branch",
      commit: () => sha.f2 as string,
      variables: () => ({ CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'feature', CI_COMMIT_BEFORE_SHA: ZERO }),
      range: () => `--range refs/remotes/origin/main..${sha.f2}`,
      found: () => [`feature.env@${sha.f1}`],
      status: 1,
    },
    {
      name: 'a force push whose old tip is gone scans the branch against the default branch',
      commit: () => sha.h2 as string,
      variables: () => ({ CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'hotfix', CI_COMMIT_BEFORE_SHA: sha.h1 as string }),
      range: () => `--range refs/remotes/origin/main..${sha.h2}`,
      found: () => [`hotfix.env@${sha.h2}`],
      status: 1,
    },
    {
      name: "the default branch's first pipeline sweeps every commit of HEAD",
      commit: () => sha.m2 as string,
      variables: () => ({ CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main', CI_COMMIT_BEFORE_SHA: ZERO }),
      range: () => '',
      found: () => [`old.env@${sha.c1}`, `target.env@${sha.m2}`],
      status: 1,
    },
    {
      name: 'a scheduled pipeline with KF_FULL_SWEEP sweeps every branch',
      commit: () => sha.m2 as string,
      variables: () => ({ CI_PIPELINE_SOURCE: 'schedule', CI_COMMIT_BRANCH: 'main', CI_COMMIT_BEFORE_SHA: ZERO, KF_FULL_SWEEP: 'true' }),
      range: () => '--all',
      found: () => [`feature.env@${sha.f1}`, `hotfix.env@${sha.h2}`, `old.env@${sha.c1}`, `target.env@${sha.m2}`],
      status: 1,
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const run = runJob(c.commit(), c.variables());
      assert.equal(run.status, c.status, `${run.stdout}\n${run.stderr}`);
      assert.ok(run.stdout.startsWith(`keyfence history ${c.range()}\n`), run.stdout);
      assert.deepEqual(run.found, c.found().sort());
      // The job log shows the findings, masked; no whole secret anywhere in it.
      if (c.status === 1) assert.match(run.stdout, /AKIA…\(20\)/);
      for (const secret of Object.values(SECRETS)) assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), 'secret in the job log');
    });
  }

  it('uploads the report even when the job fails', () => {
    assert.equal(job.artifacts.when, 'always');
    assert.equal(job.artifacts.reports.secret_detection, 'gl-secret-detection-report.json');
  });
});

describe('docs/gitlab.md', () => {
  it('shows the template verbatim', () => {
    const docs = readFileSync(join(packageRoot, 'docs', 'gitlab.md'), 'utf8');
    assert.ok(docs.includes(readFileSync(join(packageRoot, 'examples', 'gitlab', 'keyfence.gitlab-ci.yml'), 'utf8')));
  });
});
