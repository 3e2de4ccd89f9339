// Example workflows: valid YAML, only real inputs of our action, the permissions and steps the docs promise, and
// the docs show them verbatim.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../../src/paths.js';

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on?: unknown;
  permissions?: Record<string, string>;
  jobs: Record<string, { steps?: Step[] }>;
}

const dir = join(packageRoot, 'examples', 'workflows');
const files = readdirSync(dir).filter((f) => f.endsWith('.yml')).sort();
const inputs = Object.keys((parse(readFileSync(join(packageRoot, 'action.yml'), 'utf8')) as { inputs: object }).inputs);
const docs = readFileSync(join(packageRoot, 'docs', 'action.md'), 'utf8');

function steps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
}

describe('examples/workflows', () => {
  it('has the PR, scheduled and org-wide examples', () => assert.deepEqual(files, ['keyfence-org-sweep.yml', 'keyfence-pr.yml', 'keyfence-sweep.yml']));

  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    const workflow = parse(text) as Workflow;
    it(`${file} uses keyfence with known inputs only`, () => {
      const ours = steps(workflow).filter((s) => s.uses?.includes('/keyfence@'));
      assert.ok(ours.length >= 1);
      for (const step of ours) for (const key of Object.keys(step.with ?? {})) assert.ok(inputs.includes(key), `${file}: unknown input ${key}`);
    });
    it(`${file} is shown verbatim in docs/action.md`, () => assert.ok(docs.includes(text), `docs/action.md does not contain ${file}`));
  }

  it('the PR example has the permissions and upload step code scanning needs', () => {
    const workflow = parse(readFileSync(join(dir, 'keyfence-pr.yml'), 'utf8')) as Workflow;
    assert.deepEqual(workflow.permissions, { contents: 'read', 'security-events': 'write' });
    const all = steps(workflow);
    assert.ok(all.some((s) => s.uses === 'github/codeql-action/upload-sarif@v4'));
    assert.ok(all.some((s) => s.uses?.startsWith('actions/checkout@') && s.with?.['fetch-depth'] !== undefined));
  });

  it('the README\'s workflow is the PR example (what the action e2e test runs with)', () => {
    const readme = /## GitHub Action\n[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readFileSync(join(packageRoot, 'README.md'), 'utf8'))?.[1];
    assert.ok(readme, 'README.md has a workflow under "GitHub Action"');
    assert.deepEqual(parse(readme), parse(readFileSync(join(dir, 'keyfence-pr.yml'), 'utf8')));
  });

  it('the org sweep fans out as a matrix over repositories', () => {
    const workflow = parse(readFileSync(join(dir, 'keyfence-org-sweep.yml'), 'utf8')) as { jobs: { scan: { strategy: { matrix: { repo: string } } } } };
    assert.match(workflow.jobs.scan.strategy.matrix.repo, /fromJSON/);
  });
});
