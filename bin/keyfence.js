#!/usr/bin/env node
// Forwards to the CLI; only main() decides the exit code. CommonJS (bin/package.json), and each bundle is run with
// its V8 code cache, so start-up skips the ES module loader and most compiling. A bare `keyfence staged` (the
// pre-commit hook) runs its own lean bundle without yargs, unless KEYFENCE_* variables (yargs maps them to flags)
// ask for more.
'use strict';
const args = process.argv.slice(2);
const flagsFromEnv = Object.keys(process.env).some((name) => name.startsWith('KEYFENCE_') && name !== 'KEYFENCE_DEBUG');
const { loadCommonJs } = require('../build/src/cli/cached-script.cjs');
const load = (name) => {
  const file = require.resolve(`../build/bundle/${name}.cjs`);
  return loadCommonJs(file, `${file}.cache`).exports;
};
const run = args.length === 1 && args[0] === 'staged' && !flagsFromEnv ? load('hook').runHook() : load('keyfence').main(args);
run.then((code) => (process.exitCode = code));
