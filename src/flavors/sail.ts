/**
 * What the two Sail-operator flavors (OpenShift Service Mesh 3 and upstream Istio) share: the same
 * `Istio` / `IstioCNI` resources, the same injected gateway, Istio's `v1` APIs, and the same
 * lessons in the same order. They differ in how the operator arrives (OLM or a Helm chart), in
 * Routes, and in observability (OpenShift monitoring or Helm-installed add-ons).
 */
import { FRONT_END_V2_TABLE, WORKLOADS_TABLE } from './shared.js';
import type { KindInfo, StageDefinition } from './types.js';

export function sailKinds(installer: string): KindInfo[] {
  const istio = (group: string, version: string, kinds: string[]): KindInfo[] =>
    kinds.map((kind) => ({ apiVersion: `${group}/${version}`, kind, source: 'operator', installer, namespaced: true }));
  return [
    { apiVersion: 'sailoperator.io/v1', kind: 'Istio', source: 'operator', installer, namespaced: false },
    { apiVersion: 'sailoperator.io/v1', kind: 'IstioCNI', source: 'operator', installer, namespaced: false },
    ...istio('networking.istio.io', 'v1', ['Gateway', 'VirtualService', 'DestinationRule']),
    ...istio('telemetry.istio.io', 'v1', ['Telemetry']),
  ];
}

/** Upstream Istio's observability add-ons, installed from their Helm charts (src/flavors/istio.ts). */
export const OBSERVABILITY_CHARTS: readonly string[] = ['prometheus', 'kiali', 'grafana'];

export interface SailStageOptions {
  /** OpenShift: the front-end is reached through Routes; elsewhere by port-forward. */
  route: boolean;
  /** The slug of stage 01, which brings the operator. */
  operators: string;
}

/** The ten stages of the Sail flavors; `route` decides the OpenShift-only objects. */
export function SAIL_STAGES({ route, operators }: SailStageOptions): StageDefinition[] {
  const onRoute = (...files: string[]) => (route ? files : []);
  return [
    { number: 0, slug: 'baseline', layers: { participant: { resources: ['app-namespace.yaml'] }, apps: { workloads: WORKLOADS_TABLE, resources: onRoute('front-end-route.yaml') } } },
    route
      ? { number: 1, slug: operators, layers: { installers: { resources: ['operator-subscriptions.yaml'] } } }
      : { number: 1, slug: operators, layers: { installers: { charts: ['sail-operator'] } } },
    {
      number: 2,
      slug: 'control-plane',
      layers: {
        ...(route ? {} : { installers: { charts: OBSERVABILITY_CHARTS } }),
        platform: { resources: route ? ['istio-cni.yaml', 'kiali.yaml'] : ['istio-cni.yaml'] },
        participant: { resources: ['mesh-namespace.yaml', 'control-plane.yaml'] },
        ...(route ? { mesh: { resources: ['metrics.yaml'] } } : {}),
      },
    },
    { number: 3, slug: 'mesh-membership', layers: { participant: { patches: [{ file: 'app-namespace-discovery.yaml' }] } } },
    { number: 4, slug: 'sidecar-injection', layers: { apps: { patches: [{ file: 'sidecar-injection.yaml', target: { kind: 'Deployment' } }] } } },
    {
      number: 5,
      slug: 'ingress-gateway',
      layers: {
        mesh: { resources: ['ingress-gateway.yaml', ...onRoute('front-end-gateway-route.yaml')] },
        apps: {
          resources: ['gateway.yaml', 'front-end-virtualservice.yaml'],
          ...(route ? { patches: [{ file: 'remove-front-end-route.yaml' }] } : {}),
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
    { number: 9, slug: 'observability', layers: { mesh: { resources: ['access-logs.yaml'] }, apps: { resources: ['traffic-generator.yaml'] } } },
  ];
}
