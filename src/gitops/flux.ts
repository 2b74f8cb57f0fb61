/**
 * Flux bootstrap: one GitRepository pinned to a stage tag (or, in follow mode, following the stage
 * tag range) and one Kustomization per layer, chained with `dependsOn`. Flux dry-runs a whole
 * Kustomization before applying any of it, so custom resources whose CRD an operator installs must
 * live in a later Kustomization than the operator. The mesh layer judges the control plane and the
 * member roll with CEL health checks; `wait: true` applies them to whatever the stage contains (a
 * `healthChecks` list would be ignored with `wait`, and would name objects early stages do not have).
 */
import { toSshUrl } from '../settings/rules.js';
import { entryLayerDir, FLUX_NAMESPACE, TAG_RANGE, type Names } from '../layout/layout.js';
import { buildFluxHealthCheckExprs, MESH_HEALTH_CHECKS } from './health-checks.js';
import type { KubeObject } from '../render/manifest.js';
import { LAYERS } from '../scenario/stages.js';
import type { Settings } from '../settings/settings.js';

export function buildFluxBootstrap(settings: Settings, names: Names, tag: string): KubeObject[] {
  const source: KubeObject = {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: names.gitopsName, namespace: FLUX_NAMESPACE },
    spec: { interval: '1m', url: toSshUrl(settings.remote), ref: settings.mode === 'follow' ? { semver: TAG_RANGE } : { tag } },
  };
  const kustomizations = LAYERS.map((layer, index): KubeObject => {
    const spec: Record<string, unknown> = {
      interval: '10m',
      retryInterval: '1m',
      timeout: '10m',
      sourceRef: { kind: 'GitRepository', name: names.gitopsName },
      path: `./${entryLayerDir(layer)}`,
      prune: true,
      wait: true,
    };
    if (index > 0) spec.dependsOn = [{ name: names.fluxKustomization(LAYERS[index - 1]) }];
    if (layer === 'mesh') spec.healthCheckExprs = buildFluxHealthCheckExprs(MESH_HEALTH_CHECKS);
    return {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: names.fluxKustomization(layer), namespace: FLUX_NAMESPACE },
      spec,
    };
  });
  return [source, ...kustomizations];
}
