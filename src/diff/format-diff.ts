/**
 * The rendered diff between two revisions as a person or a program reads it: plain text for a
 * terminal, Markdown for a pull request or an issue, JSON for scripts.
 */
import { countChanges, type ObjectDiff } from './diff-objects.js';

export type DiffFormat = 'text' | 'markdown' | 'json';
export const DIFF_FORMATS: readonly DiffFormat[] = ['text', 'markdown', 'json'];

/** One side of the comparison: what the user typed, resolved. */
export interface DiffSide {
  /** As given: `3`, `v1.3.0+member-roll`, `stage/03-member-roll`, `main`. */
  input: string;
  /** The commit it resolved to. */
  commit: string;
  /** The stage the tree at that commit holds, e.g. `03-member-roll`. */
  stageId: string;
  /** The stage tag, e.g. `v1.3.0+member-roll`. */
  tag: string;
}

export interface DiffReport {
  from: DiffSide;
  to: DiffSide;
  objects: ObjectDiff[];
  /** Things the reader should know about how the objects were obtained. */
  notes: string[];
}

const describeSide = (side: DiffSide) => (side.input === side.tag ? side.tag : `${side.input} (${side.tag})`);

export function formatSummaryLine(report: DiffReport): string {
  const counts = countChanges(report.objects);
  const total = report.objects.length === 0 ? 'no change' : `${counts.added} added, ${counts.changed} changed, ${counts.removed} removed`;
  return `${describeSide(report.from)} -> ${describeSide(report.to)}: ${total}`;
}

function formatText(report: DiffReport): string {
  const lines = [`Rendered diff ${formatSummaryLine(report)}`, ...report.notes.map((note) => `note: ${note}`), ''];
  for (const diff of report.objects) {
    lines.push(`${diff.type.padEnd(7)} ${diff.label}`);
    for (const line of diff.yamlDiff) lines.push(`    ${line}`);
  }
  return `${lines.join('\n')}\n`;
}

function formatMarkdown(report: DiffReport): string {
  const counts = countChanges(report.objects);
  const lines = [
    `### Rendered diff: \`${report.from.tag}\` → \`${report.to.tag}\``,
    '',
    `${counts.added} added, ${counts.changed} changed, ${counts.removed} removed (stage ${report.from.stageId} → ${report.to.stageId}).`,
    ...report.notes.map((note) => `\n> ${note}`),
    '',
  ];
  if (report.objects.length > 0) {
    lines.push('| change | object | namespace |', '|---|---|---|');
    for (const diff of report.objects) lines.push(`| ${diff.type} | \`${diff.kind}/${diff.name}\` | ${diff.namespace ?? ''} |`);
    lines.push('');
  }
  for (const diff of report.objects.filter((object) => object.type === 'changed')) {
    lines.push(`#### changed \`${diff.kind}/${diff.name}\`${diff.namespace ? ` (${diff.namespace})` : ''}`, '', '```diff', ...diff.yamlDiff, '```', '');
  }
  return `${lines.join('\n')}`;
}

function formatJson(report: DiffReport): string {
  const json = {
    from: report.from,
    to: report.to,
    summary: countChanges(report.objects),
    notes: report.notes,
    objects: report.objects.map((diff) => ({
      change: diff.type,
      apiVersion: diff.apiVersion,
      kind: diff.kind,
      name: diff.name,
      ...(diff.namespace ? { namespace: diff.namespace } : {}),
      ...(diff.type === 'changed' ? { fields: diff.fields, yamlDiff: diff.yamlDiff } : { object: diff.object }),
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

export function formatDiffReport(report: DiffReport, format: DiffFormat): string {
  switch (format) {
    case 'text':
      return formatText(report);
    case 'markdown':
      return formatMarkdown(report);
    case 'json':
      return formatJson(report);
  }
}
