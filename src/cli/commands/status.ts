/** `sockshop-mesh status`: the live stage, and what the next promotion would change. */
import { formatTag } from '../../layout/layout.js';
import type { StatusResult } from '../../promote/status.js';
import type { Command } from '../command.js';
import { formatCommandHelp, parseCommand, type CommandSpec } from '../parse-command.js';

const spec: CommandSpec = {
  name: 'status',
  positionals: [],
  options: [{ name: 'remote', type: 'string', value: '<url>', description: 'the remote to compare with (default: origin; follow mode needs one)' }],
};

export function formatStatus(result: StatusResult, summary: (indent: string) => string[]): string {
  const describe = (stage: NonNullable<StatusResult['live']>) => `stage ${String(stage.number).padStart(2, '0')} ${stage.title}: ${stage.summary}`;
  const lines = [`Mode: ${result.mode}; the live stage is ${result.source}.`];
  lines.push(result.live ? `Live: ${result.liveTag} — ${describe(result.live)}` : 'Live: nothing yet.');
  if (result.next) {
    lines.push(`Next: ${result.nextTag ?? formatTag(result.next)} — ${describe(result.next)}`);
    if (result.nextChange) lines.push('  `sockshop-mesh promote` would change:', ...summary('  '));
    else lines.push('  `sockshop-mesh publish` puts it on the remote.');
  } else if (result.live) {
    lines.push('Next: nothing, this is the last stage of the repository.');
  }
  for (const note of result.notes) lines.push(`note: ${note}`);
  return `${lines.join('\n')}\n`;
}

export const statusCommand: Command = {
  name: 'status',
  usage: '',
  summary: 'show the live stage (pinned, or highest pushed tag) and what the next promotion would change',
  help: () =>
    formatCommandHelp({
      spec,
      summary: 'Prints the live stage and the rendered change the next promotion would make.',
      description: [
        'pin mode: the stage tag pinned in the bootstrap on the main branch (and whether the remote has that commit);',
        'follow mode: the highest stage tag on the remote, which is what Argo CD and Flux sync.',
      ],
      examples: ['sockshop-mesh status', 'sockshop-mesh status --dir ws --remote https://github.com/your-org/sockshop-mesh-workshop.git'],
    }),
  run: async (args) => {
    const { values } = parseCommand(spec, args);
    const { readStatus } = await import('../../promote/status.js');
    const { formatChangeSummary } = await import('../../promote/format-promotion.js');
    const result = await readStatus({ dir: (values.dir as string | undefined) ?? process.cwd(), remote: values.remote as string | undefined });
    process.stdout.write(formatStatus(result, (indent) => formatChangeSummary(result.nextChange?.objects ?? [], indent)));
    return 0;
  },
};
