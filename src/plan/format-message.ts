/**
 * The commit message of a stage, written to serve as its pull-request description, in the
 * repository's language: what the stage teaches, what it changes in the cluster (computed from the
 * rendered objects, down to the changed fields), where to read more. And the tag message.
 */
import type { DocsContext } from '../docs/docs-context.js';
import { formatMessage } from '../docs/messages.js';
import type { ObjectChange } from '../diff/compare-objects.js';
import { describeChanges } from '../diff/diff-objects.js';
import { formatFieldSummary } from '../diff/summarize-fields.js';

function listSection(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : [`${title}:`, ...items.map((item) => `- ${item}`), ''];
}

/** A fenced `diff` block (rendered in colour by GitHub and GitLab, still plain text in `git log`). */
function fieldSection(context: DocsContext, changes: readonly ObjectChange[]): string[] {
  const lines = formatFieldSummary(describeChanges(changes), { width: 160, maxLines: 40 });
  return lines.length === 0 ? [] : [formatMessage(context.settings.lang, 'commit.changedFields'), '', '```diff', ...lines, '```', ''];
}

export function formatStageMessage(context: DocsContext, changes: readonly ObjectChange[] = []): string {
  const { stage, previous, settings } = context;
  const say = (key: string, values: Record<string, string | number> = {}) => formatMessage(settings.lang, key, values);
  const lists = context.changes;
  const lines = [
    say('commit.subject', { number: String(stage.number).padStart(2, '0'), title: stage.title, summary: stage.summary }),
    '',
    stage.lesson,
    '',
    previous ? say('commit.changesAgainst', { previous: previous.id }) : say('commit.changesFirst'),
    '',
    ...listSection(say('commit.added'), lists.added),
    ...listSection(say('commit.changed'), lists.changed),
    ...listSection(say('commit.removed'), lists.removed),
    ...fieldSection(context, changes),
    previous
      ? say('commit.overlayBuiltOn', { dir: stage.dir, previous: previous.dir, entry: context.entryDir })
      : say('commit.overlay', { dir: stage.dir, entry: context.entryDir }),
    say('commit.observe', { readme: `${stage.dir}/README.md` }),
    say('commit.tag', { tag: stage.tag }),
  ];
  return `${lines.join('\n')}\n`;
}

export function formatTagMessage(context: DocsContext): string {
  const { stage, settings } = context;
  return `${formatMessage(settings.lang, 'tag.message', { number: String(stage.number).padStart(2, '0'), title: stage.title, summary: stage.summary })}\n`;
}
