// Runs a keyfence command in-process through the CLI's own main(), capturing the findings instead of printing them.
import { main } from '../cli/main.js';
import { REPORTERS } from '../report/index.js';
import type { ReportMeta } from '../report/types.js';
import type { Finding } from '../types.js';

export interface ScanOutcome {
  exitCode: number;
  findings: Finding[];
  meta?: ReportMeta;
  /** What the CLI wrote to stderr (notices, or the one-line error). */
  stderr: string;
}

// A private format name: main() runs config, baseline, validation and suggestions as usual and hands us the result.
const CAPTURE_FORMAT = 'keyfence-action-capture';

export async function runKeyfence(args: string[], cwd: string, env: NodeJS.ProcessEnv, ignoreFile?: string): Promise<ScanOutcome> {
  let captured: { findings: Finding[]; meta: ReportMeta } | undefined;
  let stderr = '';
  REPORTERS[CAPTURE_FORMAT] = (findings, meta) => {
    captured = { findings, meta };
    return '';
  };
  try {
    const exitCode = await main([...args, '--format', CAPTURE_FORMAT], {
      cwd,
      env,
      ...(ignoreFile !== undefined ? { ignoreFile } : {}),
      isTTY: false,
      // The action never reads standard input.
      stdin: (async function* () {})(),
      stdout: () => undefined,
      stderr: (text) => {
        stderr += text;
      },
    });
    return { exitCode, findings: captured?.findings ?? [], ...(captured ? { meta: captured.meta } : {}), stderr };
  } finally {
    delete REPORTERS[CAPTURE_FORMAT];
  }
}
