// The repository's own policy files (.keyfence.json, .keyfence-ignore, the baseline) as its default branch holds them,
// copied into a private temporary folder: a server-side hook never takes them from the commits being pushed, which
// the pusher controls, and a bare repository has no work tree to read them from.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { gitTry, type GitRun } from './git.js';

export interface PolicyFolder {
  /** Holds the files the default branch has, at their repository paths (config root). */
  dir: string;
  /** The commit they were read from; undefined in an empty repository (defaults only). */
  commit: string | undefined;
  remove: () => void;
}

const POLICY_FILES = ['.keyfence.json', '.keyfence-ignore', '.keyfence-baseline.json'];

/** The baseline path a config names, when it is a plain path inside the repository. */
function configuredBaseline(config: string): string | undefined {
  try {
    const baseline = (JSON.parse(config) as { baseline?: unknown }).baseline;
    if (typeof baseline !== 'string') return undefined;
    const path = normalize(baseline).replace(/\\/g, '/');
    return path.startsWith('../') || path.startsWith('/') ? undefined : path;
  } catch {
    // A broken config is reported when it loads, from the copy.
    return undefined;
  }
}

/** Copies the policy files of `rev` (default HEAD: the default branch, as refs stand before the push). */
export async function readPolicy(run: GitRun, rev = 'HEAD'): Promise<PolicyFolder> {
  const dir = mkdtempSync(join(tmpdir(), 'keyfence-policy-'));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    const commit = (await gitTry(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], run))?.trim() || undefined;
    if (commit) {
      const files = [...POLICY_FILES];
      for (let i = 0; i < files.length; i++) {
        const file = files[i] as string;
        const text = await gitTry(['cat-file', 'blob', `${commit}:${file}`], run);
        if (text === null) continue;
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        writeFileSync(join(dir, file), text);
        const baseline = file === '.keyfence.json' ? configuredBaseline(text) : undefined;
        if (baseline && !files.includes(baseline)) files.push(baseline);
      }
    }
    return { dir, commit, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
