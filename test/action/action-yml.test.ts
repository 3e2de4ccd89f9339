// action.yml against GitHub's metadata syntax: required keys, a node24 JavaScript action, valid input/output names.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../../src/paths.js';

interface ActionMetadata {
  name?: unknown;
  description?: unknown;
  author?: unknown;
  branding?: { icon?: unknown; color?: unknown };
  inputs?: Record<string, { description?: unknown; required?: unknown; default?: unknown; deprecationMessage?: unknown }>;
  outputs?: Record<string, { description?: unknown; value?: unknown }>;
  runs?: Record<string, unknown>;
}

const TOP_KEYS = new Set(['name', 'author', 'description', 'inputs', 'outputs', 'runs', 'branding']);
const INPUT_KEYS = new Set(['description', 'required', 'default', 'deprecationMessage']);
const RUNS_KEYS = new Set(['using', 'main', 'pre', 'pre-if', 'post', 'post-if', 'env']);
// Input/output ids: start with a letter or _, then letters, digits, - or _ (GitHub's metadata syntax).
const ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const COLORS = new Set(['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']);

function load(): ActionMetadata {
  return parse(readFileSync(join(packageRoot, 'action.yml'), 'utf8')) as ActionMetadata;
}

describe('action.yml', () => {
  const action = load();

  it('has only known top-level keys and the required name, description and runs', () => {
    for (const key of Object.keys(action)) assert.ok(TOP_KEYS.has(key), `unknown key ${key}`);
    assert.equal(typeof action.name, 'string');
    assert.equal(typeof action.description, 'string');
    assert.ok(action.runs);
  });

  it('is a JavaScript action on node24 whose main is the committed bundle', () => {
    const runs = action.runs as Record<string, unknown>;
    for (const key of Object.keys(runs)) assert.ok(RUNS_KEYS.has(key), `unknown runs key ${key}`);
    assert.equal(runs.using, 'node24');
    assert.equal(runs.main, 'dist/index.js');
    assert.ok(existsSync(join(packageRoot, 'dist', 'index.js')));
  });

  it('declares the documented inputs with descriptions and string defaults', () => {
    const inputs = action.inputs ?? {};
    assert.deepEqual(Object.keys(inputs).sort(), ['annotations', 'baseline', 'config', 'fail-on', 'mode', 'sarif', 'trust-pr-config', 'validate']);
    for (const [id, input] of Object.entries(inputs)) {
      assert.match(id, ID);
      for (const key of Object.keys(input)) assert.ok(INPUT_KEYS.has(key), `${id}: unknown key ${key}`);
      assert.equal(typeof input.description, 'string', `${id}: description`);
      if (input.default !== undefined) assert.equal(typeof input.default, 'string', `${id}: default must be a string`);
    }
    assert.equal(inputs.validate?.default, 'false');
    assert.equal(inputs['trust-pr-config']?.default, 'false');
    assert.equal(inputs.sarif?.default, 'keyfence.sarif');
    assert.equal(inputs.mode?.default, 'auto');
  });

  it('declares the findings and sarif outputs (a JavaScript action gives no value:)', () => {
    const outputs = action.outputs ?? {};
    assert.deepEqual(Object.keys(outputs).sort(), ['findings', 'sarif']);
    for (const [id, output] of Object.entries(outputs)) {
      assert.match(id, ID);
      assert.equal(typeof output.description, 'string');
      assert.equal(output.value, undefined);
    }
  });

  it('uses a branding colour GitHub knows', () => {
    assert.ok(COLORS.has(String(action.branding?.color)));
    assert.equal(typeof action.branding?.icon, 'string');
  });
});
