/**
 * A class: the shared stage folders are written for a placeholder participant, and each
 * participant's overlay swaps the placeholder's names for their own with kustomize replacements.
 * This module computes those replacements from the rendered objects: every string field whose value
 * is one of the placeholder's names becomes a target of that name's replacement. Names (metadata.name)
 * are replaced after every other field, namespaces last, so each target is still selected by the
 * placeholder's identity when its turn comes.
 */
import { LOCAL_CONFIG } from '../kustomize/index.js';
import type { ParticipantNames } from '../layout/names.js';
import type { KubeObject } from '../render/manifest.js';

/** The local-config object each participant's overlay reads its names from. */
export const VALUES_OBJECT = 'participant-values';

type NameKey = keyof ParticipantNames;

/** The names that differ between participants, each value once (the first key that has it). */
export function selectVaryingNames(placeholder: ParticipantNames, other: ParticipantNames): Map<string, NameKey> {
  const byValue = new Map<string, NameKey>();
  for (const key of Object.keys(placeholder) as NameKey[]) {
    const value = placeholder[key];
    if (value === '' || value === other[key] || byValue.has(value)) continue;
    byValue.set(value, key);
  }
  return byValue;
}

function formatSegment(segment: string | number): string {
  return typeof segment === 'number' || /^[A-Za-z0-9_-]+$/.test(segment) ? String(segment) : `[${segment}]`;
}

interface Found {
  key: NameKey;
  object: KubeObject;
  path: string;
}

function walk(value: unknown, path: (string | number)[], visit: (path: (string | number)[], text: string) => void): void {
  if (typeof value === 'string') visit(path, value);
  else if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...path, index], visit));
  else if (value && typeof value === 'object') for (const [key, child] of Object.entries(value)) walk(child, [...path, key], visit);
}

function selectOf(object: KubeObject): Record<string, string> {
  return { kind: object.kind, name: object.metadata.name, ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}) };
}

/** The kustomize Component (as data) that turns the placeholder's objects into a participant's. */
export function buildParticipantComponent(objects: readonly KubeObject[], names: Map<string, NameKey>): Record<string, unknown> {
  const values: Found[] = [];
  const renames: Found[] = [];
  const namespaces = new Set<string>();
  for (const object of objects) {
    walk(object, [], (path, text) => {
      const key = names.get(text);
      if (!key) return;
      const field = path.map(formatSegment).join('.');
      if (field === 'metadata.namespace') namespaces.add(text);
      else (field === 'metadata.name' ? renames : values).push({ key, object, path: field });
    });
  }
  const group = (found: readonly Found[]) => {
    const byKey = new Map<NameKey, Map<string, { select: Record<string, string>; fieldPaths: string[] }>>();
    for (const { key, object, path } of found) {
      const targets = byKey.get(key) ?? new Map();
      byKey.set(key, targets);
      const id = JSON.stringify(selectOf(object));
      const target = targets.get(id) ?? { select: selectOf(object), fieldPaths: [] };
      targets.set(id, target);
      target.fieldPaths.push(path);
    }
    return [...byKey].map(([key, targets]) => ({ source: sourceOf(key), targets: [...targets.values()] }));
  };
  const namespaceReplacements = [...namespaces].sort().map((namespace) => ({
    source: sourceOf(names.get(namespace)!),
    targets: [{ select: { namespace }, fieldPaths: ['metadata.namespace'] }],
  }));
  return {
    apiVersion: 'kustomize.config.k8s.io/v1alpha1',
    kind: 'Component',
    replacements: [...group(values), ...group(renames), ...namespaceReplacements],
  };
}

function sourceOf(key: NameKey): Record<string, string> {
  return { kind: 'ConfigMap', name: VALUES_OBJECT, fieldPath: `data.${key}` };
}

/** One participant's values: the local-config object the component reads (kustomize leaves it out of the build). */
export function buildParticipantValues(names: ParticipantNames, keys: Map<string, NameKey>): KubeObject {
  const data = Object.fromEntries([...new Set(keys.values())].map((key) => [key, names[key]]));
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: VALUES_OBJECT, annotations: { [LOCAL_CONFIG]: 'true' } },
    data,
  };
}
