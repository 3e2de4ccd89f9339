// The one door to safe-regex2: refuses custom regexes with catastrophic backtracking (nested quantifiers).
import safeRegex from 'safe-regex2';

export function isSafeRegex(source: string): boolean {
  return safeRegex(source, { limit: 25 });
}
