/**
 * The changed fields of a stage, compact enough for a commit message (and so a pull-request body):
 * objects that changed in exactly the same way are listed once (the sidecar stage changes 13
 * Deployments identically), values are shortened, and a long list ends with a pointer to the
 * `diff` command rather than burying the rest of the message.
 */
import type { ObjectDiff } from './diff-objects.js';
import { formatFieldChange, type FieldChange } from './field-diff.js';

export interface FieldGroup {
  kind: string;
  namespace?: string;
  names: string[];
  changes: FieldChange[];
}

export function groupFieldChanges(diffs: readonly ObjectDiff[]): FieldGroup[] {
  const groups = new Map<string, FieldGroup>();
  for (const diff of diffs) {
    if (diff.type !== 'changed') continue;
    const key = JSON.stringify([diff.kind, diff.namespace ?? '', diff.fields]);
    const group = groups.get(key);
    if (group) group.names.push(diff.name);
    else groups.set(key, { kind: diff.kind, ...(diff.namespace ? { namespace: diff.namespace } : {}), names: [diff.name], changes: diff.fields });
  }
  return [...groups.values()];
}

export function formatGroupHeader(group: FieldGroup): string {
  const where = group.namespace ? ` (${group.namespace})` : '';
  if (group.names.length === 1) return `@@ ${group.kind}/${group.names[0]}${where} @@`;
  return `@@ ${group.names.length} × ${group.kind}${where}: ${group.names.join(', ')} @@`;
}

function shorten(line: string, width: number): string {
  return line.length <= width ? line : `${line.slice(0, width - 1)}…`;
}

export interface SummaryLimits {
  /** Longest line kept whole. */
  width?: number;
  /** Field lines before the list is cut short. */
  maxLines?: number;
}

/** Diff-style lines: a `@@ Kind/name (namespace) @@` header per group, then `+`/`-` field lines. */
export function formatFieldSummary(diffs: readonly ObjectDiff[], limits: SummaryLimits = {}): string[] {
  const width = limits.width ?? 160;
  const maxLines = limits.maxLines ?? Infinity;
  const lines: string[] = [];
  let shown = 0;
  let hidden = 0;
  for (const group of groupFieldChanges(diffs)) {
    const fieldLines = group.changes.flatMap(formatFieldChange);
    if (shown >= maxLines) {
      hidden += fieldLines.length;
      continue;
    }
    lines.push(formatGroupHeader(group));
    const room = maxLines - shown;
    lines.push(...fieldLines.slice(0, room).map((line) => shorten(line, width)));
    shown += Math.min(room, fieldLines.length);
    hidden += Math.max(0, fieldLines.length - room);
  }
  if (hidden > 0) lines.push(`@@ … ${hidden} more field lines @@`);
  return lines;
}
