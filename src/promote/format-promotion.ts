/**
 * Text of a promotion: the commit message of a pin move (which doubles as a pull-request body) and
 * the summary of what the next stage changes, shared with `status`. Pure.
 */
import { countChanges, type ObjectDiff } from '../diff/diff-objects.js';
import { formatFieldSummary } from '../diff/summarize-fields.js';
import { formatStageId, formatTag } from '../layout/layout.js';
import type { StageDefinition } from '../scenario/stages.js';
import type { Pin } from './bootstrap-pin.js';

export function formatStageTitle(stage: StageDefinition): string {
  return `stage ${String(stage.number).padStart(2, '0')} ${stage.title}`;
}

/** `added Kind/name (namespace)` lines, then the changed fields, as `status` and `promote` print them. */
export function formatChangeSummary(objects: readonly ObjectDiff[], indent = '  '): string[] {
  if (objects.length === 0) return [`${indent}(no object changes)`];
  const counts = countChanges(objects);
  return [
    `${indent}${counts.added} added, ${counts.changed} changed, ${counts.removed} removed:`,
    ...objects.map((diff) => `${indent}${diff.type.padEnd(7)} ${diff.label}`),
    ...formatFieldSummary(objects, { maxLines: 40 }).map((line) => `${indent}${line}`),
  ];
}

export function formatPromotionMessage(from: StageDefinition, to: StageDefinition, pins: readonly Pin[], objects: readonly ObjectDiff[]): string {
  const direction = to.number < from.number ? 'Roll back' : 'Promote';
  const fields = formatFieldSummary(objects, { maxLines: 40 });
  const lines = [
    `${direction} to ${formatStageTitle(to)} (${formatTag(to)})`,
    '',
    `${to.summary[0].toUpperCase()}${to.summary.slice(1)}.`,
    '',
    `Moves the bootstrap pin from ${formatTag(from)} (${formatStageId(from)}) to ${formatTag(to)} (${formatStageId(to)}):`,
    ...pins.map((pin) => `- ${pin.file}: ${pin.field}`),
    '',
    `What changes in the cluster, rendered (${formatStageId(from)} -> ${formatStageId(to)}):`,
    '',
    ...(objects.length === 0 ? ['(no object changes)'] : objects.map((diff) => `- ${diff.type} ${diff.label}`)),
    '',
    ...(fields.length > 0 ? ['```diff', ...fields, '```', ''] : []),
    'Written by `sockshop-mesh promote`. The engine follows once this commit is pushed and the bootstrap re-applied',
    '(or at once, where the bootstrap itself is synced by Argo CD or Flux).',
  ];
  return `${lines.join('\n')}\n`;
}
