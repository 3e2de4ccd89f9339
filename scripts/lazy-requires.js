// esbuild plugin shared by scripts/bundle.js and scripts/build-action.js.
import { readFile } from 'node:fs/promises';

// `lazyRequire('pkg')` (src/lazy-require.ts) loads a dependency on first use through createRequire, which esbuild
// cannot see. Rewrite it to a plain require('pkg'): esbuild then bundles the package and still runs it on first use.
export function rewriteLazyRequires(text) {
  return text.replace(/\blazyRequire\((['"][^'"]+['"])\)/g, 'require($1)');
}

export const bundleLazyRequires = {
  name: 'bundle-lazy-requires',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]src[\\/].*\.[jt]s$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('lazyRequire(')) return undefined;
      return { contents: rewriteLazyRequires(text), loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
};
