#!/usr/bin/env node
// Forwards to the CLI; only main() decides the exit code.
import { main } from '../build/bundle/keyfence.js';
process.exitCode = await main(process.argv.slice(2));
