/** `sockshop-mesh promote [stage]`: move the cluster to the next (or named) stage, in pin or follow mode. */
import { bootstrapDir, formatTag, TAG_RANGE } from '../../layout/layout.js';
import type { PromoteResult } from '../../promote/promote.js';
import type { Command } from '../command.js';
import { formatCommandHelp, parseCommand, type CommandSpec } from '../parse-command.js';

const spec: CommandSpec = {
  name: 'promote',
  positionals: ['[stage]'],
  optionalPositionals: 1,
  options: [
    { name: 'skip', type: 'boolean', description: 'allow jumping over stages to the named one' },
    { name: 'rollback', type: 'boolean', description: 'allow moving back to an earlier stage' },
    { name: 'push', type: 'boolean', description: 'pin mode: push the promotion commit (follow mode always pushes the tag)' },
    { name: 'remote', type: 'string', value: '<url>', description: 'the remote to push to or read (default: origin)' },
  ],
};

export function formatPromoteResult(result: PromoteResult, summary: (indent: string) => string[]): string {
  const { from, to } = result;
  const title = (stage: PromoteResult['to']) => `stage ${String(stage.number).padStart(2, '0')} ${stage.title} (${formatTag(stage)})`;
  if (result.unchanged) return `${title(to)} is already live; nothing to do.\n`;
  const verb = to.number < from.number ? 'Rolled back' : 'Promoted';
  const lines = [`${verb} to ${title(to)}, from ${title(from)}.`];
  if (result.mode === 'pin') {
    lines.push(`Committed ${result.commit!.slice(0, 12)} on the main branch, moving ${result.pins.map((pin) => `${pin.file} ${pin.field}`).join(' and ')}.`);
  } else {
    const what = result.pushed.map((ref) => (ref.startsWith(':') ? `deleted ${ref.slice(':refs/tags/'.length)}` : ref.split(':')[0].replace('refs/tags/', '')));
    lines.push(`${what.length > 0 ? `On ${result.remote}: ${what.join(', ')}.` : `${result.remote} already had the tags.`}`);
  }
  lines.push('', 'What changes in the cluster (rendered):', ...summary('  '), '', 'Next:');
  if (result.mode === 'pin') {
    if (result.pushed.length === 0) lines.push('  - push the commit: sockshop-mesh publish (or git push), or use promote --push next time;');
    else lines.push(`  - pushed ${result.pushed.map((ref) => ref.split(':')[0].replace(/^refs\/(heads|tags)\//, '')).join(' and ')} to ${result.remote};`);
    const engines = result.pins.map((pin) => `oc apply -k ${bootstrapDir(pin.engine)}`);
    lines.push(
      `  - apply the bootstrap so the engine reads the new pin: ${engines.join(' / ')}`,
      '    (nothing to do where the bootstrap itself is synced by Argo CD or Flux, e.g. an app of apps).',
    );
  } else {
    lines.push(
      `  - nothing: the bootstrap follows "${TAG_RANGE}", so Argo CD and Flux move to the highest stage tag on their next poll`,
      '    (Flux: the GitRepository interval, 1m; Argo CD: its refresh interval, or `argocd app get <app> --refresh`).',
    );
  }
  lines.push('  - watch it converge, then `sockshop-mesh status` shows what the next promotion would change.');
  return `${lines.join('\n')}\n`;
}

export const promoteCommand: Command = {
  name: 'promote',
  usage: '[stage]',
  summary: 'move the cluster to the next (or named) stage: a pin commit on main, or the next tag pushed',
  help: () =>
    formatCommandHelp({
      spec,
      summary: 'Moves the cluster one stage on, in the mode the bootstrap is written in.',
      description: [
        'pin mode (bootstrap names a stage tag): rewrites spec.source.targetRevision (Argo CD) and spec.ref.tag (Flux)',
        '  to the next stage\'s tag as one commit on the main branch, whose message is the rendered change.',
        `follow mode (bootstrap follows "${TAG_RANGE}"): pushes the next stage tag; the engine syncs the highest tag.`,
        'Skipping stages needs --skip, going back needs --rollback (follow mode: the later tags are deleted from the remote).',
        'Refused, with nothing changed: an unknown stage, uncommitted changes, another branch checked out, a diverged remote.',
      ],
      examples: ['sockshop-mesh promote', 'sockshop-mesh promote --push', 'sockshop-mesh promote 06 --skip', 'sockshop-mesh promote 3 --rollback --dir ws'],
    }),
  run: async (args) => {
    const { values, positionals } = parseCommand(spec, args);
    const { promote } = await import('../../promote/promote.js');
    const { formatChangeSummary } = await import('../../promote/format-promotion.js');
    const result = await promote({
      dir: (values.dir as string | undefined) ?? process.cwd(),
      stage: positionals[0],
      skip: Boolean(values.skip),
      rollback: Boolean(values.rollback),
      push: Boolean(values.push),
      remote: values.remote as string | undefined,
    });
    process.stdout.write(formatPromoteResult(result, (indent) => formatChangeSummary(result.report.objects, indent)));
    return 0;
  },
};
