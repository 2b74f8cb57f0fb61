#!/usr/bin/env node
/**
 * The package's own bin: `sockshop-mesh <command>`. Nobody needs a global `yo` (and root in a
 * container works). Heavy dependencies (the Yeoman stack) are imported only by the command that
 * needs them, so `--help` and the other commands do not pay for the prompting stack.
 */
import { describeError, UserError } from '../errors.js';
import { suggestNearest } from '../settings/rules.js';
import { decideColour } from '../util/colour.js';
import { readPackageVersion } from '../util/package-root.js';
import { COMMANDS } from './commands/index.js';

export function formatMainHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => `${command.name} ${command.usage}`.length)) + 2;
  return [
    'Usage: sockshop-mesh <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${`${command.name} ${command.usage}`.padEnd(width)}${command.summary}`),
    '',
    'Run `sockshop-mesh <command> --help` for the options of a command; `sockshop-mesh --version` prints the version.',
    '',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      process.stdout.write(formatMainHelp());
      return name === undefined ? 1 : 0;
    }
    if (name === '--version' || name === '-V' || name === 'version') {
      process.stdout.write(`${readPackageVersion()}\n`);
      return 0;
    }
    const command = COMMANDS.find((candidate) => candidate.name === name);
    if (!command) {
      const near = suggestNearest(name, COMMANDS.map((candidate) => candidate.name));
      throw new UserError(`unknown command ${JSON.stringify(name)}${near ? ` (did you mean ${near}?)` : ''}`, 'Run `sockshop-mesh --help` for the list of commands.');
    }
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write(command.help());
      return 0;
    }
    return await command.run(args);
  } catch (error) {
    // Ctrl-C at a prompt: Inquirer's documented ExitPromptError. Exit as a shell expects after SIGINT.
    if (error instanceof Error && error.name === 'ExitPromptError') {
      process.stderr.write('sockshop-mesh: cancelled at the prompt (Ctrl-C); nothing was written.\n');
      return 130;
    }
    process.stderr.write(`sockshop-mesh: ${describeError(error)}\n`);
    return error instanceof UserError ? 2 : 1;
  }
}

decideColour();
process.exitCode = await main(process.argv.slice(2));
