/**
 * The commit message of a stage, written to serve as its pull-request description: what the stage
 * teaches, what it changes in the cluster (computed from the rendered objects), where to read more.
 */
import type { DocsContext } from '../docs/docs-context.js';

function listSection(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : [`${title}:`, ...items.map((item) => `- ${item}`), ''];
}

export function formatStageMessage(context: DocsContext): string {
  const { stage, previous, changes } = context;
  const lines = [
    `Stage ${String(stage.number).padStart(2, '0')} ${stage.title}: ${stage.summary}`,
    '',
    stage.lesson,
    '',
    previous
      ? `What changes in the cluster, rendered and compared with stage ${previous.id}:`
      : 'What the cluster gets, rendered:',
    '',
    ...listSection('Added', changes.added),
    ...listSection('Changed', changes.changed),
    ...listSection('Removed', changes.removed),
    `The overlay is ${stage.dir}/${previous ? `, built on ${previous.dir}/` : ''}; ${context.entryDir}/ now points at it.`,
    `How to observe it and how to go back: ${stage.dir}/README.md`,
    `Tag: ${stage.tag}`,
  ];
  return `${lines.join('\n')}\n`;
}
