// Env var names for the literals of one finding: a name the file gives (a .env key) first, then one set for the rest,
// so an AWS key id and its secret always share a number, or the name of the block they sit in. Pure.
import type { Handler, Part, RewriteContext } from './part.js';
import { blockPrefix } from './block-name.js';
import { fits, uniqueNames, type Wanted } from './naming.js';

/** The AWS credential sets named so far in a run, by file: where each ends, and how its names were made. */
export type NamedSets = Map<string, { line: number; prefix: string; suffix: string }[]>;

/** How many lines below a named set a lone AWS credential (its session token) takes the set's names. */
const NEAR = 5;

function wantedFor(parts: readonly Part[], handler: Handler, prefix: string, suffix = ''): Wanted[] {
  return parts.map((part) => ({ name: (handler.nameFor?.(prefix + part.base) ?? prefix + part.base) + suffix, value: part.value }));
}

/** The set named last within NEAR lines above `line`. */
function nearSet(sets: NamedSets, file: string, line: number): { prefix: string; suffix: string } | undefined {
  const near = (sets.get(file) ?? []).filter((set) => set.line <= line && line - set.line <= NEAR);
  return near[near.length - 1];
}

/** Names for the AWS parts without a name of their own: the standard names (which the SDKs read) when they are free or
 *  hold these values; else those of the set just above (a session token under its pair); else the block's name as a
 *  prefix (PROD_AWS_ACCESS_KEY_ID); else the first number free for every part (AWS_ACCESS_KEY_ID_2 with
 *  AWS_SECRET_ACCESS_KEY_2). */
function awsSetNames(parts: readonly Part[], handler: Handler, ctx: RewriteContext, taken: Map<string, string>, sets: NamedSets): string[] {
  const standard = wantedFor(parts, handler, '');
  let chosen: { wanted: Wanted[]; prefix: string } = { wanted: standard, prefix: '' };
  if (!fits(standard, 1, taken)) {
    const first = [...parts].sort((a, b) => a.line - b.line || a.column - b.column)[0] as Part;
    const near = parts.length === 1 ? nearSet(sets, ctx.file, first.line) : undefined;
    const nearWanted = near && wantedFor(parts, handler, near.prefix, near.suffix);
    if (near && nearWanted && fits(nearWanted, 1, taken)) return uniqueNames(nearWanted, taken);
    const block = blockPrefix(ctx.language, ctx.lines, first.line, first.column);
    if (block !== undefined) chosen = { wanted: wantedFor(parts, handler, `${block}_`), prefix: `${block}_` };
  }
  const names = uniqueNames(chosen.wanted, taken);
  const suffix = (names[0] as string).slice((chosen.wanted[0] as Wanted).name.length);
  const line = Math.max(...parts.map((part) => part.line));
  sets.set(ctx.file, [...(sets.get(ctx.file) ?? []), { line, prefix: chosen.prefix, suffix }]);
  return names;
}

/** One name per part, in the parts' order; `sets` is given for AWS credentials. */
export function partNames(parts: readonly Part[], handler: Handler, ctx: RewriteContext, taken: Map<string, string>, sets?: NamedSets): string[] {
  const own = parts.map((part) => handler.ownName?.(ctx, part));
  const rest = parts.filter((_, i) => own[i] === undefined);
  const named = rest.length === 0 ? [] : sets ? awsSetNames(rest, handler, ctx, taken, sets) : uniqueNames(wantedFor(rest, handler, ''), taken);
  let next = 0;
  return own.map((name) => name ?? (named[next++] as string));
}
