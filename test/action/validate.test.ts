// validate: true in the bundled action: the lazy STS signer loads from dist/, verdicts reach the summary and SARIF,
// fail-on applies, and a pull request from a fork sends nothing. A loopback fake STS stands in for AWS.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyId, generateSecret, startFakeSts, type FakePair, type FakeSts } from '../helpers/fake-sts.js';
import { copyAction, runActionAsync } from './harness.js';
import { findNode24 } from './node24.js';
import { git } from './repo.js';

const live: FakePair = { keyId: generateKeyId(), secret: generateSecret(), arn: 'arn:aws:iam::210987654321:user/ci', account: '210987654321', userId: 'AIDA' + 'Q3EGRIUBZFZ6PJ5GX' };

const node24 = findNode24();
const NODES = [process.execPath, ...('path' in node24 && node24.path !== process.execPath ? [node24.path] : [])];

describe('action validate', () => {
  let sts: FakeSts;
  let root: string;
  let workspace: string;
  let actionDir: string;
  let head: string;
  let base: string;

  before(async () => {
    sts = await startFakeSts({ pairs: [live] });
    root = mkdtempSync(join(tmpdir(), 'keyfence-action-validate-'));
    workspace = join(root, 'work');
    mkdirSync(workspace);
    git(workspace, 'init', '-q', '-b', 'main');
    git(workspace, 'config', 'user.name', 'Test User');
    git(workspace, 'config', 'user.email', 'test@example.com');
    writeFileSync(join(workspace, 'README.md'), '# demo\n');
    git(workspace, 'add', '-A');
    git(workspace, 'commit', '-q', '-m', 'readme');
    base = git(workspace, 'rev-parse', 'HEAD');
    writeFileSync(join(workspace, 'deploy.env'), `AWS_ACCESS_KEY_ID=${live.keyId}\nAWS_SECRET_ACCESS_KEY=${live.secret}\n`);
    git(workspace, 'add', '-A');
    git(workspace, 'commit', '-q', '-m', 'deploy credentials');
    head = git(workspace, 'rev-parse', 'HEAD');
    actionDir = copyAction(root);
  });
  after(async () => {
    await sts.close();
    rmSync(root, { recursive: true, force: true });
  });

  for (const node of NODES) {
    it(`checks the pair with STS and fails on a valid key (${node === process.execPath ? `Node ${process.versions.node}` : 'Node 24'})`, async () => {
      const sentBefore = sts.requests.length;
      const result = await runActionAsync(node, actionDir, workspace, 'schedule', {}, { validate: 'true', 'fail-on': 'valid' }, { AWS_ENDPOINT_URL_STS: sts.url });
      assert.equal(result.status, 1, result.stdout + result.stderr);
      assert.equal(sts.requests.length - sentBefore, 1);
      assert.deepEqual(sts.protocolErrors, []);
      assert.match(result.summary, /\| valid /);
      const results = (result.sarif?.doc as { runs: { results: { properties?: { validation?: { status: string } } }[] }[] }).runs[0]?.results ?? [];
      assert.ok(results.some((r) => r.properties?.validation?.status === 'valid'));
      for (const secret of [live.keyId, live.secret]) assert.ok(!(result.stdout + result.stderr + result.summary + (result.sarif?.text ?? '')).includes(secret));
    });
  }

  it('sends nothing to STS for a pull request from a fork', async () => {
    const sentBefore = sts.requests.length;
    const payload = { pull_request: { number: 3, base: { sha: base, repo: { full_name: 'octo/demo' } }, head: { sha: head, repo: { full_name: 'someone/demo' } } } };
    const result = await runActionAsync(process.execPath, actionDir, workspace, 'pull_request_target', payload, { validate: 'true' }, { AWS_ENDPOINT_URL_STS: sts.url });
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.equal(sts.requests.length, sentBefore);
    assert.match(result.stdout, /validate: off for a pull request from a fork/);
  });
});
