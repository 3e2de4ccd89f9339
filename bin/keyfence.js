#!/usr/bin/env node
// Forwards to the CLI; only main() decides the exit code. CommonJS (bin/package.json), and each bundle is run with
// its V8 code cache, so start-up skips the ES module loader and most compiling. A bare `keyfence staged` (the
// pre-commit hook) runs its own lean bundle without yargs, unless KEYFENCE_<FLAG> variables set a flag of the command
// (others, like a CI's KEYFENCE_VERSION, are ignored). A plain `keyfence history` starts its git processes first, so
// git reads the history while the CLI loads.
'use strict';
const args = process.argv.slice(2);
const named = Object.keys(process.env).some((name) => name.startsWith('KEYFENCE') && name !== 'KEYFENCE_DEBUG');
const flagsFromEnv = (command) => named && require('../build/src/cli/env-flags.cjs').envFlagsFor(command, process.env).flags.size > 0;
const early = args[0] === 'history' && !flagsFromEnv('history') ? require('../build/src/sources/git-launch.cjs').startHistoryEarly(args, process.cwd()) : undefined;
const { loadBundle } = require('../build/src/cli/cached-script.cjs');
const refresh = [];
const load = (name) => {
  const loaded = loadBundle(require.resolve(`../build/bundle/${name}.cjs`), require('node:path').join(__dirname, '..', 'build', 'bundle'));
  refresh.push(loaded.refresh);
  return loaded.exports;
};
const run = args.length === 1 && args[0] === 'staged' && !flagsFromEnv('staged') ? load('hook').runHook() : load('keyfence').main(args, undefined, early);
let done = false;
run.then((code) => {
  done = true;
  process.exitCode = code;
  // Another Node than the build's: its first run leaves a code cache for the next ones.
  for (const write of refresh) write();
});
// Nothing left to wait for, yet no result: a bug must not pass for a clean run (exit 0, nothing printed).
process.on('beforeExit', () => {
  if (done) return;
  process.stderr.write('keyfence: internal error: the run stopped before it finished; please report it (exit 3)\n');
  process.exitCode = 3;
});
