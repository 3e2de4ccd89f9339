// The import graph of src/: no cycle (type-only imports included), and nothing below cli/ imports the CLI.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCycles, importGraph } from './helpers/import-graph.js';

/** src/ and test/ of the package (this file runs from build/test/). */
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const TEST = fileURLToPath(new URL('../../test/', import.meta.url));

/** Modules that run the CLI, and may import it: the public API and the GitHub Action. */
const RUN_THE_CLI = /^(index\.ts|action\/)/;

function withTree(files: Record<string, string>, check: (root: string) => void): void {
  const root = mkdtempSync(join(tmpdir(), 'keyfence-imports-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    check(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('imports', () => {
  const trees: [string, Record<string, string>, string[][]][] = [
    ['finds a circle of three modules tied by a type-only import', { 'a.ts': "import { b } from './x/b.js';\n", 'x/b.ts': "export { c } from '../c.js';\n", 'c.ts': "import type { A } from './a.js';\n" }, [['a.ts', 'x/b.ts', 'c.ts', 'a.ts']]],
    ['follows CommonJS modules and dynamic imports', { 'a.ts': "const b = await import('./b.cjs');\n", 'b.cts': "import type { A } from './a.js';\n" }, [['a.ts', 'b.cts', 'a.ts']]],
    ['finds nothing where dependencies point one way', { 'a.ts': "import { b } from './b.js';\nimport x from 'node:fs';\n// import { a } from './a.js'\n", 'b.ts': "const s = \"import './a.js'\";\n" }, []],
  ];
  for (const [name, files, want] of trees) it(name, () => withTree(files, (root) => assert.deepEqual(importCycles(importGraph(root)), want)));

  it('has no import cycle in src/', () => {
    const graph = importGraph(SRC);
    assert.ok(graph.size > 100, `${graph.size} modules`);
    assert.deepEqual(importCycles(graph).map((cycle) => cycle.join(' → ')), []);
  });

  it('has nothing below cli/ import the CLI but the modules that run it', () => {
    const upward = [...importGraph(SRC)].flatMap(([from, to]) => (from.startsWith('cli/') || RUN_THE_CLI.test(from) ? [] : to.filter((t) => t.startsWith('cli/')).map((t) => `${from} → ${t}`)));
    assert.deepEqual(upward, []);
  });

  // A helper a test file copies drifts from the others; the one for split tokens lives in test/helpers/tokens.ts.
  it('test files import the split-token join from test/helpers instead of defining their own', () => {
    const copies = (readdirSync(TEST, { recursive: true }) as string[]).filter((file) => file.endsWith('.ts') && !file.startsWith('helpers')).filter((file) => /^(?:const|function) join\b/m.test(readFileSync(join(TEST, file), 'utf8')));
    assert.deepEqual(copies, []);
  });
});
