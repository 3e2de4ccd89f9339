// Language → rewriter: how each file type reads an env var and how its literal is replaced. Pure.
import type { Language } from './language.js';
import type { Handler } from './part.js';
import { CODE_HANDLERS } from './code.js';
import { CONFIG_HANDLERS } from './config-files.js';

export type { Part, PartFix, RewriteContext, Handler } from './part.js';

export const HANDLERS = { ...CODE_HANDLERS, ...CONFIG_HANDLERS } as Record<Language, Handler>;
