/**
 * OpenShift Service Mesh 3 (Red Hat's build of community Istio, installed by the Sail operator):
 * the default flavor. One `Istio` control plane per participant, scoped by discovery selectors, the
 * cluster's single `IstioCNI`, injection by the `istio.io/rev` pod label, an injected ingress
 * gateway exposed by a Route, and metrics through OpenShift user-workload monitoring into Kiali.
 */
import { SAIL_ISTIO, SAIL_ISTIO_CNI } from '../gitops/health-checks.js';
import { OPENSHIFT_GITOPS_NAMESPACE, OPENSHIFT_LAYERS, OPENSHIFT_OPERATORS_NAMESPACE } from './shared.js';
import { SAIL_STAGES, sailKinds } from './sail.js';
import type { Flavor, KindInfo } from './types.js';

const OPERATOR = 'servicemeshoperator3';

const KINDS: readonly KindInfo[] = [
  { apiVersion: 'route.openshift.io/v1', kind: 'Route', source: 'openshift', namespaced: true },
  { apiVersion: 'operators.coreos.com/v1alpha1', kind: 'Subscription', source: 'olm', namespaced: true },
  ...sailKinds(OPERATOR),
  { apiVersion: 'kiali.io/v1alpha1', kind: 'Kiali', source: 'operator', installer: 'kiali-ossm', namespaced: true },
  // Served by OpenShift's own monitoring stack (user-workload monitoring), not by our operators.
  { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', source: 'openshift', namespaced: true },
  { apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor', source: 'openshift', namespaced: true },
];

/** Read from openshift-service-mesh/sail-operator (downstream) tag v3.4.1 and the OSSM 3.4 docs (/tmp facts in README). */
const SOURCES = {
  versions: 'https://github.com/openshift-service-mesh/sail-operator/blob/v3.4.1/pkg/istioversion/versions.ossm.yaml',
  channels: 'https://github.com/openshift-service-mesh/sail-operator/blob/v3.4.1/bundle/metadata/annotations.yaml',
  support:
    'https://docs.redhat.com/en/documentation/red_hat_openshift_service_mesh/3.4/html/release_notes/ossm-release-notes-version-support-tables',
  kiali: 'https://github.com/kiali/kiali-operator/blob/v2.29.0/manifests/kiali-ossm/metadata/annotations.yaml',
};

export const OSSM3: Flavor = {
  id: 'ossm3',
  summary: 'OpenShift Service Mesh 3.4 (Sail operator, Istio 1.30) on OpenShift 4.20 or later: the default',
  facts: {
    product: 'OpenShift Service Mesh 3.4',
    pins: {
      operatorChannel: { value: 'stable-3.4', source: SOURCES.channels },
      istioVersion: { value: 'v1.30.3', source: SOURCES.versions },
      kialiChannel: { value: 'stable', source: SOURCES.kiali },
      openshift: { value: '4.20', source: SOURCES.support },
    },
  },
  platform: { kind: 'openshift', cli: 'oc', argocdNamespace: OPENSHIFT_GITOPS_NAMESPACE, fluxNamespace: 'flux-system', operatorsNamespace: OPENSHIFT_OPERATORS_NAMESPACE },
  layers: OPENSHIFT_LAYERS,
  stages: SAIL_STAGES({ route: true, operators: 'operators' }),
  kinds: KINDS,
  injection: { podLabel: 'istio.io/rev', controlPlaneKind: 'Istio', membership: 'discovery-label' },
  healthChecks: [SAIL_ISTIO, SAIL_ISTIO_CNI],
  schemaSet: 'istio-1.30',
  templateRoots: ['ossm3', 'sail', 'openshift', 'common'],
  unusedAnswers: [],
};
