// Reads the event payload and decides what to scan: a PR's base..head, a push's before..after, or everything.
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { describeParsePosition, withoutBom } from '../allow/json-locate.js';

export type Mode = 'auto' | 'pr' | 'push' | 'full';
export const MODES: Mode[] = ['auto', 'pr', 'push', 'full'];

const ZERO_SHA = /^0+$/;
const PR_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']);

export type ScanRequest =
  | { kind: 'range'; base: string; head: string; label: string; commits?: number }
  | { kind: 'push'; before: string; after: string; ref?: string; defaultBranch?: string; forced?: boolean }
  | { kind: 'new-branch'; head: string; ref?: string; defaultBranch?: string }
  | { kind: 'full'; reason: string }
  | { kind: 'nothing'; reason: string };

export interface GitHubEvent {
  name: string;
  payload: Record<string, unknown>;
}

export interface PullRequestInfo {
  fromFork: boolean;
}

export function readEvent(env: NodeJS.ProcessEnv): GitHubEvent {
  const name = env.GITHUB_EVENT_NAME ?? '';
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return { name, payload: {} };
  const hint = 'run keyfence as a GitHub Actions step, or set mode: full';
  let text: string;
  try {
    text = withoutBom(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`GITHUB_EVENT_PATH ${path}: cannot read the event payload: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message.split('\n')[0]}`, hint);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    // V8's message quotes the text around the error, and a payload holds commit messages: the position is enough.
    throw new UsageError(`GITHUB_EVENT_PATH ${path}: the event payload is not valid JSON at ${describeParsePosition(text) ?? 'an unknown position'}`, hint);
  }
  // Every field read below is looked up on an object: null, a list or a string is no payload.
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new UsageError(`GITHUB_EVENT_PATH ${path}: the event payload is not a JSON object`, hint);
  return { name, payload: payload as Record<string, unknown> };
}

function field(value: unknown, ...path: string[]): unknown {
  let at = value;
  for (const key of path) at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}

function sha(value: unknown): string | undefined {
  return typeof value === 'string' && /^[0-9a-f]{7,64}$/i.test(value) ? value : undefined;
}

export function parseMode(value: string): Mode {
  if ((MODES as string[]).includes(value)) return value as Mode;
  throw new UsageError(`input mode: "${value}" is not a mode`, `use one of: ${MODES.join(', ')}`);
}

/** Whether a pull request's head lives in another repository (then secrets and validation stay off). */
export function pullRequestInfo(event: GitHubEvent): PullRequestInfo | undefined {
  const pr = event.payload.pull_request;
  if (!pr) return undefined;
  const head = field(pr, 'head', 'repo', 'full_name');
  const base = field(pr, 'base', 'repo', 'full_name');
  return { fromFork: typeof head === 'string' && typeof base === 'string' && head !== base };
}

function pullRequestRequest(event: GitHubEvent): ScanRequest {
  const pr = event.payload.pull_request;
  const base = sha(field(pr, 'base', 'sha'));
  const head = sha(field(pr, 'head', 'sha'));
  if (!base || !head) throw new UsageError(`event ${event.name || '(none)'}: the payload has no pull_request.base.sha/head.sha`, 'use mode: pr only on pull_request or pull_request_target events');
  const commits = field(pr, 'commits');
  const number = field(pr, 'number') ?? field(event.payload, 'number');
  return { kind: 'range', base, head, label: `pull request${number !== undefined ? ` #${String(number)}` : ''}`, ...(typeof commits === 'number' ? { commits } : {}) };
}

function pushRequest(event: GitHubEvent): ScanRequest {
  const before = sha(event.payload.before);
  const after = sha(event.payload.after);
  if (!before || !after) throw new UsageError(`event ${event.name || '(none)'}: the payload has no before/after commits`, 'use mode: push only on push events');
  const ref = typeof event.payload.ref === 'string' ? event.payload.ref : undefined;
  const defaultBranch = field(event.payload, 'repository', 'default_branch');
  const extra = { ...(ref ? { ref } : {}), ...(typeof defaultBranch === 'string' ? { defaultBranch } : {}) };
  if (ZERO_SHA.test(after)) return { kind: 'nothing', reason: `${ref ?? 'the ref'} was deleted` };
  if (ZERO_SHA.test(before)) return { kind: 'new-branch', head: after, ...extra };
  return { kind: 'push', before, after, ...extra, ...(event.payload.forced === true ? { forced: true } : {}) };
}

function mergeGroupRequest(event: GitHubEvent): ScanRequest | undefined {
  const base = sha(field(event.payload, 'merge_group', 'base_sha'));
  const head = sha(field(event.payload, 'merge_group', 'head_sha'));
  return base && head ? { kind: 'range', base, head, label: 'merge queue group' } : undefined;
}

/** What to scan for this event and mode. */
export function planScan(mode: Mode, event: GitHubEvent): ScanRequest {
  if (mode === 'full') return { kind: 'full', reason: 'mode: full' };
  if (mode === 'pr') return pullRequestRequest(event);
  if (mode === 'push') return pushRequest(event);
  if (PR_EVENTS.has(event.name)) return pullRequestRequest(event);
  if (event.name === 'push') return pushRequest(event);
  if (event.name === 'merge_group') {
    const request = mergeGroupRequest(event);
    if (request) return request;
  }
  return { kind: 'full', reason: `event ${event.name || '(none)'} scans the whole history` };
}
