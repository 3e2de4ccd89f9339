// The bundled action run as a runner would: a checkout, an event payload, INPUT_*, GITHUB_OUTPUT/STEP_SUMMARY,
// `node dist/index.js` from a copy of the action without node_modules or build/ — under Node 20 and Node 24.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../../src/paths.js';
import { assertGithubSubset, sarifSchemaErrors } from '../report/sarif-check.js';
import { copyAction, runAction, type RunResult } from './harness.js';
import { findNode24 } from './node24.js';
import { buildScenario, checkout, git, type Scenario } from './repo.js';

function annotatedFiles(stdout: string): string[] {
  return [...stdout.matchAll(/^::error file=([^,]+),line=\d+/gm)].map((m) => m[1] as string).sort();
}

function sarifFiles(doc: unknown): string[] {
  const runs = (doc as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs;
  return runs.flatMap((r) => r.results.map((x) => x.locations[0]?.physicalLocation.artifactLocation.uri ?? '')).sort();
}

function assertNoSecrets(result: RunResult, secrets: string[]): void {
  const everything = result.stdout + result.stderr + result.summary + (result.sarif?.text ?? '') + JSON.stringify(result.outputs);
  for (const secret of secrets) assert.ok(!everything.includes(secret), 'a secret was printed whole');
}

function prPayload(s: Scenario, base = s.sha.base, head = s.sha.head): object {
  return {
    action: 'synchronize',
    number: 7,
    pull_request: { number: 7, commits: s.prCommits, base: { sha: base, ref: 'main', repo: { full_name: 'octo/demo' } }, head: { sha: head, ref: 'feature', repo: { full_name: 'octo/demo' } } },
    repository: { full_name: 'octo/demo', default_branch: 'main' },
  };
}

/** The keyfence step's inputs in the README's workflow (examples/workflows/keyfence-pr.yml, checked equal). */
function exampleInputs(): Record<string, string> {
  const workflow = parse(readFileSync(join(packageRoot, 'examples', 'workflows', 'keyfence-pr.yml'), 'utf8')) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> };
  const step = Object.values(workflow.jobs).flatMap((job) => job.steps).find((s) => s.uses?.includes('/keyfence@'));
  return Object.fromEntries(Object.entries(step?.with ?? {}).map(([name, value]) => [name, String(value)]));
}

const node24 = findNode24();
const NODES: { name: string; path?: string; skip?: string }[] = [
  { name: `Node ${process.versions.node}`, path: process.execPath },
  'path' in node24 ? { name: 'Node 24', path: node24.path } : { name: 'Node 24', skip: node24.missing },
];

for (const node of NODES) {
  describe(`action e2e on ${node.name}`, () => {
    if (!node.path) {
      // Offline developer machines may lack Node 24; CI must have it.
      it('runs the action under Node 24', { skip: process.env.CI ? false : node.skip }, () => assert.fail(node.skip));
      return;
    }
    const nodePath = node.path;
    let s: Scenario;
    let actionDir: string;
    before(() => {
      s = buildScenario();
      actionDir = copyAction(s.root);
    });
    after(() => s.cleanup());
    const all = (): string[] => Object.values(s.keys);

    it('annotates, summarises and reports the PR commits of a depth-1 checkout (key added then removed, merged-in keys)', () => {
      const workspace = checkout(s, 'pr', 'main', 1);
      const result = runAction(nodePath, actionDir, workspace, 'pull_request', prPayload(s), exampleInputs());
      assert.equal(result.status, 1, result.stdout + result.stderr);
      const want = ['app/config.js', 'app/merged.env', 'side/creds.env'];
      assert.deepEqual(annotatedFiles(result.stdout), want);
      assert.match(result.stdout, /^::error title=keyfence::3 secrets found in pull request #7/m);
      assert.deepEqual(result.outputs, { findings: '3', sarif: 'keyfence.sarif' });
      assert.match(result.summary, /## keyfence: 3 secrets found/);
      assert.match(result.summary, /\| `aws-access-key-id` high \| `app\/config\.js:1`/);
      assert.ok(result.sarif);
      assert.deepEqual(sarifSchemaErrors(result.sarif.doc), []);
      assertGithubSubset(result.sarif.doc, all());
      assert.deepEqual(sarifFiles(result.sarif.doc), want);
      assertNoSecrets(result, all());
    });

    it('prints the same annotations as `keyfence history --format github` on the CLI', () => {
      const workspace = checkout(s, 'pr-cli', 'main', 1);
      const result = runAction(nodePath, actionDir, workspace, 'pull_request', prPayload(s));
      const cli = spawnSync(nodePath, [join(packageRoot, 'bin', 'keyfence.js'), 'history', '--range', `${s.sha.base}..${s.sha.head}`, '--format', 'github'], { cwd: workspace, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
      assert.equal(cli.status, 1, cli.stderr);
      const annotations = (text: string): string[] => text.split('\n').filter((l) => /^::(error|warning|notice) file=/.test(l));
      assert.equal(annotations(result.stdout).length, 3);
      assert.deepEqual(annotations(cli.stdout), annotations(result.stdout));
    });

    it('passes a clean pull request and still writes an empty SARIF', () => {
      const workspace = checkout(s, 'pr-clean', 'main', 1);
      const result = runAction(nodePath, actionDir, workspace, 'pull_request', prPayload(s, s.sha.merge, s.sha.head));
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.deepEqual(result.outputs, { findings: '0', sarif: 'keyfence.sarif' });
      assert.ok(!/^::error/m.test(result.stdout));
      assert.match(result.summary, /no secrets found/);
      assert.deepEqual(sarifSchemaErrors(result.sarif?.doc), []);
    });

    it('caps annotations and counts the rest in a notice', () => {
      const workspace = checkout(s, 'pr-cap', 'main', 1);
      const result = runAction(nodePath, actionDir, workspace, 'pull_request', prPayload(s), { annotations: '1' });
      assert.equal(annotatedFiles(result.stdout).length, 1);
      assert.match(result.stdout, /^::notice title=keyfence::2 more findings not annotated \(3 in all\)/m);
    });

    it('scans only the new commits of a push that creates a branch (zero before)', () => {
      const workspace = checkout(s, 'push-new', 'feature');
      const result = runAction(nodePath, actionDir, workspace, 'push', { before: '0'.repeat(40), after: s.sha.head, ref: 'refs/heads/feature', repository: { default_branch: 'main' } });
      assert.equal(result.status, 1, result.stdout + result.stderr);
      // side's key already sits on another remote branch.
      assert.deepEqual(annotatedFiles(result.stdout), ['app/config.js', 'app/merged.env']);
    });

    it('scans before..after of a push from a depth-1 checkout, fetching what it needs', () => {
      const workspace = checkout(s, 'push-shallow', 'feature', 1);
      const result = runAction(nodePath, actionDir, workspace, 'push', { before: s.sha.removed, after: s.sha.head, ref: 'refs/heads/feature', repository: { default_branch: 'main' } });
      assert.equal(result.status, 1, result.stdout + result.stderr);
      assert.deepEqual(annotatedFiles(result.stdout), ['app/merged.env', 'side/creds.env']);
    });

    it('two successive pushes: the second SARIF keeps every alert of the first open (latest analysis per branch and category wins) and sets no category of its own', () => {
      const fingerprints = (result: RunResult): string[] => {
        const run = (result.sarif?.doc as { runs: { automationDetails?: unknown; results: { partialFingerprints: Record<string, string> }[] }[] }).runs[0]!;
        assert.equal(run.automationDetails, undefined, 'upload-sarif\'s category input decides');
        return run.results.map((r) => r.partialFingerprints['keyfence/v1'] as string).sort();
      };
      const push = (name: string, before: string, after: string): RunResult =>
        runAction(nodePath, actionDir, checkout(s, name, 'feature', 1), 'push', { before, after, ref: 'refs/heads/feature', repository: { default_branch: 'main' } });
      const first = push('push-first', s.sha.forkPoint, s.sha.removed);
      const second = push('push-second', s.sha.removed, s.sha.head);
      assert.deepEqual(annotatedFiles(first.stdout), ['app/config.js']);
      assert.deepEqual(annotatedFiles(second.stdout), ['app/merged.env', 'side/creds.env'], 'annotations: the pushed commits only');
      const open = fingerprints(second);
      for (const fingerprint of fingerprints(first)) assert.ok(open.includes(fingerprint), `alert ${fingerprint.slice(0, 12)} of the first push stays open`);
      assert.deepEqual(sarifFiles(second.sarif?.doc), ['app/config.js', 'app/merged.env', 'old.env', 'side/creds.env']);
      assert.deepEqual(sarifSchemaErrors(second.sarif?.doc), []);
      assertNoSecrets(second, all());
    });

    it('scans a new branch pushed to a depth-1 checkout from its merge base with the default branch', () => {
      const workspace = checkout(s, 'push-new-shallow', 'feature', 1);
      const result = runAction(nodePath, actionDir, workspace, 'push', { before: '0'.repeat(40), after: s.sha.head, ref: 'refs/heads/feature', repository: { default_branch: 'main' } });
      assert.equal(result.status, 1, result.stdout + result.stderr);
      assert.deepEqual(annotatedFiles(result.stdout), ['app/config.js', 'app/merged.env', 'side/creds.env']);
    });

    it('scans from the divergence point after a force-push and warns', () => {
      const workspace = checkout(s, 'push-force', 'feature');
      const result = runAction(nodePath, actionDir, workspace, 'push', { before: s.sha.head, after: s.sha.removed, forced: true, ref: 'refs/heads/feature', repository: { default_branch: 'main' } });
      assert.match(result.stdout, /^::warning title=keyfence::force-push: /m);
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.deepEqual(result.outputs.findings, '0');
    });

    it('sweeps all history on a schedule, unshallowing first', () => {
      const workspace = checkout(s, 'schedule', 'main', 1);
      const result = runAction(nodePath, actionDir, workspace, 'schedule', { schedule: '0 3 * * *' });
      assert.equal(result.status, 1, result.stdout + result.stderr);
      assert.deepEqual(annotatedFiles(result.stdout), ['app/config.js', 'app/merged.env', 'later.env', 'old.env', 'side/creds.env']);
    });

    it('stops with a message naming fetch-depth: 0 when the shallow checkout cannot fetch the PR', () => {
      const workspace = checkout(s, 'pr-offline', 'main', 1);
      git(workspace, 'remote', 'set-url', 'origin', `${s.originUrl}-missing`);
      const result = runAction(nodePath, actionDir, workspace, 'pull_request', prPayload(s));
      assert.equal(result.status, 3, result.stdout + result.stderr);
      assert.match(result.stdout, /^::error title=keyfence::.*fetch-depth: 0/m);
    });
  });
}
