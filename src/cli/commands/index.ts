/** Every subcommand of the bin, in the order `--help` lists them. */
import type { Command } from '../command.js';
import { diffCommand } from './diff.js';
import { newCommand } from './new.js';
import { publishCommand } from './publish.js';

export const COMMANDS: readonly Command[] = [newCommand, diffCommand, publishCommand];
