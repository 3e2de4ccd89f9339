// Entry of the bundled action (dist/index.js): runs once with the runner's environment and stdout.
import { runAction } from './run.js';

process.exitCode = await runAction({ env: process.env, write: (text) => void process.stdout.write(text) });
