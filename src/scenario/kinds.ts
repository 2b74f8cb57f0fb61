/**
 * What the cluster must have before an object of each kind can be applied. The GitOps annotations
 * and the ordering checks read this table.
 */

/** `cluster`: served by every Kubernetes; `openshift` / `olm`: by OpenShift itself; `operator`: by a CRD an operator installs. */
export type KindSource = 'cluster' | 'openshift' | 'olm' | 'operator';

export interface KindInfo {
  apiVersion: string;
  kind: string;
  source: KindSource;
  /** For `operator` kinds: the Subscription that brings the CRD. */
  operator?: string;
  namespaced: boolean;
}

export const KINDS: readonly KindInfo[] = [
  { apiVersion: 'v1', kind: 'Namespace', source: 'cluster', namespaced: false },
  { apiVersion: 'v1', kind: 'Service', source: 'cluster', namespaced: true },
  { apiVersion: 'v1', kind: 'ConfigMap', source: 'cluster', namespaced: true },
  { apiVersion: 'apps/v1', kind: 'Deployment', source: 'cluster', namespaced: true },
  { apiVersion: 'route.openshift.io/v1', kind: 'Route', source: 'openshift', namespaced: true },
  { apiVersion: 'operators.coreos.com/v1alpha1', kind: 'Subscription', source: 'olm', namespaced: true },
  { apiVersion: 'maistra.io/v2', kind: 'ServiceMeshControlPlane', source: 'operator', operator: 'servicemeshoperator', namespaced: true },
  { apiVersion: 'maistra.io/v1', kind: 'ServiceMeshMemberRoll', source: 'operator', operator: 'servicemeshoperator', namespaced: true },
  { apiVersion: 'networking.istio.io/v1beta1', kind: 'Gateway', source: 'operator', operator: 'servicemeshoperator', namespaced: true },
  { apiVersion: 'networking.istio.io/v1beta1', kind: 'VirtualService', source: 'operator', operator: 'servicemeshoperator', namespaced: true },
  { apiVersion: 'networking.istio.io/v1beta1', kind: 'DestinationRule', source: 'operator', operator: 'servicemeshoperator', namespaced: true },
];

export function findKind(apiVersion: string, kind: string): KindInfo | undefined {
  return KINDS.find((info) => info.apiVersion === apiVersion && info.kind === kind);
}
