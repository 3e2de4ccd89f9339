// Copies a fixture folder into a temp dir with {{PLACEHOLDER}}s filled by generated key material.
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { fillPlaceholders, seededRandom } from './aws-keys.js';

export interface FilledTree {
  dir: string;
  values: Map<string, string>;
}

export function fixturePath(...parts: string[]): string {
  return join(packageRoot, 'fixtures', ...parts);
}

/** Files named expected.json stay behind: they describe the tree, they are not part of it. */
export function materialiseFixture(name: string, seed = 42): FilledTree {
  const source = fixturePath('files', name);
  const dir = mkdtempSync(join(tmpdir(), `keyfence-${name}-`));
  const values = new Map<string, string>();
  const random = seededRandom(seed);
  const walk = (from: string, to: string): void => {
    for (const entry of readdirSync(from).sort()) {
      if (entry === 'expected.json') continue;
      const path = join(from, entry);
      if (statSync(path).isDirectory()) {
        cpSync(path, join(to, entry), { recursive: true });
        walk(path, join(to, entry));
      } else writeFileSync(join(to, entry), fillPlaceholders(readFileSync(path, 'utf8'), values, random));
    }
  };
  walk(source, dir);
  return { dir, values };
}
