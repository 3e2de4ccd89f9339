#!/usr/bin/env node
// Forwards to the CLI; only main() decides the exit code. A bare `keyfence staged` (the hook) takes a lean path without yargs.
const args = process.argv.slice(2);
const hook = args.length === 1 && args[0] === 'staged' && !Object.keys(process.env).some((k) => k.startsWith('KEYFENCE_') && k !== 'KEYFENCE_DEBUG');
const { main } = await import(hook ? '../build/src/cli/hook.js' : '../build/src/cli/main.js');
process.exitCode = await main(args);
