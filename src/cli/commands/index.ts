// The explicit list of commands (yargs cannot load a command directory under ESM).
import type { CommandModule } from 'yargs';
import type { RunIO } from '../run.js';
import { scanCommand } from './scan.js';
import { rulesCommand } from './rules.js';
import { stagedCommand } from './staged.js';
import { historyCommand } from './history.js';
import { initCommand } from './init.js';
import { baselineCommand } from './baseline.js';
import { auditCommand } from './audit.js';
import { preReceiveCommand } from './pre-receive.js';
import { commitMsgCommand } from './commit-msg.js';

export type CommandFactory = (io: RunIO, setExit: (code: number) => void) => CommandModule<object, never>;

export const COMMANDS: CommandFactory[] = [scanCommand as CommandFactory, rulesCommand as CommandFactory, stagedCommand as CommandFactory, commitMsgCommand as CommandFactory, historyCommand as CommandFactory, initCommand as CommandFactory, baselineCommand as CommandFactory, auditCommand as CommandFactory, preReceiveCommand as CommandFactory];
