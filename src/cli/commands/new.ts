/**
 * `sockshop-mesh new [dir]`: the generator. When a prompt may fire (a terminal, and no answer, no
 * --yes, no --answers) it runs through yeoman-environment, as `yo sockshop-mesh` would; otherwise
 * the same steps run directly (src/scaffold), with the same output, errors and exit codes, without
 * paying for loading the prompting stack.
 */
import { join } from 'node:path';
import { ALL_OPTION_NAMES, FLAG_OPTIONS } from '../../settings/options.js';
import { checkFlags } from '../../settings/parse-flags.js';
import { decideColour } from '../../util/colour.js';
import { findPackageRoot } from '../../util/package-root.js';
import type { Command } from '../command.js';
import { formatNewHelp } from '../help.js';

// Every command module is loaded for every command: what only `new` runs is imported when it runs.

/** The generator through yeoman-environment (no global `yo`): the path that can prompt. */
export async function runNewWithYeoman(args: readonly string[]): Promise<number> {
  // Before chalk and log-symbols load: they decide their colours when imported.
  decideColour();
  const { createEnv } = await import('yeoman-environment');
  const { GENERATOR_NAMESPACE } = await import('../../scaffold/parse-new-args.js');
  const env = createEnv({ skipInstall: true } as Parameters<typeof createEnv>[0]);
  env.register(join(findPackageRoot(), 'dist', 'generators', 'app', 'index.js'), { namespace: GENERATOR_NAMESPACE });
  await env.run([GENERATOR_NAMESPACE, ...args], { skipInstall: true });
  return 0;
}

export const newCommand: Command = {
  name: 'new',
  usage: '[dir]',
  summary: 'scaffold the workshop as a GitOps repository (the same generator as `yo sockshop-mesh`)',
  help: formatNewHelp,
  run: async (args) => {
    const aliases = FLAG_OPTIONS.flatMap((flag) => (flag.alias ? [flag.alias] : []));
    checkFlags(args, [...ALL_OPTION_NAMES, ...aliases]);
    const { mayPrompt, parseNewArgs, setsYeomanOption } = await import('../../scaffold/parse-new-args.js');
    const options = parseNewArgs(args);
    if (mayPrompt(options, Boolean(process.stdin.isTTY)) || setsYeomanOption(options)) return runNewWithYeoman(args);
    const { runNewDirect } = await import('../../scaffold/run-new-direct.js');
    return runNewDirect(options, process.cwd(), args);
  },
};
