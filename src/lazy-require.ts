// Loads a CommonJS dependency synchronously on first use, so start-up (the pre-commit hook) never pays for packages
// a run does not need. scripts/bundle.js and scripts/build-action.js turn `lazyRequire('pkg')` into a bundled require.
import { createRequire } from 'node:module';

export const lazyRequire: NodeJS.Require = createRequire(import.meta.url);
