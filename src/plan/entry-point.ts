/**
 * The entry point the GitOps engines sync, `cluster/`: one folder per layer (and per engine, for a
 * layer with one) pointing at the newest stage folder of that layer, and `cluster/kustomization.yaml`
 * for the cluster-wide Argo CD Application: every layer for one participant, the shared layers for a
 * class (each participant syncs their own `tenants/<name>/`). The folders never move; their content
 * changes from commit to commit.
 */
import { ENTRY_DIR, entryLayerDir, relativeDir } from '../layout/layout.js';
import { dumpYaml } from '../render/manifest.js';
import { selectLayout } from '../settings/settings.js';
import type { PlanContext } from './plan-stages.js';

export function writeKustomization(resources: readonly string[], extra: Record<string, unknown> = {}): string {
  return dumpYaml({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources, ...extra });
}

/** `latest`: the newest stage folder of each layer so far, by `layer` or `layer/engine`. */
export function planEntryPoint(context: PlanContext, latest: ReadonlyMap<string, string>): Map<string, string> {
  const { flavor, engines } = context;
  const files = new Map<string, string>();
  const top: string[] = [];
  const isClass = selectLayout(context.settings) === 'class';
  for (const definition of flavor.layers) {
    for (const engine of definition.perEngine ? engines : [undefined]) {
      const dir = entryLayerDir(definition, engine);
      const target = latest.get(engine ? `${definition.layer}/${engine}` : definition.layer);
      files.set(`${dir}/kustomization.yaml`, writeKustomization(target ? [relativeDir(dir, target)] : []));
    }
    if (isClass && definition.scope !== 'shared') continue;
    top.push(relativeDir(ENTRY_DIR, entryLayerDir(definition, engines[0])));
  }
  files.set(`${ENTRY_DIR}/kustomization.yaml`, writeKustomization(top));
  return files;
}
