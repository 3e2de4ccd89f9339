#!/usr/bin/env node
// Forwards to the CLI; only main() decides the exit code. CommonJS (bin/package.json) so that a bare
// `keyfence staged`, the pre-commit hook, starts without Node's ES module loader: it runs one bundle with a V8 code
// cache and no yargs, unless KEYFENCE_* variables (which yargs maps to flags) ask for more.
'use strict';
const args = process.argv.slice(2);
const flagsFromEnv = Object.keys(process.env).some((name) => name.startsWith('KEYFENCE_') && name !== 'KEYFENCE_DEBUG');
if (args.length === 1 && args[0] === 'staged' && !flagsFromEnv) {
  const { loadCommonJs } = require('../build/src/cli/cached-script.cjs');
  const hook = require.resolve('../build/bundle/hook.cjs');
  loadCommonJs(hook, `${hook}.cache`).exports.runHook().then((code) => (process.exitCode = code));
} else import('../build/bundle/keyfence.js').then(({ main }) => main(args)).then((code) => (process.exitCode = code));
