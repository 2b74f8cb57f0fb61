/**
 * Text of a promotion: the commit message of a pin move (which doubles as a pull-request body) and
 * the summary of what the next stage changes, shared with `status`. Pure.
 */
import { countChanges, type ObjectDiff } from '../diff/diff-objects.js';
import { formatMessage } from '../docs/messages.js';
import { DEFAULT_LANGUAGE, type LanguageId } from '../languages/registry.js';
import { formatFieldSummary } from '../diff/summarize-fields.js';
import type { RepoStage } from '../repo/stage-index.js';
import type { Pin } from './bootstrap-pin.js';

/** `stage 04 (v1.4.0+sidecar-injection)`, and the stage's own commit subject. */
export function formatStageTitle(stage: RepoStage): string {
  return `${stage.id} (${stage.tag})`;
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

export interface PromotionMove {
  /** A class participant, or undefined for the one-participant repository. */
  participant?: string;
  from: RepoStage;
  to: RepoStage;
  pins: readonly Pin[];
  objects: readonly ObjectDiff[];
}

/** The commit message of a pin move (one participant, several, or the whole repository), in the repository's language. */
export function formatPromotionMessage(moves: readonly PromotionMove[], lang: LanguageId = DEFAULT_LANGUAGE): string {
  const say = (key: string, values: Record<string, string | number> = {}) => formatMessage(lang, `promote.${key}`, values);
  const [first] = moves;
  const backwards = moves.every((move) => move.to.number < move.from.number);
  const targets = [...new Set(moves.map((move) => move.to.id))].join(', ');
  const verb = backwards ? 'rollBack' : 'promote';
  const subject =
    moves.length > 1
      ? say(`subject.${verb}Many`, { count: moves.length, targets })
      : first.participant
        ? say(`subject.${verb}One`, { participant: first.participant, targets })
        : say(`subject.${verb}`, { targets });
  const lines = [subject, ''];
  for (const move of moves) {
    const fields = formatFieldSummary(move.objects, { maxLines: 40 });
    lines.push(
      `${move.participant ? `${move.participant}: ` : ''}${formatStageTitle(move.from)} -> ${formatStageTitle(move.to)}`,
      move.to.subject,
      '',
      say('pins'),
      ...move.pins.map((pin) => `- ${pin.file}: ${pin.field}`),
      '',
      say('changes'),
      '',
      ...(move.objects.length === 0 ? [say('noChanges')] : move.objects.map((diff) => `- ${diff.type} ${diff.label}`)),
      '',
      ...(fields.length > 0 ? ['```diff', ...fields, '```', ''] : []),
    );
  }
  lines.push(say('writtenBy'), say('orAtOnce'));
  return `${lines.join('\n')}\n`;
}
