// The audit's screens for each mode, fitted to the terminal: long text wraps, code is cut, context shrinks to fit.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitLines, renderScreen, type ScreenInfo } from '../../src/audit/screen.js';
import { press, startSession, type SessionState } from '../../src/audit/session.js';
import type { AuditItem } from '../../src/audit/item.js';

const FP = 'f'.repeat(64);
const ITEM: AuditItem = {
  fingerprint: FP,
  ruleId: 'aws-access-key-id',
  description: 'AWS access key ID',
  severity: 'high',
  location: 'app.env:3:19',
  commit: '1f2e3d4c5b6a  Dev <dev@example.com>  2026-01-02  "add config"',
  secret: 'AKIA…(20)',
  aws: 'account 123456789012, user key',
  context: [1, 2, 3, 4, 5, 6].map((line) => ({ line, text: line === 3 ? 'AWS_ACCESS_KEY_ID=AKIA…(20)' : `line ${line}`, focus: line === 3 })),
  fix: ['use process.env.AWS_ACCESS_KEY_ID (javascript; env var AWS_ACCESS_KEY_ID)', 'note one', 'note two'],
  rotation: ['1. Create the replacement key', '2. Deactivate the old key'],
};
const INFO: ScreenInfo = { walk: 'working tree', ignoreFile: '.keyfence-ignore', rows: 40, columns: 100 };
const text = (state: SessionState, info: Partial<ScreenInfo> = {}): string => renderScreen(state, ITEM, { ...INFO, ...info }).map((l) => l.text).join('\n');

describe('renderScreen', () => {
  const fresh = startSession([FP, 'e'.repeat(64)], {});
  it('shows the finding, its context and fix, and the keys', () => {
    const screen = text(fresh);
    for (const want of ['finding 1 of 2', 'aws-access-key-id  high  AWS access key ID', 'file     app.env:3:19', 'commit   1f2e3d4c5b6a', 'secret   AKIA…(20)', 'decision none yet', '> 3 │ AWS_ACCESS_KEY_ID=AKIA…(20)', '  2 │ line 2', 'fix      use process.env', '[f] false positive']) assert.ok(screen.includes(want), `${want} in\n${screen}`);
  });
  it('asks for the reason with what was typed', () => {
    const screen = text(press(press(fresh, { name: 'f' }).state, { name: 'x', sequence: 'x' }).state);
    assert.ok(screen.includes('Why is this not a secret?') && screen.includes('reason: x█'), screen);
  });
  it('shows the rotation steps of a finding marked real', () => {
    const screen = text(press(fresh, { name: 'r' }).state);
    assert.ok(screen.includes('1. Create the replacement key') && screen.includes('decision real: rotate it') && !screen.includes('> 3 │'), screen);
  });
  it('sums up at the end', () => {
    const done = press(press(fresh, { name: 's' }).state, { name: 's' }).state;
    assert.match(renderScreen(done, undefined, INFO).map((l) => l.text).join('\n'), /all 2 findings seen\n\n0 false positive \(in \.keyfence-ignore\), 0 real .*, 2 skipped/);
  });
  it('drops notes, then context lines, to fit a short terminal, keeping the keys', () => {
    const lines = renderScreen(fresh, ITEM, { ...INFO, rows: 16 });
    assert.ok(lines.length <= 16, String(lines.length));
    const screen = lines.map((l) => l.text).join('\n');
    assert.ok(screen.includes('> 3 │') && screen.includes('[f] false positive') && !screen.includes('note two'), screen);
  });
  it('keeps every line within the width', () => {
    for (const l of renderScreen(fresh, { ...ITEM, description: 'word '.repeat(60) }, { ...INFO, columns: 50 })) assert.ok([...l.text].length <= 50, l.text);
  });
});

describe('fitLines', () => {
  it('wraps prose at spaces with its indent', () => {
    assert.deepEqual(fitLines([{ text: 'fix      one two three four five six', style: 'label', wrap: 9 }], 20).map((l) => l.text), ['fix      one two', '         three four', '         five six']);
  });
  it('cuts code instead of wrapping it', () => assert.deepEqual(fitLines([{ text: 'x'.repeat(30), style: 'plain' }], 20).map((l) => l.text), [`${'x'.repeat(19)}…`]));
});
