/** What changed between two rendered stages, object by object. */
import { isDeepStrictEqual } from 'node:util';
import { identifyObject, type KubeObject } from '../render/manifest.js';

export type ChangeType = 'added' | 'changed' | 'removed';

export interface ObjectChange {
  type: ChangeType;
  before?: KubeObject;
  after?: KubeObject;
}

export function compareObjects(before: readonly KubeObject[], after: readonly KubeObject[]): ObjectChange[] {
  const old = new Map(before.map((object) => [identifyObject(object), object]));
  const changes: ObjectChange[] = [];
  const seen = new Set<string>();
  for (const object of after) {
    const id = identifyObject(object);
    seen.add(id);
    const previous = old.get(id);
    if (!previous) changes.push({ type: 'added', after: object });
    else if (!isDeepStrictEqual(previous, object)) changes.push({ type: 'changed', before: previous, after: object });
  }
  for (const [id, object] of old) if (!seen.has(id)) changes.push({ type: 'removed', before: object });
  return changes;
}

/** `Kind/name (namespace)`, the way reports and docs name an object. */
export function labelObject(object: KubeObject): string {
  const { kind, metadata } = object;
  return `${kind}/${metadata.name}${metadata.namespace ? ` (${metadata.namespace})` : ''}`;
}

/** Objects in a stable order: by kind, namespace, name. */
export function sortObjects(objects: readonly KubeObject[]): KubeObject[] {
  const key = (object: KubeObject) => `${object.kind}\u0000${object.metadata.namespace ?? ''}\u0000${object.metadata.name}\u0000${object.apiVersion}`;
  return [...objects].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
