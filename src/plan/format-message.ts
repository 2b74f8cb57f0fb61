/**
 * The commit message of a stage, written to serve as its pull-request description: what the stage
 * teaches, what it changes in the cluster (computed from the rendered objects, down to the changed
 * fields), where to read more.
 */
import type { DocsContext } from '../docs/docs-context.js';
import { describeChanges } from '../diff/diff-objects.js';
import { formatFieldSummary } from '../diff/summarize-fields.js';
import type { ObjectChange } from './compare-objects.js';

function listSection(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : [`${title}:`, ...items.map((item) => `- ${item}`), ''];
}

/** A fenced `diff` block (rendered in colour by GitHub and GitLab, still plain text in `git log`). */
function fieldSection(changes: readonly ObjectChange[]): string[] {
  const lines = formatFieldSummary(describeChanges(changes), { width: 160, maxLines: 40 });
  return lines.length === 0 ? [] : ['Changed fields (- before, + after):', '', '```diff', ...lines, '```', ''];
}

export function formatStageMessage(context: DocsContext, changes: readonly ObjectChange[] = []): string {
  const { stage, previous } = context;
  const lists = context.changes;
  const lines = [
    `Stage ${String(stage.number).padStart(2, '0')} ${stage.title}: ${stage.summary}`,
    '',
    stage.lesson,
    '',
    previous
      ? `What changes in the cluster, rendered and compared with stage ${previous.id}:`
      : 'What the cluster gets, rendered:',
    '',
    ...listSection('Added', lists.added),
    ...listSection('Changed', lists.changed),
    ...listSection('Removed', lists.removed),
    ...fieldSection(changes),
    `The overlay is ${stage.dir}/${previous ? `, built on ${previous.dir}/` : ''}; ${context.entryDir}/ now points at it.`,
    `How to observe it and how to go back: ${stage.dir}/README.md`,
    `Tag: ${stage.tag}`,
  ];
  return `${lines.join('\n')}\n`;
}
