// The baseline step on its own: ignore file, baseline matching, stats, and the baseline file never reported.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { baselineStep } from '../../src/cli/baseline-step.js';
import { createEngine, emptyStats } from '../../src/scan.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { detectFragment } from '../../src/detect/engine.js';
import { newBaseline, SecretHasher } from '../../src/allow/baseline.js';
import { writeBaseline } from '../../src/allow/load.js';
import type { StepContext } from '../../src/cli/steps.js';
import { builtinRuleSet } from '../helpers/rules.js';
import { fakeKeyId, writeFile } from '../helpers/baseline-repo.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const { ruleSet } = builtinRuleSet();

function repo(): string {
  const dir = makeTempDir('keyfence-step-');
  mkdirSync(join(dir, '.git'));
  return dir;
}

function contextFor(dir: string, command = 'scan'): StepContext {
  const engine = createEngine(defaultConfig(dir));
  return { engine, options: {}, stats: emptyStats(1), cwd: dir, env: {}, command, notices: [] };
}

describe('baselineStep', () => {
  it('passes findings through when there is neither baseline nor ignore file', async () => {
    const dir = repo();
    const findings = detectFragment({ file: 'a.env', text: `AWS_ACCESS_KEY_ID=${fakeKeyId()}` }, ruleSet);
    const context = contextFor(dir);
    assert.equal((await baselineStep(findings, context)).length, 1);
    assert.equal(context.stats.baseline, undefined);
  });

  it('never reports a finding inside the baseline file itself, and counts it', async () => {
    const dir = repo();
    const kdf = { ...newBaseline().kdf, N: 1024 };
    writeBaseline(join(dir, '.keyfence-baseline.json'), { version: 1, kdf, entries: [] });
    const inBaseline = detectFragment({ file: '.keyfence-baseline.json', text: `x = ${fakeKeyId()}` }, ruleSet);
    const elsewhere = detectFragment({ file: 'a.env', text: `x = ${fakeKeyId()}` }, ruleSet);
    const context = contextFor(dir);
    const kept = await baselineStep([...inBaseline, ...elsewhere], context);
    assert.deepEqual(kept.map((f) => f.file), ['a.env']);
    assert.equal(context.stats.skipped['baseline-file'], 1);
  });

  it('suppresses baselined findings and reports stale entries, except for staged', async () => {
    const dir = repo();
    const kdf = { ...newBaseline().kdf, N: 1024 };
    const known = detectFragment({ file: 'a.env', text: `x = ${fakeKeyId()}` }, ruleSet);
    const gone = detectFragment({ file: 'b.env', text: `x = ${fakeKeyId()}` }, ruleSet);
    const hasher = new SecretHasher(kdf);
    writeBaseline(join(dir, '.keyfence-baseline.json'), { version: 1, kdf, entries: await Promise.all([...known, ...gone].map((f) => hasher.entryFor(f))) });
    const fresh = detectFragment({ file: 'c.env', text: `x = ${fakeKeyId()}` }, ruleSet);
    for (const [command, stale] of [['scan', 1], ['staged', undefined]] as const) {
      const context = contextFor(dir, command);
      const kept = await baselineStep([...known, ...fresh], context);
      assert.deepEqual(kept.map((f) => f.file), ['c.env']);
      assert.deepEqual(context.stats.baseline, { file: '.keyfence-baseline.json', entries: 2, suppressed: 1, ...(stale === undefined ? {} : { stale }) });
    }
  });

  it('drops findings whose fingerprint is in .keyfence-ignore and counts them', async () => {
    const dir = repo();
    const [finding] = detectFragment({ file: 'a.env', text: `x = ${fakeKeyId()}` }, ruleSet);
    assert.ok(finding);
    writeFile(dir, '.keyfence-ignore', `${finding.fingerprint} # fixture\n`);
    const context = contextFor(dir);
    assert.deepEqual(await baselineStep([finding], context), []);
    assert.equal(context.stats.skipped.ignored, 1);
  });
});
