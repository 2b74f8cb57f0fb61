/** `sockshop-mesh new [dir]`: the generator, run through yeoman-environment (no global `yo`). */
import { join } from 'node:path';
import { ALL_OPTION_NAMES, FLAG_OPTIONS } from '../../settings/options.js';
import { checkFlags } from '../../settings/parse-flags.js';
import { findPackageRoot } from '../../util/package-root.js';
import type { Command } from '../command.js';
import { formatNewHelp } from '../help.js';

const GENERATOR_NAMESPACE = 'sockshop-mesh:app';

export const newCommand: Command = {
  name: 'new',
  usage: '[dir]',
  summary: 'scaffold the workshop as a GitOps repository (the same generator as `yo sockshop-mesh`)',
  help: formatNewHelp,
  run: async (args) => {
    const aliases = FLAG_OPTIONS.flatMap((flag) => (flag.alias ? [flag.alias] : []));
    checkFlags(args, [...ALL_OPTION_NAMES, ...aliases]);
    const { createEnv } = await import('yeoman-environment');
    const env = createEnv({ skipInstall: true } as Parameters<typeof createEnv>[0]);
    env.register(join(findPackageRoot(), 'dist', 'generators', 'app', 'index.js'), { namespace: GENERATOR_NAMESPACE });
    await env.run([GENERATOR_NAMESPACE, ...args], { skipInstall: true });
    return 0;
  },
};
