// The `named` rule field: the contexts its standard regex reads and the ones it refuses; case and exclusivity.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Rule } from '../../src/types.js';
import { RAW } from '../../src/types.js';
import { compileRule, expandRule, namedRegex } from '../../src/rules/compile.js';
import { buildRuleSet, detectFragment } from '../../src/detect/engine.js';
import { checkRuleFile } from '../../src/rules/load.js';

// Joined at run time, so no realistic value sits in this file.
const VALUE = ['0f1e2d3c', '4b5a6978', '8796a5b4'].join('');
const named = { names: 'acmecloud|(?<![a-z0-9])acm', value: '[0-9a-f]{24}' };

function secretIn(text: string): string | undefined {
  return new RegExp(namedRegex(named), 'i').exec(text)?.[1];
}

describe('rules/compile: named values', () => {
  const found = [
    { name: 'reads an environment assignment', text: `ACMECLOUD_API_KEY=${VALUE}` },
    { name: 'reads a quoted code literal', text: `const acmecloudToken = "${VALUE}";` },
    { name: 'reads a JSON member', text: `{ "acmecloud_secret": "${VALUE}" }` },
    { name: 'reads a YAML parent key that names the provider', text: `acmecloud:\n  api_key: ${VALUE}` },
    { name: 'reads an XML element', text: `<acmecloudKey>\n    ${VALUE}\n</acmecloudKey>` },
    { name: 'reads a Terraform variable default', text: `variable "acmecloud_token" {\n  type      = string\n  sensitive = true\n  default   = "${VALUE}"\n}` },
    { name: 'reads a Java system property', text: `System.setProperty("ACMECLOUD_KEY", "${VALUE}")` },
    { name: 'reads make and PHP operators', text: `ACMECLOUD_TOKEN ?= ${VALUE}\n$acmecloudKey .= "${VALUE}"` },
    { name: 'reads a typed Go or TypeScript declaration', text: `var acmecloudToken string = "${VALUE}"` },
    { name: 'reads a log line in prose', text: `INFO using acmecloud access key ${VALUE} for upload` },
    { name: 'reads a command-line flag', text: `deploy --acmecloud-token ${VALUE} --region eu` },
    { name: 'reads a .NET appSettings key and value attribute pair', text: `<add key="AcmecloudToken" value="${VALUE}" />` },
    { name: 'reads a value attribute of an element that names the provider', text: `<AcmecloudApiKey value="${VALUE}"/>` },
    { name: 'reads a short name only at a word start', text: `ACM_SECRET=${VALUE}` },
  ];
  for (const { name, text } of found) it(name, () => assert.equal(secretIn(text), VALUE));

  const refused = [
    { name: 'refuses a name without a credential word', text: `acmecloud_region=${VALUE}` },
    { name: 'refuses a value one character too long', text: `ACMECLOUD_KEY=${VALUE}a` },
    { name: 'refuses a value one character short', text: `ACMECLOUD_KEY=${VALUE.slice(1)}` },
    { name: 'refuses a short name inside a longer word', text: `PACM_SECRET=${VALUE}` },
    { name: 'refuses a value on the line after a comma', text: `"acmecloud.secret",\n  ${VALUE}` },
    { name: 'refuses an XML attribute other than value', text: `<add key="AcmecloudToken" label="${VALUE}" />` },
    { name: 'refuses a value far from its name', text: `acmecloud_key is documented in the wiki, see ${VALUE}` },
  ];
  for (const { name, text } of refused) it(name, () => assert.equal(secretIn(text), undefined));
});

describe('rules/compile: expandRule', () => {
  const base: Rule = {
    id: 'acme-api-key',
    provider: 'acme',
    description: 'Acme key',
    severity: 'high',
    keywords: ['acmecloud'],
    named,
    examples: { match: [], noMatch: [] },
  } as unknown as Rule;

  it('gives a named rule its regex, the i flag and the value as secretRegex', () => {
    const rule = expandRule(base);
    assert.equal(rule.regex, namedRegex(named));
    assert.equal(rule.flags, 'i');
    assert.equal(rule.secretRegex, named.value);
  });

  it('keeps a secretRegex and flags of its own', () => {
    const rule = expandRule({ ...base, secretRegex: '[0-9a-f]{20}0000', flags: 's' });
    assert.equal(rule.secretRegex, '[0-9a-f]{20}0000');
    assert.equal(rule.flags, 'is');
  });

  it('leaves a rule with a regex as it is', () => {
    const rule = { ...base, named: undefined, regex: 'x(y)' } as Rule;
    assert.equal(expandRule(rule), rule);
  });

  it('holds the value to its exact case although the names are case-insensitive', () => {
    const ruleSet = buildRuleSet([compileRule(base)]);
    const secrets = (text: string): string[] => detectFragment({ file: 'a.env', text }, ruleSet).map((f) => f[RAW].secret);
    assert.deepEqual(secrets(`ACMECLOUD_KEY=${VALUE}`), [VALUE]);
    assert.deepEqual(secrets(`ACMECLOUD_KEY=${VALUE.toUpperCase()}`), []);
  });

  const files = [
    { name: 'refuses a rule with neither regex nor named', rule: { ...base, named: undefined }, want: /needs a "regex" or a "named" value/ },
    { name: 'refuses a rule with both regex and named', rule: { ...base, regex: 'x(y)' }, want: /has both "regex" and "named"/ },
  ];
  for (const { name, rule, want } of files) {
    it(name, () => {
      const problems = checkRuleFile('acme.json', { rules: [JSON.parse(JSON.stringify(rule)) as unknown] });
      assert.equal(problems.length, 1);
      assert.match(problems[0] ?? '', want);
    });
  }
});

describe('rules/compile: lazy regexes', () => {
  const broken = { id: 'acme-broken', provider: 'acme', description: 'broken rule', severity: 'high', regex: 'acme_(x', keywords: ['acme_'], examples: { match: [], noMatch: [] } } as Rule;

  it('builds a built-in rule\'s regex when it first runs, not at start-up', () => {
    const compiled = compileRule(broken);
    assert.throws(() => compiled.regex, SyntaxError);
  });

  it('builds it at once, with its secret group checked, when asked to verify', () => {
    assert.throws(() => compileRule(broken, undefined, true), SyntaxError);
  });

  it('builds each regex once', () => {
    const compiled = compileRule({ ...broken, regex: 'acme_(\\w{4})', secretRegex: '\\w{4}' });
    assert.equal(compiled.regex, compiled.regex);
    assert.equal(compiled.secretRegex, compiled.secretRegex);
    assert.ok(compiled.secretRegex?.test('abcd'));
  });
});


describe('rules/compile: run flags', () => {
  const base = { id: 'acme-token', provider: 'acme', description: 'token', severity: 'high', regex: 'acme_(\\w{4})', keywords: ['acme_'], examples: { match: [], noMatch: [] } } as Rule;
  const cases: { name: string; flags: string | undefined; want: string }[] = [
    { name: 'runs a rule without flags global and with indices', flags: undefined, want: 'dg' },
    { name: 'keeps a rule\'s own flags', flags: 'i', want: 'dgi' },
    { name: 'drops the sticky flag', flags: 'iy', want: 'dgi' },
    { name: 'does not repeat a flag the rule already gives', flags: 'gm', want: 'dgm' },
    { name: 'gives the same flags to a second rule with the same flags', flags: 'iy', want: 'dgi' },
  ];
  for (const { name, flags, want } of cases) it(name, () => assert.equal(compileRule({ ...base, ...(flags === undefined ? {} : { flags }) }).regex.flags, want));
});
