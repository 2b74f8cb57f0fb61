/** What several flavors share: OpenShift's well-known namespaces, the layer sets, the workload table. */
import type { LayerDefinition } from './types.js';

/** OpenShift GitOps runs its default Argo CD instance here. */
export const OPENSHIFT_GITOPS_NAMESPACE = 'openshift-gitops';
/** Where cluster-wide (AllNamespaces) operators are subscribed; it has its OperatorGroup already. */
export const OPENSHIFT_OPERATORS_NAMESPACE = 'openshift-operators';
/** Upstream Argo CD and Flux install into these. */
export const ARGOCD_NAMESPACE = 'argocd';
export const FLUX_NAMESPACE = 'flux-system';

/** The Sock Shop workloads, one Deployment and Service each (templates/manifests/common/…). */
export const WORKLOADS_TABLE = 'sockshop/workloads.yaml';
/** The second front-end version of the traffic-split lessons. */
export const FRONT_END_V2_TABLE = 'sockshop/front-end-v2.yaml';

/**
 * OpenShift flavors: OLM Subscriptions are plain manifests, so every layer is shared by both engines.
 * The Subscriptions have a layer of their own: what their operators' CRDs serve (IstioCNI, Kiali)
 * sits in `platform`, which Flux dry-runs only once the Subscriptions' layer is ready.
 */
export const OPENSHIFT_LAYERS: readonly LayerDefinition[] = [
  { layer: 'installers', scope: 'shared' },
  { layer: 'platform', scope: 'shared' },
  { layer: 'participant', scope: 'participant', clusterScoped: true },
  { layer: 'mesh', scope: 'participant' },
  { layer: 'apps', scope: 'participant' },
];

/** Upstream Istio: Helm charts are installed by each engine its own way, so `installers` has a folder per engine. */
export const KUBERNETES_LAYERS: readonly LayerDefinition[] = [
  { layer: 'installers', scope: 'shared', perEngine: true },
  { layer: 'platform', scope: 'shared' },
  { layer: 'participant', scope: 'participant', clusterScoped: true },
  { layer: 'mesh', scope: 'participant' },
  { layer: 'apps', scope: 'participant' },
];
