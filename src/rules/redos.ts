// The one door to safe-regex2: refuses custom regexes with catastrophic backtracking (nested quantifiers).
import { lazyRequire } from '../lazy-require.js';

/** Loaded only when a config brings its own rules. */
export function isSafeRegex(source: string): boolean {
  const safeRegex = lazyRequire('safe-regex2') as typeof import('safe-regex2');
  return safeRegex(source, { limit: 25 });
}
