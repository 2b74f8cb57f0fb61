/** Every subcommand of the bin, in the order `--help` lists them. */
import type { Command } from '../command.js';
import { diffCommand } from './diff.js';
import { newCommand } from './new.js';
import { promoteCommand } from './promote.js';
import { publishCommand } from './publish.js';
import { statusCommand } from './status.js';
import { validateCommand } from './validate.js';

export const COMMANDS: readonly Command[] = [newCommand, validateCommand, diffCommand, publishCommand, promoteCommand, statusCommand];
