#!/usr/bin/env node
/**
 * The package's own bin: `sockshop-mesh new [dir]` runs the generator through yeoman-environment,
 * so nobody needs a global `yo` (and root in a container works). Help and option checks run before
 * the Yeoman stack is imported.
 */
import { join } from 'node:path';
import { describeError, UserError } from '../errors.js';
import { ALL_OPTION_NAMES, FLAG_OPTIONS } from '../settings/options.js';
import { checkFlags } from '../settings/parse-flags.js';
import { suggestNearest } from '../settings/rules.js';
import { findPackageRoot } from '../util/package-root.js';
import { COMMANDS, formatMainHelp, formatNewHelp } from './help.js';

const GENERATOR_NAMESPACE = 'sockshop-mesh:app';

async function runNew(args: string[]): Promise<void> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(formatNewHelp());
    return;
  }
  const aliases = FLAG_OPTIONS.flatMap((flag) => (flag.alias ? [flag.alias] : []));
  checkFlags(args, [...ALL_OPTION_NAMES, ...aliases]);
  const { createEnv } = await import('yeoman-environment');
  const env = createEnv({ skipInstall: true } as Parameters<typeof createEnv>[0]);
  env.register(join(findPackageRoot(), 'dist', 'generators', 'app', 'index.js'), { namespace: GENERATOR_NAMESPACE });
  await env.run([GENERATOR_NAMESPACE, ...args], { skipInstall: true });
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(formatMainHelp());
      return command === undefined ? 1 : 0;
    }
    if (command === 'new') {
      await runNew(args);
      return 0;
    }
    const near = suggestNearest(command, COMMANDS);
    throw new UserError(`unknown command ${JSON.stringify(command)}${near ? ` (did you mean ${near}?)` : ''}`, `Commands: ${COMMANDS.join(', ')}. Run \`sockshop-mesh --help\`.`);
  } catch (error) {
    process.stderr.write(`sockshop-mesh: ${describeError(error)}\n`);
    return error instanceof UserError ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
