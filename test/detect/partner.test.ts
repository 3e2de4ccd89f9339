// attachPartners: the other half of a credential, from the nearest line within the rule's window, never reported.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RAW, type Rule } from '../../src/types.js';
import { compileRules } from '../../src/rules/load.js';
import { buildRuleSet, detectFragment } from '../../src/detect/engine.js';

const rule: Rule = {
  id: 'acme-token', provider: 'acme', description: 'Acme token', severity: 'high', regex: '(acme_[a-z0-9]{20})', keywords: ['acme_'],
  validate: { request: { method: 'GET', url: 'https://api.acme.test/{id}', headers: { A: '{secret}' } }, id: { name: 'account id', regex: '(AC[0-9]{6})', within: 2 }, answers: [{ status: [200], verdict: 'valid' }], effect: 'read', reveals: 'nothing at all', docs: ['https://acme.test/'] },
  examples: { match: [], noMatch: [] },
};
const ruleSet = buildRuleSet(compileRules([{ rule, source: 'test' }]));
const token = 'acme_' + 'k3j9x2m7p4q8r1t6w5y0';
const partnerOf = (text: string, lineNumbers?: number[]): string | undefined => detectFragment({ file: 'a.env', text, ...(lineNumbers ? { lineNumbers } : {}) }, ruleSet)[0]?.[RAW].partner;

describe('attachPartners', () => {
  const table: { name: string; text: string; lineNumbers?: number[]; want?: string }[] = [
    { name: 'takes the other half from the line below', text: `TOKEN=${token}\nSID=AC111111\n`, want: 'AC111111' },
    { name: 'takes it from the same line first', text: `SID=AC222222\nTOKEN=${token} AC333333\n`, want: 'AC333333' },
    { name: 'prefers the nearer of two lines', text: `A=AC444444\nB=x\nTOKEN=${token}\nSID=AC555555\n`, want: 'AC555555' },
    { name: 'finds nothing beyond the window', text: `TOKEN=${token}\n\n\nSID=AC666666\n` },
    { name: 'measures the window in file lines in a diff', text: `+TOKEN=${token}\n+SID=AC777777\n`, lineNumbers: [3, 40] },
    { name: 'reads CRLF lines', text: `TOKEN=${token}\r\nSID=AC888888\r\n`, want: 'AC888888' },
  ];
  for (const c of table) it(c.name, () => assert.equal(partnerOf(c.text, c.lineNumbers), c.want));

  it('never puts the other half in the finding\'s reported fields', () => {
    const [finding] = detectFragment({ file: 'a.env', text: `TOKEN=${token}\nSID=AC999999\n` }, ruleSet);
    assert.ok(finding);
    assert.ok(!JSON.stringify(finding).includes('AC999999'));
  });
});
