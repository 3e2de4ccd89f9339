// Finds the shared development corpora: ../shared/corpora beside the project, or above a git worktree.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function findCorpora(given = process.env.KEYFENCE_CORPORA) {
  if (given) return existsSync(given) ? resolve(given) : undefined;
  for (let dir = dirname(dirname(fileURLToPath(import.meta.url))); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, '..', 'shared', 'corpora');
    if (existsSync(join(candidate, 'README.md'))) return resolve(candidate);
  }
  return undefined;
}
