// Preloaded into every test file's process by run-tests.js (--import): when the file's process exits, any process it
// started that still runs (a loopback server, a tmux session, a git daemon, a worker's child) is recorded, named by
// the test file, and killed, so run-tests.js can fail the run and the machine is left clean.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const file = process.argv[1] ?? '';
const leaks = process.env.RUN_TESTS_LEAKS;
// A process that exits this long after the test file's end was on its way out (killed in t.after, not yet reaped).
const GRACE_MS = 2000;
const MARK = `RUN_TESTS_FILE=${file}`;

/** pid → { ppid, state, command } of every process visible in /proc (Linux; elsewhere the guard is off). */
function processes() {
  const all = new Map();
  let names;
  try {
    names = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return all;
  }
  for (const name of names) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces; the fields after it are fixed.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      all.set(Number(name), { ppid: Number(fields[1]), state: fields[0], command: readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim() || stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) });
    } catch {
      // Gone while listed.
    }
  }
  return all;
}

/** Started under this file: a descendant, or (a daemon that detached itself, like tmux's server) one carrying the
 *  marker this file's environment passes on. */
function startedHere() {
  const all = processes();
  const mine = new Set([process.pid]);
  // Parents before children is not guaranteed in /proc order: repeat until nothing new joins.
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, { ppid }] of all) {
      if (mine.has(pid) || !mine.has(ppid)) continue;
      mine.add(pid);
      grew = true;
    }
  }
  for (const pid of all.keys()) {
    if (mine.has(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(MARK)) mine.add(pid);
    } catch {
      // Not ours to read, or gone.
    }
  }
  mine.delete(process.pid);
  return [...mine].filter((pid) => all.get(pid)?.state !== 'Z').map((pid) => ({ pid, command: all.get(pid)?.command ?? '' }));
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function check() {
  let left = startedHere();
  for (const deadline = Date.now() + GRACE_MS; left.length > 0 && Date.now() < deadline; left = startedHere()) sleep(50);
  if (left.length === 0) return;
  for (const { pid } of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Ended meanwhile.
    }
  }
  writeFileSync(join(leaks, `${process.pid}.json`), JSON.stringify({ file, processes: left }));
}

if (leaks && file.endsWith('.test.js')) {
  process.env.RUN_TESTS_FILE = file;
  // 'exit' runs after node:test has reported, whichever way the file ended.
  process.once('exit', check);
}
