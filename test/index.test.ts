// The public library entry: what a program that imports keyfence can use.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as keyfence from '../src/index.js';

describe('index', () => {
  it('scans a fragment with the built-in rules through the public API', () => {
    const engine = keyfence.createEngine(keyfence.defaultConfig(process.cwd()));
    const key = ['AKIA', 'QYLPMN5HHHFPZAM3'].join('');
    const findings = keyfence.scanFragment({ file: 'a.env', text: `AWS_ACCESS_KEY_ID=${key}\n` }, engine);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.line, f.column, f.secret]), [['aws-access-key-id', 1, 19, 'AKIA…(20)']]);
    assert.equal(findings[0]?.[keyfence.RAW].secret, key);
  });

  it('offers every reporter by format name', () => assert.deepEqual(Object.keys(keyfence.REPORTERS).sort(), ['github', 'gitlab', 'json', 'junit', 'sarif', 'text']));
});
