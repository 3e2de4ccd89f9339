// The audit's state machine: each key's next state and effects, as tables.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { counts, press, startIndex, startSession, type Key, type SessionState, type Step } from '../../src/audit/session.js';

const FPS = ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)];
const [A, B, C] = FPS as [string, string, string];
const key = (name: string, extra: Partial<Key> = {}): Key => ({ name, sequence: name.length === 1 ? name : undefined, ...extra });

/** Presses the keys in order from a fresh session (or `from`), collecting every effect. */
function run(keys: Key[], from: SessionState = startSession(FPS, {})): Step {
  let state = from;
  const effects: Step['effects'] = [];
  for (const k of keys) {
    const step = press(state, k);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

const typed = (text: string): Key[] => [...text].map((c) => ({ name: c === ' ' ? 'space' : c, sequence: c }));

describe('startIndex', () => {
  const cases: { name: string; decisions: Record<string, 'real' | 'skipped'>; at?: string; want: number }[] = [
    { name: 'starts at the first finding of a new walk', decisions: {}, want: 0 },
    { name: 'resumes at the finding it stopped at', decisions: { [A]: 'real' }, at: B, want: 1 },
    { name: 'starts at the first undecided one when the saved finding is gone', decisions: { [A]: 'real' }, at: 'd'.repeat(64), want: 1 },
    { name: 'counts a skipped finding as undecided', decisions: { [A]: 'real', [B]: 'skipped' }, want: 1 },
    { name: 'starts at the first when every finding is decided', decisions: { [A]: 'real', [B]: 'real', [C]: 'real' }, want: 0 },
  ];
  for (const c of cases) it(c.name, () => assert.equal(startIndex(FPS, c.decisions, c.at), c.want));
});

describe('press', () => {
  it('skips to the next finding and saves', () => assert.deepEqual(run([key('s')]), { state: { ...startSession(FPS, { [A]: 'skipped' }), index: 1 }, effects: [{ kind: 'save' }] }));

  it('marks a finding real, shows the rotation steps, then moves on', () => {
    const shown = run([key('r')]);
    assert.deepEqual([shown.state.mode, shown.state.index, shown.state.decisions[A]], [{ kind: 'rotation' }, 0, 'real']);
    assert.equal(run([key('r'), key('space')]).state.index, 1);
  });

  it('asks for a reason, refuses an empty one, then writes the ignore entry', () => {
    const empty = run([key('f'), key('return')]);
    assert.match((empty.state.mode as { error?: string }).error ?? '', /type why this is not a secret/);
    const done = run([key('f'), ...typed('test data'), key('return')]);
    assert.deepEqual(done.effects, [{ kind: 'ignore', fingerprint: A, reason: 'test data' }, { kind: 'save' }]);
    assert.deepEqual([done.state.index, done.state.decisions[A], done.state.notice], [1, 'false-positive', 'added to .keyfence-ignore']);
  });

  it('edits the reason: backspace, ctrl-u, control characters ignored', () => {
    const { state } = run([key('f'), ...typed('abc'), key('backspace'), { name: 'x', sequence: '\u001b[A' }, ...typed('d')]);
    assert.deepEqual(state.mode, { kind: 'reason', draft: 'abd' });
    assert.deepEqual(run([key('f'), ...typed('abc'), key('u', { ctrl: true })]).state.mode, { kind: 'reason', draft: '' });
  });

  it('types q into a reason rather than quitting; Esc cancels it', () => {
    assert.deepEqual(run([key('f'), ...typed('q')]).state.mode, { kind: 'reason', draft: 'q' });
    assert.deepEqual(run([key('f'), ...typed('q'), key('escape')]).state.mode, { kind: 'browse' });
  });

  it('goes back, and says so at the first finding', () => {
    assert.equal(run([key('s'), key('b')]).state.index, 0);
    assert.equal(run([key('b')]).state.notice, 'this is the first finding');
  });

  it('takes back a false positive decided again: its ignore line is removed', () => {
    const step = run([key('f'), ...typed('x'), key('return'), key('b'), key('s')]);
    assert.deepEqual(step.effects.filter((e) => e.kind !== 'save'), [{ kind: 'ignore', fingerprint: A, reason: 'x' }, { kind: 'unignore', fingerprint: A }]);
    assert.equal(step.state.decisions[A], 'skipped');
  });

  it('finishes after the last finding, and can go back from there', () => {
    const done = run([key('s'), key('s'), key('s')]);
    assert.deepEqual([done.state.mode, done.state.finished, done.state.index], [{ kind: 'done' }, true, 2]);
    assert.deepEqual(run([key('b')], done.state).state.mode, { kind: 'browse' });
    assert.deepEqual(run([key('x')], done.state).effects, [{ kind: 'save' }, { kind: 'exit' }]);
  });

  const quits: { name: string; keys: Key[]; index: number }[] = [
    { name: 'q quits and saves', keys: [key('q')], index: 0 },
    { name: 'Ctrl-C quits and saves, even while typing a reason', keys: [key('f'), ...typed('ab'), key('c', { ctrl: true })], index: 0 },
    { name: 'quitting on the rotation steps resumes at the next finding', keys: [key('r'), key('q')], index: 1 },
  ];
  for (const c of quits) {
    it(c.name, () => {
      const step = run(c.keys);
      assert.deepEqual([step.state.mode, step.state.index, step.effects.slice(-2)], [{ kind: 'quit' }, c.index, [{ kind: 'save' }, { kind: 'exit' }]]);
    });
  }

  it('counts the decisions', () => assert.deepEqual(counts(run([key('s'), key('r'), key('space'), key('f'), ...typed('y'), key('return')]).state), { 'false-positive': 1, real: 1, skipped: 1 }));
});
