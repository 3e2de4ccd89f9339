// Every validator in the catalogue against the loopback double: each rule's check must reach its provider's documented
// endpoint the documented way and read every documented answer right. A rule whose check has no double fails here.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RAW, type Finding, type Rule } from '../../src/types.js';
import { validateStep } from '../../src/validate/index.js';
import { createEngine, emptyStats } from '../../src/scan.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { detectFragment } from '../../src/detect/engine.js';
import { exampleText } from '../../src/rules/examples.js';
import { CODE_VALIDATORS } from '../../src/validate/check-spec.js';
import type { StepContext } from '../../src/finding-step.js';
import { PROVIDERS, type ProviderAnswers } from '../helpers/provider-answers.js';
import { startProviderDouble, type Behaviour, type ProviderDouble } from '../helpers/provider-double.js';
import { builtinRuleSet } from '../helpers/rules.js';

// The engine's catalogue leaves the examples out; the rule files have them.
const examplesOf = new Map(builtinRuleSet().loaded.map(({ rule }) => [rule.id, rule.examples]));

/** Code validators are tested against their own doubles. */
const CODE_DOUBLES: Record<string, string> = { 'aws-sts': 'test/helpers/fake-sts.ts (test/validate/aws.test.ts, cli.test.ts)' };

const TENANTS: Record<string, string[]> = { shopify: ['acme.myshopify.com'], atlassian: ['acme.atlassian.net'], okta: ['acme.okta.com'], grafana: ['acme.grafana.net'] };

function context(env: NodeJS.ProcessEnv, timeoutMs: number): StepContext {
  const config = defaultConfig(process.cwd());
  config.validation = { ...config.validation, timeoutMs, concurrency: 16, pacingMs: 0, tenants: TENANTS };
  const engine = createEngine(config);
  return { engine, options: { validate: true }, stats: emptyStats(engine.ruleSet.rules.length), cwd: process.cwd(), env, command: 'scan', notices: [] };
}

interface Case {
  rule: Rule;
  provider: ProviderAnswers;
  finding: Finding;
  /** Where the double knows the live credential, and how it reads it. */
  host: string;
  credential: string;
}

function liveHost(provider: ProviderAnswers, secret: string): string {
  if (provider.tenantSuffix) return `acme${provider.tenantSuffix}`;
  if (typeof provider.liveAt === 'function') return provider.liveAt(secret);
  return provider.liveAt ?? (provider.hosts[0] as string);
}

function buildCase(rule: Rule, provider: ProviderAnswers, ctx: StepContext): Case | string {
  const example = examplesOf.get(rule.id)?.match[0];
  if (!example) return `${rule.id}: no match example`;
  const text = [provider.sample?.() ?? exampleText(example), ...(provider.partner ? [provider.partner.line(provider.partner.value)] : [])].join('\n');
  const finding = detectFragment({ file: example.file ?? 'config.env', text }, ctx.engine.ruleSet, ctx.engine.detectOptions).find((f) => f.ruleId === rule.id);
  if (!finding) return `${rule.id}: its match example gives no finding to check`;
  const secret = finding[RAW].secret;
  return { rule, provider, finding, host: liveHost(provider, secret), credential: (provider.key ?? ((s: string) => s))(secret, provider.partner?.value) };
}

const SCENARIOS: { name: string; behaviour?: Behaviour; verdict?: 'valid' | 'unknown'; reason?: RegExp; timeoutMs?: number }[] = [
  { name: 'a live credential is valid, with the identity the provider documents', behaviour: 'live', verdict: 'valid' },
  { name: 'a dead credential gets the documented refusal: invalid (unknown where the refusal proves nothing)' },
  { name: 'a rate-limited answer (429) is unknown, never invalid', behaviour: 'rate-limited', verdict: 'unknown', reason: /HTTP 429/ },
  { name: 'a server error (503) is unknown', behaviour: 'server-error', verdict: 'unknown', reason: /HTTP 503/ },
  { name: 'a provider that does not answer in time is unknown', behaviour: 'slow', verdict: 'unknown', reason: /timeout/, timeoutMs: 300 },
  { name: 'a huge answer is not read: unknown', behaviour: 'huge', verdict: 'unknown', reason: /too large/ },
  { name: 'a redirect to another host is not followed: unknown', behaviour: 'redirect', verdict: 'unknown', reason: /another host/ },
];

describe('every validator in the catalogue, against the loopback double', () => {
  const probe = context({}, 1000);
  const rules = probe.engine.ruleSet.rules.map((c) => c.rule);
  const checked = rules.filter((r) => typeof r.validate === 'object');
  let double: ProviderDouble;
  before(async () => {
    double = await startProviderDouble();
  });
  after(() => double.close());

  it('covers at least 40 providers', () => {
    assert.ok(new Set(checked.map((r) => r.provider)).size >= 40, `${new Set(checked.map((r) => r.provider)).size} providers`);
  });

  it('has a double for every code validator', () => {
    for (const name of CODE_VALIDATORS) assert.ok(CODE_DOUBLES[name], `no double for the code validator ${name}`);
    for (const r of rules) if (typeof r.validate === 'string') assert.ok(CODE_DOUBLES[r.validate], `${r.id}: no double for ${r.validate}`);
  });

  it('serves every rule that validates with data from exactly one provider of the double', () => {
    const missing = checked.filter((r) => PROVIDERS.filter((p) => p.rules.includes(r.id)).length !== 1).map((r) => r.id);
    assert.deepEqual(missing, [], 'add the provider\'s documented answers to test/helpers/provider-answers.ts');
    const stale = PROVIDERS.flatMap((p) => p.rules).filter((id) => !checked.some((r) => r.id === id));
    assert.deepEqual(stale, [], 'rules in the double that no longer validate');
  });

  it('gives each endpoint one provider entry (the double routes by host, method and path)', () => {
    const endpoints = PROVIDERS.flatMap((p) => (p.tenantSuffix ? [`*${p.tenantSuffix}`] : p.hosts).map((h) => `${p.method} ${h} ${p.path.source}`));
    assert.deepEqual(endpoints.filter((e, i) => endpoints.indexOf(e) !== i), []);
  });

  for (const scenario of SCENARIOS) {
    describe(scenario.name, () => {
      const cases: (Case | string)[] = [];
      let ctx: StepContext;
      before(async () => {
        double.forget();
        ctx = context({ KEYFENCE_VALIDATE_ENDPOINT_OVERRIDE: double.base }, scenario.timeoutMs ?? 5000);
        for (const rule of checked) {
          const provider = PROVIDERS.find((p) => p.rules.includes(rule.id));
          if (provider) cases.push(buildCase(rule, provider, ctx));
        }
        for (const c of cases) if (typeof c !== 'string' && scenario.behaviour) double.know(c.host, c.credential, scenario.behaviour);
        await validateStep(cases.flatMap((c) => (typeof c === 'string' ? [] : [c.finding])), ctx);
      });

      for (const rule of checked) {
        it(rule.id, () => {
          const c = cases.find((x) => (typeof x === 'string' ? x.startsWith(`${rule.id}:`) : x.rule.id === rule.id));
          assert.ok(c, `${rule.id}: no provider in the double`);
          if (typeof c === 'string') assert.fail(c);
          const verdict = c.finding.validation;
          const expected = scenario.verdict ?? c.provider.deadVerdict ?? 'invalid';
          assert.equal(verdict?.status, expected, `${rule.id}: ${JSON.stringify(verdict)}`);
          assert.equal(verdict?.provider, rule.provider);
          if (scenario.reason) assert.match(verdict?.reason ?? '', scenario.reason);
          if (expected === 'valid') {
            assert.equal(verdict?.host, c.host);
            for (const [label, value] of Object.entries(c.provider.identity ?? {})) assert.equal(verdict?.identity?.[label], value, `${rule.id}: identity ${label}`);
          }
          const shown = JSON.stringify(verdict) + ctx.notices.join('\n');
          for (const secret of [c.finding[RAW].secret, c.credential]) assert.ok(!shown.includes(secret), `${rule.id}: the verdict or a notice holds the secret`);
        });
      }
    });
  }

  it('never sent a request that no provider documents (endpoint, method, shape)', () => {
    assert.deepEqual(double.problems, []);
  });
});
