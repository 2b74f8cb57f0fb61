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
import type { Flavor, HelmChart, KindInfo } from './types.js';

export const SAIL_RELEASE = 'sail-operator';
/** Where the observability add-ons run, shared by every participant. */
export const OBSERVABILITY_NAMESPACE = 'istio-observability';

const RBAC = [
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
];
const NO_SIDECAR = { 'sidecar.istio.io/inject': 'false' };

/**
 * The charts the engine installs. Versions: the Sail operator release whose Istio 1.30.3 OpenShift
 * Service Mesh 3.4 also runs (its CRDs ship in the chart's crds/, so Flux replaces them on upgrade);
 * the add-ons at the chart versions Istio 1.31 tests its samples/addons with (istio/istio
 * manifests/addons/gen.sh), with the values Istio uses there (values-*.yaml).
 */
export const ISTIO_CHARTS: readonly HelmChart[] = [
  {
    name: SAIL_RELEASE,
    repoName: 'sail-operator',
    repoURL: 'https://istio-ecosystem.github.io/sail-operator',
    chart: 'sail-operator',
    version: '1.30.3',
    namespace: 'sail-operator',
    values: {},
    replaceCrds: true,
    clusterKinds: [{ group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' }, ...RBAC],
    source: 'https://github.com/istio-ecosystem/sail-operator/releases/tag/1.30.3 (chart/values.yaml, chart/crds/)',
  },
  {
    name: 'prometheus',
    repoName: 'prometheus-community',
    repoURL: 'https://prometheus-community.github.io/helm-charts',
    chart: 'prometheus',
    version: '28.13.0',
    namespace: OBSERVABILITY_NAMESPACE,
    values: {
      alertmanager: { enabled: false },
      'prometheus-pushgateway': { enabled: false },
      'kube-state-metrics': { enabled: false },
      'prometheus-node-exporter': { enabled: false },
      server: {
        fullnameOverride: 'prometheus',
        podLabels: NO_SIDECAR,
        persistentVolume: { enabled: false },
        service: { servicePort: 9090 },
        global: { scrape_interval: '15s' },
      },
    },
    clusterKinds: RBAC,
    source: 'istio/istio 1.31 manifests/addons/gen.sh and values-prometheus.yaml',
  },
  {
    name: 'kiali',
    repoName: 'kiali',
    repoURL: 'https://kiali.org/helm-charts',
    chart: 'kiali-server',
    version: '2.31.0',
    namespace: OBSERVABILITY_NAMESPACE,
    values: {
      auth: { strategy: 'anonymous' },
      deployment: { cluster_wide_access: true, ingress_enabled: false, pod_labels: NO_SIDECAR },
      external_services: {
        prometheus: { url: `http://prometheus.${OBSERVABILITY_NAMESPACE}:9090` },
        grafana: { enabled: true, internal_url: `http://grafana.${OBSERVABILITY_NAMESPACE}:3000`, external_url: 'http://localhost:3000' },
        tracing: { enabled: false },
      },
    },
    clusterKinds: RBAC,
    source: 'istio/istio 1.31.1 release notes (Kiali addon v2.31.0) and manifests/addons/values-kiali.yaml',
  },
  {
    name: 'grafana',
    repoName: 'grafana-community',
    repoURL: 'https://grafana-community.github.io/helm-charts',
    chart: 'grafana',
    version: '9.2.2',
    namespace: OBSERVABILITY_NAMESPACE,
    values: {
      rbac: { create: false },
      testFramework: { enabled: false },
      podLabels: NO_SIDECAR,
      service: { port: 3000 },
      'grafana.ini': { 'auth.anonymous': { enabled: true, org_role: 'Viewer' } },
      datasources: {
        'datasources.yaml': {
          apiVersion: 1,
          datasources: [{ name: 'Prometheus', type: 'prometheus', access: 'proxy', url: 'http://prometheus:9090', isDefault: true, jsonData: { timeInterval: '15s' } }],
        },
      },
    },
    clusterKinds: [],
    source: 'istio/istio 1.31 manifests/addons/gen.sh (GRAFANA_VERSION 9.2.2) and values-grafana.yaml; the chart moved to grafana-community',
  },
];

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
      // The laptop path of the generated README: a kind cluster, then Argo CD or Flux at these exact releases.
      kind: { value: 'v0.32.0', source: 'https://github.com/kubernetes-sigs/kind/blob/main/README.md (go install sigs.k8s.io/kind@v0.32.0)' },
      argocd: { value: 'v3.5.0', source: 'https://github.com/argoproj/argo-cd/releases/tag/v3.5.0 (../shared/reference/gitops.md: tagPrefix arrived in v3.5.0)' },
      flux: { value: '2.9.2', source: 'https://github.com/fluxcd/flux2/releases/tag/v2.9.2' },
    },
  },
  platform: { kind: 'kubernetes', cli: 'kubectl', argocdNamespace: ARGOCD_NAMESPACE, fluxNamespace: FLUX_NAMESPACE },
  layers: KUBERNETES_LAYERS,
  stages: SAIL_STAGES({ route: false, operators: 'sail-operator' }),
  kinds: KINDS,
  injection: { podLabel: 'istio.io/rev', controlPlaneKind: 'Istio', membership: 'discovery-label' },
  healthChecks: [SAIL_ISTIO, SAIL_ISTIO_CNI, ARGOCD_APPLICATION],
  schemaSet: 'istio-1.30',
  templateRoots: ['istio', 'sail', 'common'],
  unusedAnswers: ['domain'],
  charts: ISTIO_CHARTS,
};
