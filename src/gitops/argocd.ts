/**
 * Argo CD bootstrap: an AppProject that allows exactly this repository and these namespaces, and
 * one Application that syncs the entry point, pinned to a stage tag (or, in follow mode, following
 * the stage tag range), with automated sync, prune and retries (custom resources fail until their
 * operator has installed the CRD).
 */
import { ARGOCD_NAMESPACE, ENTRY_DIR, OPERATORS_NAMESPACE, TAG_RANGE, type Names } from '../layout/layout.js';
import type { KubeObject } from '../render/manifest.js';
import type { Settings } from '../settings/settings.js';

const IN_CLUSTER = 'https://kubernetes.default.svc';

export function buildArgoCdBootstrap(settings: Settings, names: Names, revision: string): KubeObject[] {
  const project: KubeObject = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: names.gitopsName, namespace: ARGOCD_NAMESPACE },
    spec: {
      description: `Sock Shop service-mesh workshop (${names.appNamespace}, ${names.meshNamespace})`,
      sourceRepos: [settings.remote],
      destinations: [names.appNamespace, names.meshNamespace, OPERATORS_NAMESPACE].map((namespace) => ({ server: IN_CLUSTER, namespace })),
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
    },
  };
  const application: KubeObject = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: names.gitopsName, namespace: ARGOCD_NAMESPACE },
    spec: {
      project: names.gitopsName,
      source: { repoURL: settings.remote, targetRevision: settings.mode === 'follow' ? TAG_RANGE : revision, path: ENTRY_DIR },
      destination: { server: IN_CLUSTER },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        retry: { limit: 20, backoff: { duration: '15s', factor: 2, maxDuration: '5m' } },
      },
    },
  };
  return [project, application];
}
