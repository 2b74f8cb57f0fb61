/**
 * The Argo CD project of the Helm charts the engine installs (app of apps): it may pull only those
 * charts' repositories, write only into their namespaces, and create only the cluster-scoped kinds
 * the charts are known to create (listed with each chart in the flavor's table).
 */
import type { Flavor } from '../flavors/types.js';
import type { KubeObject } from '../render/manifest.js';
import { IN_CLUSTER } from './argocd.js';
import { formatChartsProject } from './helm-installs.js';

export function buildChartsProject(flavor: Pick<Flavor, 'charts' | 'platform'>, gitopsName: string): KubeObject {
  const charts = flavor.charts ?? [];
  const kinds = new Map(charts.flatMap((chart) => chart.clusterKinds).map((kind) => [`${kind.group}/${kind.kind}`, kind]));
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: formatChartsProject(gitopsName), namespace: flavor.platform.argocdNamespace },
    spec: {
      description: 'Sock Shop service-mesh workshop: the Helm charts Argo CD installs',
      sourceRepos: [...new Set(charts.map((chart) => chart.repoURL))].sort(),
      destinations: [...new Set(charts.map((chart) => chart.namespace))].sort().map((namespace) => ({ server: IN_CLUSTER, namespace })),
      clusterResourceWhitelist: [...kinds.values()].sort((a, b) => `${a.group}/${a.kind}`.localeCompare(`${b.group}/${b.kind}`)),
    },
  };
}
