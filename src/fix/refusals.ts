// Why --fix will not write, gathered before anything is written: a real run refuses with all of them at once, a dry
// run shows them beside the rest of its plan. Never holds a secret.
import { FixRefusedError } from './errors.js';

export interface Refusal {
  /** Starts with the file (and line) it concerns. */
  message: string;
  hint: string;
  /** The file whose changes it stops; absent when it concerns the whole run (.env tracked by git). */
  file?: string;
}

/** Refusals listed one by one; past this many, the rest are counted. */
const SHOWN = 20;

export class Refusals {
  readonly list: Refusal[] = [];
  private readonly files = new Set<string>();

  add(message: string, hint: string, file?: string): void {
    this.list.push(file === undefined ? { message, hint } : { message, hint, file });
    if (file !== undefined) this.files.add(file);
  }

  /** Whether the changes of `file` are refused. */
  has(file: string): boolean {
    return this.files.has(file);
  }

  /** One line per refusal; a run of refusals with the same fix gets it once, after the last of them. */
  lines(): string[] {
    const shown = this.list.slice(0, SHOWN);
    const lines = shown.map(({ message, hint }, i) => (shown[i + 1]?.hint === hint ? message : `${message}; ${hint}`));
    if (this.list.length > SHOWN) lines.push(`… and ${this.list.length - SHOWN} more`);
    return lines;
  }

  /** The error a real run stops with; undefined when nothing is refused. */
  error(): FixRefusedError | undefined {
    const [only] = this.list;
    if (only === undefined) return undefined;
    if (this.list.length === 1) return new FixRefusedError(only.message, only.hint);
    return new FixRefusedError(this.lines().join('\n'));
  }
}
