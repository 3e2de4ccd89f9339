#!/usr/bin/env node
// Forwards to the CLI; only main() decides the exit code. A bare `keyfence staged` (the pre-commit hook) skips
// yargs, unless KEYFENCE_* variables (which yargs maps to flags) ask for more.
const args = process.argv.slice(2);
const flagsFromEnv = Object.keys(process.env).some((name) => name.startsWith('KEYFENCE_') && name !== 'KEYFENCE_DEBUG');
const lean = args.length === 1 && args[0] === 'staged' && !flagsFromEnv;
process.exitCode = lean ? await (await import('../build/bundle/hook.js')).runHook() : await (await import('../build/bundle/keyfence.js')).main(args);
