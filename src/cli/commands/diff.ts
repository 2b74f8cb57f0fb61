/** `sockshop-mesh diff <from> <to>`: the rendered difference between two stages of a workshop repository. */
import { DIFF_FORMATS, type DiffFormat } from '../../diff/format-diff.js';
import type { Command } from '../command.js';
import { formatCommandHelp, parseCommand, type CommandSpec } from '../parse-command.js';

const spec: CommandSpec = {
  name: 'diff',
  positionals: ['<from>', '<to>'],
  options: [
    { name: 'output', type: 'string', value: '<format>', choices: DIFF_FORMATS, description: 'how to print the diff, default text' },
    { name: 'tenant', type: 'string', value: '<name>', description: "a class: render this participant's objects (default: the shared stage, written for the placeholder participant)" },
  ],
};

export const diffCommand: Command = {
  name: 'diff',
  usage: '<from> <to>',
  summary: 'render two stages (tags, branches, stage numbers or names) and show what changes, object by object',
  help: () =>
    formatCommandHelp({
      spec,
      summary: 'Renders both revisions and prints each object that is added, changed or removed (Kind/name (namespace)), with a YAML diff of each changed object.',
      description: [
        '<from> and <to> are stage numbers (4), ids (04-sidecar-injection) or names (sidecar-injection), tags',
        '(v1.4.0+sidecar-injection), branches (stage/04-sidecar-injection, main) or commits. Nothing needs a cluster:',
        'the objects are rendered from the repository itself.',
      ],
      examples: ['sockshop-mesh diff 3 4', 'sockshop-mesh diff v1.4.0+sidecar-injection stage/05-ingress-gateway --output markdown', 'sockshop-mesh diff 0 8 --output json --dir ws'],
    }),
  run: async (args) => {
    const { values, positionals } = parseCommand(spec, args);
    const { diffRevisions } = await import('../../diff/diff-revisions.js');
    const { formatDiffReport } = await import('../../diff/format-diff.js');
    const tenant = values.tenant as string | undefined;
    const report = await diffRevisions((values.dir as string | undefined) ?? process.cwd(), positionals[0], positionals[1], undefined, tenant === undefined ? {} : { participant: tenant });
    process.stdout.write(formatDiffReport(report, ((values.output as string | undefined) ?? 'text') as DiffFormat));
    return 0;
  },
};
