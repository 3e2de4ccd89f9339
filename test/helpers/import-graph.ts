// The import graph of a source tree and its cycles (type-only imports count: they tie layers just the same). No side
// effects at import.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Module (path relative to the root, forward slashes) → the modules of the tree it imports. */
export type ImportGraph = Map<string, string[]>;

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourcesUnder(path);
    return /\.c?ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** `./x.js` → x.ts, `./x.cjs` → x.cts, as NodeNext resolves our sources. */
function resolveImport(from: string, specifier: string, known: Set<string>): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = resolve(dirname(from), specifier);
  return [target.replace(/\.js$/, '.ts'), target.replace(/\.cjs$/, '.cts'), target].find((candidate) => known.has(candidate));
}

/** Every static, type-only, re-exporting and dynamic (`import('…')`) import between the files under `root`. */
export function importGraph(root: string): ImportGraph {
  const files = sourcesUnder(root);
  const known = new Set(files);
  const graph: ImportGraph = new Map();
  const name = (path: string): string => relative(root, path).split('\\').join('/');
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles.map((imported) => resolveImport(file, imported.fileName, known)).filter((t): t is string => t !== undefined);
    graph.set(name(file), [...new Set(targets.map(name))].sort());
  }
  return graph;
}

/** Each cycle once, as the modules around it (`a → b → a`), from Tarjan's strongly connected components. */
export function importCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      onStack.delete(top);
      component.push(top);
      if (top === node) break;
    }
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) components.push(component);
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components.map((component) => pathThrough(graph, component));
}

/** One way round a strongly connected component, from its first module back to it (shortest, breadth first). */
function pathThrough(graph: ImportGraph, component: string[]): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0] as string;
  const previous = new Map<string, string>();
  const queue = [start];
  for (let at = 0; at < queue.length; at++) {
    const node = queue[at] as string;
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let step: string | undefined = node; step !== undefined && step !== start; step = previous.get(step)) path.splice(1, 0, step);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [...component, component[0] as string];
}
