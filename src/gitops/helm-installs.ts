/**
 * Helm charts installed by the GitOps engine itself, each engine its own way: Argo CD as an
 * Application whose source is the chart (app of apps: the parent waits for it through the
 * Application health check), Flux as a HelmRepository and a HelmRelease. Both pin the exact chart
 * version and carry the same values, from the flavor's chart table.
 */
import type { Flavor, HelmChart } from '../flavors/types.js';
import type { KubeObject } from '../render/manifest.js';
import type { GitOpsEngine } from '../settings/settings.js';
import { IN_CLUSTER } from './argocd.js';

/** The Argo CD project the chart Applications belong to (bootstrap/argocd). */
export function formatChartsProject(gitopsName: string): string {
  return `${gitopsName}-charts`;
}

export function findChart(flavor: Pick<Flavor, 'charts' | 'id'>, name: string): HelmChart {
  const chart = flavor.charts?.find((candidate) => candidate.name === name);
  if (!chart) throw new Error(`the ${flavor.id} flavor has no chart ${name}`);
  return chart;
}

function buildArgoCdApplication(chart: HelmChart, flavor: Pick<Flavor, 'platform'>, project: string): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    // No resources finalizer: deleting the Application must not uninstall the chart's CRDs (every mesh would go with them).
    metadata: { name: chart.name, namespace: flavor.platform.argocdNamespace },
    spec: {
      project,
      source: { repoURL: chart.repoURL, chart: chart.chart, targetRevision: chart.version, helm: { releaseName: chart.name, valuesObject: structuredClone(chart.values) } },
      destination: { server: IN_CLUSTER, namespace: chart.namespace },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        // Charts carry large CRDs: server-side apply has no size limit on the last-applied annotation.
        syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'],
        retry: { limit: 10, backoff: { duration: '15s', factor: 2, maxDuration: '5m' } },
      },
    },
  };
}

function buildFluxObjects(chart: HelmChart, flavor: Pick<Flavor, 'platform'>, defineRepository: boolean): KubeObject[] {
  const namespace = flavor.platform.fluxNamespace;
  const repository: KubeObject = {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'HelmRepository',
    metadata: { name: chart.repoName, namespace },
    spec: { interval: '1h', url: chart.repoURL },
  };
  const release: KubeObject = {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: chart.name, namespace },
    spec: {
      interval: '10m',
      releaseName: chart.name,
      targetNamespace: chart.namespace,
      install: chart.replaceCrds ? { createNamespace: true, crds: 'CreateReplace' } : { createNamespace: true },
      ...(chart.replaceCrds ? { upgrade: { crds: 'CreateReplace' } } : {}),
      chart: { spec: { chart: chart.chart, version: chart.version, sourceRef: { kind: 'HelmRepository', name: chart.repoName } } },
      values: structuredClone(chart.values),
    },
  };
  return defineRepository ? [repository, release] : [release];
}

/**
 * The objects that install some charts with one engine. `defined` holds the Flux HelmRepositories
 * earlier stages already declare (each is declared once in the chain of overlays); it is updated.
 */
export function buildHelmInstalls(charts: readonly HelmChart[], engine: GitOpsEngine, flavor: Pick<Flavor, 'platform'>, gitopsName: string, defined: Set<string>): KubeObject[] {
  return charts.flatMap((chart) => {
    if (engine === 'argocd') return [buildArgoCdApplication(chart, flavor, formatChartsProject(gitopsName))];
    const objects = buildFluxObjects(chart, flavor, !defined.has(chart.repoName));
    defined.add(chart.repoName);
    return objects;
  });
}
