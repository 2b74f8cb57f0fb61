/**
 * The rendered difference between two object lists, object by object: what was added, removed or
 * changed, with the changed fields and a line diff of the YAML of each changed object. Pure, and
 * indifferent to where the objects came from (a plan, a git revision, a kustomize build).
 */
import { compareObjects, labelObject, sortObjects, type ChangeType, type ObjectChange } from '../diff/compare-objects.js';
import { dump } from 'js-yaml';
import type { KubeObject } from '../render/manifest.js';
import { compareKeys, diffFields, type FieldChange } from './field-diff.js';
import { formatUnifiedDiff } from './line-diff.js';

export interface ObjectDiff {
  type: ChangeType;
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  /** `Kind/name (namespace)` */
  label: string;
  /** Changed objects: every field that differs. */
  fields: FieldChange[];
  /** Changed objects: unified hunks of the dumped YAML. */
  yamlDiff: string[];
  /** Added objects: the new object; removed objects: the old one. */
  object?: KubeObject;
}

const ORDER: Record<ChangeType, number> = { added: 0, changed: 1, removed: 2 };

/**
 * YAML with one key order at every level, whatever order the renderer wrote (the in-process one
 * keeps the templates' order, kustomize sorts): the line diff then shows only what changed.
 */
export function dumpCanonical(object: KubeObject): string {
  return dump(object, { lineWidth: -1, noRefs: true, sortKeys: compareKeys });
}

export function describeChange(change: ObjectChange): ObjectDiff {
  const object = (change.after ?? change.before)!;
  const base = {
    type: change.type,
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    label: labelObject(object),
  };
  if (change.type !== 'changed') return { ...base, fields: [], yamlDiff: [], object };
  const before = change.before!;
  const after = change.after!;
  return { ...base, fields: diffFields(before, after), yamlDiff: formatUnifiedDiff(dumpCanonical(before), dumpCanonical(after)) };
}

/** Changes as computed by compareObjects, described, in a stable order: added, changed, removed. */
export function describeChanges(changes: readonly ObjectChange[]): ObjectDiff[] {
  return changes.map(describeChange).sort((a, b) => ORDER[a.type] - ORDER[b.type]);
}

export function diffObjects(before: readonly KubeObject[], after: readonly KubeObject[]): ObjectDiff[] {
  return describeChanges(compareObjects(sortObjects(before), sortObjects(after)));
}

export function countChanges(diffs: readonly ObjectDiff[]): Record<ChangeType, number> {
  return {
    added: diffs.filter((diff) => diff.type === 'added').length,
    changed: diffs.filter((diff) => diff.type === 'changed').length,
    removed: diffs.filter((diff) => diff.type === 'removed').length,
  };
}
