/**
 * What each GitOps engine needs written on the objects themselves. Argo CD orders one Application
 * by sync waves (one per layer, each healthy before the next) and must not dry-run objects whose
 * CRD an operator installs later. Flux orders by separate Kustomizations instead (see flux.ts), so
 * it needs nothing here. OpenShift GitOps manages a namespace only when it carries a label.
 */
import type { Flavor, Layer } from '../flavors/types.js';
import type { KubeObject } from '../render/manifest.js';
import type { GitOpsEngine } from '../settings/settings.js';

export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
export const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
export const SKIP_DRY_RUN = 'SkipDryRunOnMissingResource=true';
/** OpenShift GitOps manages a namespace only when it carries this label. */
export const MANAGED_BY = 'argocd.argoproj.io/managed-by';

/** The Argo CD sync wave of each layer of a flavor: negative, in layer order, the last layer in wave 0 (no annotation). */
export function computeLayerWaves(flavor: Pick<Flavor, 'layers'>): Partial<Record<Layer, string | undefined>> {
  const count = flavor.layers.length;
  return Object.fromEntries(flavor.layers.map((definition, index) => [definition.layer, index === count - 1 ? undefined : String(index - (count - 1))]));
}

/** True when a kind's CRD is installed by an operator or chart that an earlier layer brings. */
export function needsSkipDryRun(flavor: Pick<Flavor, 'kinds'>, object: Pick<KubeObject, 'apiVersion' | 'kind'>): boolean {
  return flavor.kinds.some((info) => info.apiVersion === object.apiVersion && info.kind === object.kind && info.source === 'operator');
}

/** A copy of the object with the engines' annotations and labels added. */
export function annotateObject(object: KubeObject, layer: Layer, flavor: Pick<Flavor, 'layers' | 'kinds' | 'platform'>, engines: readonly GitOpsEngine[]): KubeObject {
  if (!engines.includes('argocd')) return object;
  const annotations: Record<string, string> = { ...object.metadata.annotations };
  const wave = computeLayerWaves(flavor)[layer];
  if (wave !== undefined) annotations[SYNC_WAVE] = wave;
  if (needsSkipDryRun(flavor, object)) annotations[SYNC_OPTIONS] = SKIP_DRY_RUN;
  const metadata: KubeObject['metadata'] = { ...object.metadata };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  if (object.kind === 'Namespace' && flavor.platform.kind === 'openshift') {
    metadata.labels = { ...object.metadata.labels, [MANAGED_BY]: flavor.platform.argocdNamespace };
  }
  return { ...object, metadata };
}
