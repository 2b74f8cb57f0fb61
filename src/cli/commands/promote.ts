/** `sockshop-mesh promote [stage]`: move the cluster (or class participants) to the next or named stage, in pin or follow mode. */
import { redactCredentials } from '../../util/redact.js';
import { bootstrapDir, TAG_RANGE } from '../../layout/layout.js';
import type { PromoteResult } from '../../promote/promote.js';
import type { Command } from '../command.js';
import { formatCommandHelp, parseCommand, type CommandSpec } from '../parse-command.js';

const spec: CommandSpec = {
  name: 'promote',
  positionals: ['[stage]'],
  optionalPositionals: 1,
  options: [
    { name: 'tenant', type: 'string', value: '<name>', description: 'a class: move this participant only' },
    { name: 'all', type: 'boolean', description: 'a class: move every participant (each one stage on, or all to the named stage)' },
    { name: 'skip', type: 'boolean', description: 'allow jumping over stages to the named one' },
    { name: 'rollback', type: 'boolean', description: 'allow moving back to an earlier stage' },
    { name: 'push', type: 'boolean', description: 'pin mode: push the promotion commit (follow mode always pushes the tag)' },
    { name: 'remote', type: 'string', value: '<url>', description: 'the remote to push to or read (default: origin)' },
  ],
};

export function formatPromoteResult(result: PromoteResult, summary: (objects: PromoteResult['moves'][number], indent: string) => string[], cli: string = result.cli ?? 'oc'): string {
  const title = (stage: PromoteResult['moves'][number]['to']) => `${stage.id} (${stage.tag})`;
  const lines: string[] = [];
  const moved = result.moves.filter((move) => !move.unchanged);
  for (const move of result.moves) {
    const who = move.participant ? `${move.participant}: ` : '';
    if (move.unchanged) {
      lines.push(`${who}${title(move.to)} is already live; nothing to do.`);
      continue;
    }
    lines.push(`${who}${move.to.number < move.from.number ? 'rolled back' : 'promoted'} to ${title(move.to)}, from ${title(move.from)}.`);
  }
  if (moved.length === 0) return `${lines.join('\n')}\n`;
  if (result.mode === 'pin') {
    const files = moved.flatMap((move) => move.pins.map((pin) => pin.file));
    lines.push(`Committed ${result.commit!.slice(0, 12)} on the main branch, moving ${files.length > 4 ? `${files.length} pins` : files.join(' and ')}.`);
  } else {
    const what = result.pushed.map((ref) => (ref.startsWith(':') ? `deleted ${ref.slice(':refs/tags/'.length)}` : ref.split(':')[0].replace('refs/tags/', '')));
    lines.push(what.length > 0 ? `On ${result.remote}: ${what.join(', ')}.` : `${result.remote} already had the tags.`);
  }
  // The same change for every participant moving between the same stages: shown once per pair.
  const shown = new Set<string>();
  for (const move of moved) {
    const key = `${move.from.number}->${move.to.number}`;
    if (shown.has(key)) continue;
    shown.add(key);
    lines.push('', `What changes in the cluster, ${move.from.id} -> ${move.to.id} (rendered${move.participant ? ` for ${move.participant}` : ''}):`, ...summary(move, '  '));
  }
  lines.push('', 'Next:');
  if (result.mode === 'pin') {
    if (result.pushed.length === 0) lines.push('  - push the commit: sockshop-mesh publish (or git push), or use promote --push next time;');
    else lines.push(`  - pushed ${result.pushed.map((ref) => ref.split(':')[0].replace(/^refs\/(heads|tags)\//, '')).join(' and ')} to ${result.remote};`);
    const engines = [...new Set(moved.flatMap((move) => move.pins.map((pin) => `${cli} apply -k ${bootstrapDir(pin.engine)}`)))];
    lines.push(
      `  - apply the bootstrap so the engine reads the new pins: ${engines.join(' / ')}`,
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
  summary: 'move the cluster (or a class participant) to the next or named stage: a pin commit on main, or the next tag pushed',
  help: () =>
    formatCommandHelp({
      spec,
      summary: 'Moves the cluster one stage on, in the mode the bootstrap is written in.',
      description: [
        'pin mode (bootstrap names a stage tag): rewrites spec.source.targetRevision (Argo CD) and spec.ref.tag (Flux)',
        "  to the next stage's tag as one commit on the main branch, whose message is the rendered change.",
        '  A class: each participant has their own pins; --tenant NAME moves one, --all moves everybody one stage on.',
        `follow mode (bootstrap follows "${TAG_RANGE}"): pushes the next stage tag; the engine syncs the highest tag`,
        '  (a class moves together).',
        'Skipping stages needs --skip, going back needs --rollback (follow mode: the later tags are deleted from the remote).',
        'Refused, with nothing changed: an unknown stage or participant, uncommitted changes, another branch checked out, a diverged remote.',
      ],
      examples: [
        'sockshop-mesh promote',
        'sockshop-mesh promote --push',
        'sockshop-mesh promote --tenant user7',
        'sockshop-mesh promote --all --push',
        'sockshop-mesh promote 06 --skip',
        'sockshop-mesh promote 3 --rollback --dir ws',
      ],
    }),
  run: async (args) => {
    const { values, positionals } = parseCommand(spec, args);
    (await import('../../publish/publish.js')).refuseCredentials(values.remote as string | undefined);
    const { promote } = await import('../../promote/promote.js');
    const { formatChangeSummary } = await import('../../promote/format-promotion.js');
    const result = await promote({
      dir: (values.dir as string | undefined) ?? process.cwd(),
      stage: positionals[0],
      skip: Boolean(values.skip),
      rollback: Boolean(values.rollback),
      push: Boolean(values.push),
      remote: values.remote as string | undefined,
      tenant: values.tenant as string | undefined,
      all: Boolean(values.all),
    });
    process.stdout.write(redactCredentials(formatPromoteResult(result, (move, indent) => formatChangeSummary(move.report.objects, indent))));
    return 0;
  },
};
