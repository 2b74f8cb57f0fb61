/**
 * The subset of kustomize's patching that our overlays use, done in-process: strategic-merge patches
 * on maps (recursive merge, `null` removes a key, lists are replaced), `$patch: delete`, and
 * targets that select objects by kind and name. Real kustomize builds the same overlays in the
 * tests, and the results are compared object by object.
 */
import { mergeStrategic } from '../kustomize/strategic-merge.js';
import { identifyObject, type KubeObject } from './manifest.js';

export interface PatchTarget {
  kind: string;
  name?: string;
}

export interface Patch {
  file: string;
  patch: KubeObject;
  target?: PatchTarget;
}

/** Kustomize's strategic merge for the objects our overlays hold (shared with the on-disk renderer). */
export const mergePatch = mergeStrategic;

function withoutIdentity(patch: KubeObject): Record<string, unknown> {
  const { metadata, apiVersion: _apiVersion, kind: _kind, ...rest } = patch;
  const { name: _name, namespace: _namespace, ...otherMetadata } = metadata;
  return Object.keys(otherMetadata).length > 0 ? { ...rest, metadata: otherMetadata } : rest;
}

/** Applies the patches in order; a patch that matches nothing is an error, as in kustomize. */
export function applyPatches(objects: readonly KubeObject[], patches: readonly Patch[]): KubeObject[] {
  let result = [...objects];
  for (const { file, patch, target } of patches) {
    const matches = (object: KubeObject) =>
      target
        ? object.kind === target.kind && (target.name === undefined || object.metadata.name === target.name)
        : identifyObject(object) === identifyObject(patch);
    if (!result.some(matches)) throw new Error(`${file}: the patch matches no object`);
    if (patch.$patch === 'delete') {
      result = result.filter((object) => !matches(object));
      continue;
    }
    const body = withoutIdentity(patch);
    result = result.map((object) => (matches(object) ? (mergePatch(object, body) as KubeObject) : object));
  }
  return result;
}
