/** `sockshop-mesh status`: the live stage (of each class participant), and what the next promotion would change. */
import { redactCredentials } from '../../util/redact.js';
import { countChanges } from '../../diff/diff-objects.js';
import type { StatusResult } from '../../promote/status.js';
import type { Command } from '../command.js';
import { formatCommandHelp, parseCommand, type CommandSpec } from '../parse-command.js';

const spec: CommandSpec = {
  name: 'status',
  positionals: [],
  options: [
    { name: 'tenant', type: 'string', value: '<name>', description: 'a class: this participant only, with the whole next change' },
    { name: 'remote', type: 'string', value: '<url>', description: 'the remote to compare with (default: origin; follow mode needs one)' },
  ],
};

function formatTable(result: StatusResult): string[] {
  const rows = result.rows.map((row) => {
    const counts = row.nextChange ? countChanges(row.nextChange.objects) : undefined;
    return [
      row.participant ?? '',
      row.live ? row.live.id : '(nothing live)',
      row.live ? row.live.tag : '',
      row.next ? row.next.id : '(last stage)',
      counts ? `${counts.added} added, ${counts.changed} changed, ${counts.removed} removed` : '',
    ];
  });
  const header = ['participant', 'live stage', 'tag', 'next', 'next promotion changes'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

export function formatStatus(result: StatusResult, summary: (row: StatusResult['rows'][number], indent: string) => string[]): string {
  const lines = [`Mode: ${result.mode}; the live stage is ${result.source}.`];
  if (result.rows.length > 1) {
    lines.push('', ...formatTable(result), '', 'For one participant\'s whole next change: sockshop-mesh status --tenant NAME; to move them: sockshop-mesh promote --tenant NAME (or --all).');
  } else {
    const [row] = result.rows;
    const who = row.participant ? `${row.participant}: ` : '';
    lines.push(row.live ? `${who}Live: ${row.live.tag} — ${row.live.subject}` : `${who}Live: nothing yet.`);
    if (row.next) {
      lines.push(`Next: ${row.next.tag} — ${row.next.subject}`);
      if (row.nextChange) lines.push('  `sockshop-mesh promote` would change:', ...summary(row, '  '));
      else lines.push('  `sockshop-mesh publish` puts it on the remote.');
    } else if (row.live) {
      lines.push('Next: nothing, this is the last stage of the repository.');
    }
  }
  for (const note of result.notes) lines.push(`note: ${note}`);
  return `${lines.join('\n')}\n`;
}

export const statusCommand: Command = {
  name: 'status',
  usage: '',
  summary: 'show the live stage (pinned, or highest pushed tag; each participant of a class) and what the next promotion would change',
  help: () =>
    formatCommandHelp({
      spec,
      summary: 'Prints the live stage and the rendered change the next promotion would make.',
      description: [
        'pin mode: the stage tag pinned in the bootstrap on the main branch (and whether the remote has that commit);',
        '  a class: a table of participants, each pinned to their own stage.',
        'follow mode: the highest stage tag on the remote, which is what Argo CD and Flux sync.',
      ],
      examples: ['sockshop-mesh status', 'sockshop-mesh status --tenant user7', 'sockshop-mesh status --dir ws --remote https://github.com/your-org/sockshop-mesh-workshop.git'],
    }),
  run: async (args) => {
    const { values } = parseCommand(spec, args);
    (await import('../../publish/publish.js')).refuseCredentials(values.remote as string | undefined);
    const { readStatus } = await import('../../promote/status.js');
    const { formatChangeSummary } = await import('../../promote/format-promotion.js');
    const result = await readStatus({
      dir: (values.dir as string | undefined) ?? process.cwd(),
      remote: values.remote as string | undefined,
      tenant: values.tenant as string | undefined,
    });
    process.stdout.write(redactCredentials(formatStatus(result, (row, indent) => formatChangeSummary(row.nextChange?.objects ?? [], indent))));
    return 0;
  },
};
