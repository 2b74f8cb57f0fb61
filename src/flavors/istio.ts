/**
 * Upstream Istio on any Kubernetes (kind on a laptop, minikube, a cloud cluster): no OpenShift API at
 * all. The GitOps engine installs the Sail operator and the observability add-ons from their Helm
 * charts (an Argo CD Application with a chart source, or a Flux HelmRepository and HelmRelease), then
 * the same `Istio` / `IstioCNI` resources, gateway and routing objects as the OpenShift Service
 * Mesh 3 flavor, so both teach the same lesson with the same objects. The shop is reached with
 * `kubectl port-forward`, so no DNS name is needed.
 */
import { ARGOCD_APPLICATION, SAIL_ISTIO, SAIL_ISTIO_CNI } from '../gitops/health-checks.js';
import { ARGOCD_NAMESPACE, FLUX_NAMESPACE, KUBERNETES_LAYERS } from './shared.js';
import { SAIL_STAGES, sailKinds } from './sail.js';
import type { Flavor, KindInfo } from './types.js';

export const SAIL_RELEASE = 'sail-operator';

const KINDS: readonly KindInfo[] = [
  ...sailKinds(SAIL_RELEASE),
  { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', source: 'cluster', namespaced: true },
  { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmRepository', source: 'cluster', namespaced: true },
  { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', source: 'cluster', namespaced: true },
];

export const ISTIO: Flavor = {
  id: 'istio',
  summary: 'upstream Istio 1.30 on any Kubernetes (kind, minikube, a cloud cluster), installed by the Sail operator Helm chart',
  facts: {
    product: 'Istio 1.30',
    pins: {
      istioVersion: { value: 'v1.30.3', source: 'https://github.com/istio-ecosystem/sail-operator/blob/1.30.3/chart/crds/sailoperator.io_istios.yaml' },
      sailChart: { value: '1.30.3', source: 'https://github.com/istio-ecosystem/sail-operator/releases/tag/1.30.3' },
    },
  },
  platform: { kind: 'kubernetes', cli: 'kubectl', argocdNamespace: ARGOCD_NAMESPACE, fluxNamespace: FLUX_NAMESPACE },
  layers: KUBERNETES_LAYERS,
  stages: SAIL_STAGES({ route: false, operators: 'sail-operator' }),
  kinds: KINDS,
  injection: { podLabel: 'istio.io/rev', controlPlaneKind: 'Istio', membership: 'discovery-label' },
  healthChecks: [SAIL_ISTIO, SAIL_ISTIO_CNI, ARGOCD_APPLICATION],
  schemaSet: 'istio',
  templateRoots: ['istio', 'sail', 'common'],
  unusedAnswers: ['domain'],
};
