// Pure: unified-diff text (`git diff -U0`, `git log -p`, combined `--cc`) → the added lines of each file with true line numbers.
import type { CommitInfo, Fragment } from '../types.js';

/** One file's part of a diff: what was added, or why nothing could be read. */
export interface FileDiff {
  /** Path after the change (forward slashes, unquoted). */
  file: string;
  /** Path before a rename or copy. */
  from?: string;
  /** Text of the added lines (without the +), joined with \n. */
  lines: string[];
  lineNumbers: number[];
  binary: boolean;
  /** Full id of the new blob when the diff carries `index a..b` with --full-index. */
  blob?: string;
  /** Gitlink (submodule) entry. */
  submodule: boolean;
  /** Its added text passed the parser's byte limit: `lines` were dropped as they came (a huge file is never held). */
  tooLarge?: boolean;
  /** The change deletes the file (`git log -D` prints its header only): nothing was added. */
  deleted?: boolean;
  commit?: CommitInfo;
}

/** A commit's message as `git log` printed it (LOG_FORMAT), without the one-space indent git added to each line. */
export interface CommitMessage {
  lines: string[];
  /** Longer than the parser's limit: its lines were let go. */
  tooLarge: boolean;
}

/** The marker and field order of the commit header line keyfence asks `git log` to print (see LOG_FORMAT in git-launch.cts). */
export const COMMIT_MARK = '\x01';

/** Parses a header line printed with LOG_FORMAT; undefined when the line is not one. */
export function parseCommitLine(line: string): CommitInfo | undefined {
  if (!line.startsWith(COMMIT_MARK)) return undefined;
  const [commit = '', author = '', email = '', date = '', message = ''] = line.slice(1).split('\0');
  return { commit, author, email, date, message };
}

const C_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Undoes git's C-style path quoting ("a\"b\303\251" → a"bé); returns plain names unchanged. */
export function unquotePath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text;
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== '\\') {
      for (const byte of Buffer.from(ch, 'utf8')) bytes.push(byte);
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(C_ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A header path: drop the tab git appends to names with spaces, unquote, strip the a/ or b/ prefix. */
function headerPath(raw: string, prefix: string): string | undefined {
  const text = unquotePath(raw.endsWith('\t') ? raw.slice(0, -1) : raw);
  if (text === '/dev/null') return undefined;
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

/** `diff --git a/X b/X` without rename: the path is the second half (quoted or not). */
function pathFromDiffLine(rest: string): string | undefined {
  if (rest.startsWith('"')) {
    const end = /^"(?:[^"\\]|\\.)*"/.exec(rest);
    if (!end) return undefined;
    const second = rest.slice(end[0].length + 1);
    return headerPath(second, 'b/');
  }
  if (rest.length % 2 === 1) {
    const half = (rest.length - 1) / 2;
    return headerPath(rest.slice(half + 1), 'b/');
  }
  return headerPath(rest.slice(rest.lastIndexOf(' b/') + 1), 'b/');
}

const HUNK = /^(@{2,}) (.*?) @{2,}/;

/** Incremental parser: feed lines (without the trailing \n) in order; completed files come back from push and end. */
export class DiffParser {
  private current: FileDiff | undefined;
  private commitInfo: CommitInfo | undefined;
  /** Number of parents of the current combined diff (1 for a plain diff). */
  private parents = 1;
  /** Result lines still expected in the current hunk. */
  private remaining = 0;
  private nextLine = 0;
  /** Characters of the current file's added text so far (lines and the newlines joining them). */
  private added = 0;
  /** The lines of the message printed before the next commit header, and their characters. */
  private messageLines: string[] = [];
  private messageChars = 0;
  /** The message of the commit whose header was read last, until taken. */
  private message: CommitMessage | undefined;

  /** `maxChars`: a file whose added text grows past it keeps no lines and is marked `tooLarge`. */
  constructor(private readonly maxChars = Infinity) {}

  push(line: string): FileDiff | undefined {
    return this.pushRange(line, 0, line.length);
  }

  /** `push` of the line text[start, end): a reader of big outputs slices only the lines it keeps. */
  pushRange(text: string, start: number, end: number): FileDiff | undefined {
    if (this.remaining > 0 && this.current) {
      if (this.parents === 1) {
        // The common case (one parent), without building strings per line.
        const mark = text.charCodeAt(start);
        if (mark === 45) return undefined; // '-'
        if (mark === 43 || mark === 32) {
          if (mark === 43) this.keep(this.current, text.slice(start + 1, end));
          this.nextLine++;
          this.remaining--;
          return undefined;
        }
        if (mark === 92) return undefined; // '\\ No newline at end of file'
        this.remaining = 0;
      } else if (this.combinedLine(text.slice(start, end), this.current)) return undefined;
    }
    // Outside a hunk, only the message lines LOG_FORMAT prints start with a space (no diff header does).
    if (text.charCodeAt(start) === 32) return this.messageLine(text, start + 1, end);
    // Headers are rare next to hunk lines: a method of their own keeps the hot path small for the optimiser.
    return this.header(text.slice(start, end));
  }

  private messageLine(text: string, start: number, end: number): undefined {
    this.messageChars += end - start + 1;
    if (this.messageChars - 1 <= this.maxChars) this.messageLines.push(text.slice(start, end));
    return undefined;
  }

  /** The message of the commit whose header was read last (once; undefined after, or when git printed none). */
  takeMessage(): CommitMessage | undefined {
    const message = this.message;
    this.message = undefined;
    return message;
  }

  /** A line of a combined (merge) hunk; false when the hunk has ended. */
  private combinedLine(line: string, file: FileDiff): boolean {
    const marks = line.slice(0, this.parents);
    if (marks.includes('-')) return true;
    if (marks.length === this.parents && /^[ +]+$/.test(marks)) {
      if (!marks.includes(' ')) this.keep(file, line.slice(this.parents));
      this.nextLine++;
      this.remaining--;
      return true;
    }
    if (line.startsWith('\\')) return true;
    this.remaining = 0;
    return false;
  }

  /** An added line, unless the file has passed the limit (then what it held is let go). */
  private keep(file: FileDiff, line: string): void {
    // One newline counted per line: the joined text is one shorter.
    this.added += line.length + 1;
    if (this.added - 1 > this.maxChars) {
      if (file.tooLarge) return;
      file.tooLarge = true;
      file.lines = [];
      file.lineNumbers = [];
      return;
    }
    file.lines.push(line);
    file.lineNumbers.push(this.nextLine);
  }

  private header(line: string): FileDiff | undefined {
    if (line.startsWith('\\')) return undefined;
    const commit = parseCommitLine(line);
    if (commit) {
      const done = this.finish();
      this.commitInfo = commit;
      this.message = { lines: this.messageLines, tooLarge: this.messageChars - 1 > this.maxChars };
      this.messageLines = [];
      this.messageChars = 0;
      return done;
    }
    if (line.startsWith('diff --git ') || line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      const done = this.finish();
      const combined = !line.startsWith('diff --git ');
      const rest = line.slice(line.indexOf(' ', 5) + 1);
      const file = combined ? headerPath(rest, '') : pathFromDiffLine(rest);
      this.current = { file: file ?? '', lines: [], lineNumbers: [], binary: false, submodule: false };
      this.added = 0;
      if (this.commitInfo) this.current.commit = this.commitInfo;
      this.parents = 1;
      return done;
    }
    const file = this.current;
    if (!file) return undefined;
    const hunk = HUNK.exec(line);
    if (hunk) {
      this.parents = (hunk[1] as string).length - 1;
      const ranges = (hunk[2] as string).split(' ');
      const added = ranges[ranges.length - 1] as string;
      const [start = '0', count = '1'] = added.slice(1).split(',');
      this.nextLine = Number(start);
      this.remaining = Number(count);
      return undefined;
    }
    if (line.startsWith('+++ ')) {
      const path = headerPath(line.slice(4), 'b/');
      if (path !== undefined) file.file = path;
    } else if (line.startsWith('rename to ') || line.startsWith('copy to ')) {
      file.file = headerPath(line.slice(line.indexOf(' to ') + 4), '') ?? file.file;
    } else if (line.startsWith('rename from ') || line.startsWith('copy from ')) {
      file.from = headerPath(line.slice(line.indexOf(' from ') + 6), '');
    } else if (line.startsWith('Binary files ') || line === 'GIT binary patch') {
      file.binary = true;
    } else if (line.startsWith('index ')) {
      const ids = /\.\.([0-9a-f]+)(?: (\d+))?$/.exec(line);
      if (ids) file.blob = ids[1];
      if (ids?.[2] === '160000') file.submodule = true;
    } else if (line.startsWith('deleted file mode ')) {
      file.deleted = true;
      if (line.endsWith(' 160000')) file.submodule = true;
    } else if (/^(new file|deleted file|new|old) mode 160000/.test(line) || /^mode .*160000/.test(line)) {
      file.submodule = true;
    }
    return undefined;
  }

  /** The commit whose header was read last (log -p input). */
  get currentCommit(): CommitInfo | undefined {
    return this.commitInfo;
  }

  /** Call after the last line. */
  end(): FileDiff | undefined {
    return this.finish();
  }

  private finish(): FileDiff | undefined {
    const done = this.current;
    this.current = undefined;
    this.remaining = 0;
    return done;
  }
}

/** All files of a diff text (for tests and small inputs). */
export function parseDiff(text: string): FileDiff[] {
  const parser = new DiffParser();
  const out: FileDiff[] = [];
  for (const line of text.split('\n')) {
    const done = parser.push(line);
    if (done) out.push(done);
  }
  const last = parser.end();
  if (last) out.push(last);
  return out;
}

/** A file's added lines as one Fragment (undefined when nothing was added). */
export function toFragment(diff: FileDiff): Fragment | undefined {
  if (diff.lines.length === 0) return undefined;
  const fragment: Fragment = { file: diff.file, text: diff.lines.join('\n'), lineNumbers: diff.lineNumbers };
  if (diff.commit) fragment.commit = diff.commit;
  if (diff.blob) fragment.blob = diff.blob;
  return fragment;
}

/** Streams Fragments of added lines, one per file per commit, from diff lines; a file whose added text passes
 *  `maxChars` yields none (`onFile` sees it marked tooLarge). */
export async function* diffFragments(lines: AsyncIterable<string> | Iterable<string>, onFile?: (diff: FileDiff) => void, maxChars = Infinity): AsyncGenerator<Fragment> {
  const parser = new DiffParser(maxChars);
  const emit = (diff: FileDiff | undefined): Fragment | undefined => {
    if (!diff) return undefined;
    onFile?.(diff);
    return diff.binary || diff.submodule || diff.tooLarge ? undefined : toFragment(diff);
  };
  for await (const line of lines) {
    const fragment = emit(parser.push(line));
    if (fragment) yield fragment;
  }
  const fragment = emit(parser.end());
  if (fragment) yield fragment;
}
