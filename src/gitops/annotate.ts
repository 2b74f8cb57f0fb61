/**
 * What each GitOps engine needs written on the objects themselves. Argo CD orders one Application
 * by sync waves (one per layer, each healthy before the next) and must not dry-run objects whose
 * CRD an operator installs later. Flux orders by separate Kustomizations instead (see flux.ts), so
 * it needs nothing here.
 */
import { ARGOCD_NAMESPACE } from '../layout/layout.js';
import type { KubeObject } from '../render/manifest.js';
import { findKind } from '../scenario/kinds.js';
import type { Layer } from '../scenario/stages.js';
import type { GitOpsEngine } from '../settings/settings.js';

export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
export const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
export const SKIP_DRY_RUN = 'SkipDryRunOnMissingResource=true';
/** OpenShift GitOps manages a namespace only when it carries this label. */
export const MANAGED_BY = 'argocd.argoproj.io/managed-by';

export const LAYER_WAVES: Record<Layer, string | undefined> = { platform: '-2', mesh: '-1', apps: undefined };

/** A copy of the object with the engines' annotations and labels added. */
export function annotateObject(object: KubeObject, layer: Layer, engines: readonly GitOpsEngine[]): KubeObject {
  if (!engines.includes('argocd')) return object;
  const annotations: Record<string, string> = { ...object.metadata.annotations };
  const wave = LAYER_WAVES[layer];
  if (wave !== undefined) annotations[SYNC_WAVE] = wave;
  if (findKind(object.apiVersion, object.kind)?.source === 'operator') annotations[SYNC_OPTIONS] = SKIP_DRY_RUN;
  const metadata: KubeObject['metadata'] = { ...object.metadata };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  if (object.kind === 'Namespace') metadata.labels = { ...object.metadata.labels, [MANAGED_BY]: ARGOCD_NAMESPACE };
  return { ...object, metadata };
}
