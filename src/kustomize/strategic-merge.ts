/**
 * Strategic-merge patches as kustomize applies them to the objects our overlays hold: maps merge
 * recursively, `null` removes a key (also inside maps the patch adds), lists are replaced, and a
 * top-level `$patch: delete` removes the object. Kustomize merges lists of Kubernetes' own kinds by
 * key (containers by name, …) from its built-in schema; that is not done here, so such a patch is
 * reported as unsupported rather than merged differently.
 */
import { UnsupportedKustomizationError } from './errors.js';
import { isMap } from './parse-documents.js';

/** Kinds whose schema kustomize knows: core, unqualified groups (`apps`, `batch`) and `*.k8s.io`. */
export function isBuiltInApiVersion(apiVersion: string): boolean {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io');
}

function containsList(value: unknown): boolean {
  if (Array.isArray(value)) return true;
  return isMap(value) && Object.values(value).some(containsList);
}

/** Refuses the directives this renderer does not implement (`$patch: replace`, `$retainKeys`, …). */
export function checkPatchDirectives(patch: Record<string, unknown>, file: string): void {
  const visit = (value: unknown, path: string, top: boolean): void => {
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${path}[${i}]`, false));
    if (!isMap(value)) return;
    for (const [key, child] of Object.entries(value)) {
      const here = path ? `${path}.${key}` : key;
      if (key.startsWith('$') && !(top && key === '$patch' && child === 'delete')) {
        throw new UnsupportedKustomizationError(file, here, 'strategic-merge directive');
      }
      visit(child, here, false);
    }
  };
  visit(patch, '', true);
}

/** Refuses a patch with lists for a built-in kind, where kustomize would merge the lists by key. */
export function checkListMerge(patch: Record<string, unknown>, targetApiVersion: string, file: string): void {
  if (!isBuiltInApiVersion(targetApiVersion)) return;
  const { metadata: _metadata, ...body } = patch;
  if (containsList(body) || (isMap(patch.metadata) && containsList(patch.metadata))) {
    throw new UnsupportedKustomizationError(file, 'patches', `a list in a patch of ${targetApiVersion} objects, which kustomize merges by key`);
  }
}

function dropNulls(value: unknown): unknown {
  if (!isMap(value)) return structuredClone(value);
  const kept: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) if (child !== null) kept[key] = dropNulls(child);
  return kept;
}

/** The base with the patch merged in; neither argument is changed. */
export function mergeStrategic(base: unknown, patch: unknown): unknown {
  if (!isMap(base) || !isMap(patch)) return dropNulls(patch);
  const merged: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = key in merged ? mergeStrategic(merged[key], value) : dropNulls(value);
  }
  return merged;
}
