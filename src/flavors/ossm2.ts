/**
 * OpenShift Service Mesh 2.6 (Maistra, Istio 1.20): end of life, kept so that workshops generated
 * for it keep working, and fixed so that it still installs from today's catalog: no Jaeger (its
 * operator left `redhat-operators` on 2025-11-03, and one missing package blocks every Subscription
 * of a namespace), injection by the pod label, not the deprecated annotation.
 */
import { SERVICE_MESH_CONTROL_PLANE, SERVICE_MESH_MEMBER_ROLL } from '../gitops/health-checks.js';
import { FRONT_END_V2_TABLE, OPENSHIFT_GITOPS_NAMESPACE, OPENSHIFT_LAYERS, OPENSHIFT_OPERATORS_NAMESPACE, WORKLOADS_TABLE } from './shared.js';
import type { Flavor, KindInfo } from './types.js';

const OPERATOR = 'servicemeshoperator';

const KINDS: readonly KindInfo[] = [
  { apiVersion: 'route.openshift.io/v1', kind: 'Route', source: 'openshift', namespaced: true },
  { apiVersion: 'operators.coreos.com/v1alpha1', kind: 'Subscription', source: 'olm', namespaced: true },
  { apiVersion: 'maistra.io/v2', kind: 'ServiceMeshControlPlane', source: 'operator', installer: OPERATOR, namespaced: true },
  { apiVersion: 'maistra.io/v1', kind: 'ServiceMeshMemberRoll', source: 'operator', installer: OPERATOR, namespaced: true },
  ...['Gateway', 'VirtualService', 'DestinationRule'].map(
    (kind): KindInfo => ({ apiVersion: 'networking.istio.io/v1beta1', kind, source: 'operator', installer: OPERATOR, namespaced: true }),
  ),
];

export const OSSM2: Flavor = {
  id: 'ossm2',
  summary: 'OpenShift Service Mesh 2.6 (Maistra, Istio 1.20): end of life, kept for existing workshops',
  facts: {
    product: 'OpenShift Service Mesh 2.6',
    pins: {
      controlPlane: { value: 'v2.6', source: 'https://docs.redhat.com/en/documentation/openshift_container_platform/4.16/html/service_mesh/service-mesh-2-x' },
      operatorChannel: { value: 'stable', source: 'https://docs.redhat.com/en/documentation/openshift_container_platform/4.16/html/service_mesh/service-mesh-2-x#ossm-install-ossm-operator_installing-ossm' },
    },
    endOfLife: {
      since: '2026',
      replacement: 'ossm3',
      source: 'https://docs.redhat.com/en/documentation/red_hat_openshift_service_mesh/3.0/html/migrating_from_service_mesh_2_to_service_mesh_3/index',
    },
  },
  platform: { kind: 'openshift', cli: 'oc', argocdNamespace: OPENSHIFT_GITOPS_NAMESPACE, fluxNamespace: 'flux-system', operatorsNamespace: OPENSHIFT_OPERATORS_NAMESPACE },
  layers: OPENSHIFT_LAYERS,
  stages: [
    { number: 0, slug: 'baseline', layers: { participant: { resources: ['app-namespace.yaml'] }, apps: { workloads: WORKLOADS_TABLE, resources: ['front-end-route.yaml'] } } },
    { number: 1, slug: 'operators', layers: { installers: { resources: ['operator-subscriptions.yaml'] } } },
    { number: 2, slug: 'control-plane', layers: { participant: { resources: ['mesh-namespace.yaml'] }, mesh: { resources: ['control-plane.yaml'] } } },
    { number: 3, slug: 'member-roll', layers: { mesh: { resources: ['member-roll.yaml'] } } },
    { number: 4, slug: 'sidecar-injection', layers: { apps: { patches: [{ file: 'sidecar-injection.yaml', target: { kind: 'Deployment' } }] } } },
    {
      number: 5,
      slug: 'ingress-gateway',
      layers: {
        apps: {
          resources: ['gateway.yaml', 'front-end-virtualservice.yaml', 'front-end-gateway-route.yaml'],
          patches: [{ file: 'remove-front-end-route.yaml' }],
        },
      },
    },
    { number: 6, slug: 'resilience', layers: { apps: { resources: ['carts-destinationrule.yaml', 'carts-virtualservice.yaml'] } } },
    { number: 7, slug: 'front-end-v2', layers: { apps: { workloads: FRONT_END_V2_TABLE } } },
    {
      number: 8,
      slug: 'traffic-split',
      layers: { apps: { resources: ['front-end-destinationrule.yaml'], patches: [{ file: 'front-end-virtualservice-split.yaml' }] } },
    },
    {
      number: 9,
      slug: 'observability',
      layers: { mesh: { patches: [{ file: 'control-plane-access-logs.yaml' }] }, apps: { resources: ['traffic-generator.yaml'] } },
    },
  ],
  kinds: KINDS,
  injection: { podLabel: 'sidecar.istio.io/inject', controlPlaneKind: 'ServiceMeshControlPlane', membership: 'member-roll' },
  healthChecks: [SERVICE_MESH_CONTROL_PLANE, SERVICE_MESH_MEMBER_ROLL],
  schemaSet: 'maistra-2.5',
  templateRoots: ['ossm2', 'openshift', 'common'],
  unusedAnswers: [],
};
