/**
 * The workshop as data: one entry per stage, in the workshop's order. Everything else (prompts,
 * help, overlays, docs, commits, tags, tests) is derived from this table.
 */
import type { Workload } from './workloads.js';

/** Where an object is applied. Layers are applied in this order, and each waits for the one before. */
export type Layer = 'platform' | 'mesh' | 'apps';
export const LAYERS: readonly Layer[] = ['platform', 'mesh', 'apps'];

export interface PatchDefinition {
  /** File under the stage's `<layer>/patches/` template folder. */
  file: string;
  /** Kustomize patch target; without one the patch names its object itself. */
  target?: { kind: string; name?: string };
}

export interface LayerContent {
  /** Resource templates under `templates/stages/<id>/<layer>/`. */
  resources?: readonly string[];
  /**
   * The workloads, rendered as one file each: a workload table under `templates/`, or the list
   * itself (a synthetic scenario, e.g. the benchmark's many-service workshop).
   */
  workloads?: string | readonly Workload[];
  patches?: readonly PatchDefinition[];
}

export interface StageDefinition {
  number: number;
  slug: string;
  title: string;
  /** One line: the commit subject and the stage table. */
  summary: string;
  /** Why the stage exists: the lesson, a short paragraph for the commit body. */
  lesson: string;
  layers: Partial<Record<Layer, LayerContent>>;
}

export const STAGES: readonly StageDefinition[] = [
  {
    number: 0,
    slug: 'baseline',
    title: 'Sock Shop baseline',
    summary: 'deploy the 13 Sock Shop workloads and expose the front-end with a Route, no mesh yet',
    lesson:
      'The starting point of the workshop: Sock Shop as plain Kubernetes objects. Every pod already carries `app` and `version` labels and every Service port is named by protocol, so the mesh can route and measure it later without touching the workloads again.',
    layers: {
      platform: { resources: ['app-namespace.yaml'] },
      apps: { workloads: 'sockshop/workloads.yaml', resources: ['front-end-route.yaml'] },
    },
  },
  {
    number: 1,
    slug: 'operators',
    title: 'Mesh operators',
    summary: 'subscribe to the OpenShift Service Mesh, Kiali and distributed tracing operators',
    lesson:
      'A cluster administrator installs the operators once per cluster. They bring the CustomResourceDefinitions (ServiceMeshControlPlane, ServiceMeshMemberRoll, Istio networking) that every later stage uses.',
    layers: { platform: { resources: ['operator-subscriptions.yaml'] } },
  },
  {
    number: 2,
    slug: 'control-plane',
    title: 'Control plane',
    summary: 'create a ServiceMeshControlPlane with Kiali, Grafana, Prometheus and Jaeger',
    lesson:
      'Each participant gets a control plane of their own in a namespace of their own. It runs istiod, the ingress and egress gateways, and the observability add-ons the workshop uses later; tracing samples every request.',
    layers: {
      platform: { resources: ['mesh-namespace.yaml'] },
      mesh: { resources: ['control-plane.yaml'] },
    },
  },
  {
    number: 3,
    slug: 'member-roll',
    title: 'Member roll',
    summary: 'add the Sock Shop namespace to the mesh with a ServiceMeshMemberRoll',
    lesson:
      'OpenShift Service Mesh is multi-tenant: a control plane only manages the namespaces its member roll lists. Joining the mesh also adds NetworkPolicies, so the old Route stops reaching the front-end, which the ingress stage fixes.',
    layers: { mesh: { resources: ['member-roll.yaml'] } },
  },
  {
    number: 4,
    slug: 'sidecar-injection',
    title: 'Sidecar injection',
    summary: 'inject an Envoy sidecar into every Sock Shop pod',
    lesson:
      'Injection is opt-in per pod: the `sidecar.istio.io/inject: "true"` annotation on each pod template makes the mesh add an Envoy proxy. The pods restart and show 2/2 containers; from now on all traffic between them goes through Envoy.',
    layers: { apps: { patches: [{ file: 'sidecar-injection.yaml', target: { kind: 'Deployment' } }] } },
  },
  {
    number: 5,
    slug: 'ingress-gateway',
    title: 'Ingress gateway',
    summary: 'route external traffic through the Istio ingress gateway instead of a direct Route',
    lesson:
      'Traffic from outside enters the mesh at the ingress gateway: a Gateway opens the port, a VirtualService sends the front-end host to the front-end Service, and a Route in the control-plane namespace points the router at the gateway. The old Route is removed so the new one can claim the same host.',
    layers: {
      apps: {
        resources: ['gateway.yaml', 'front-end-virtualservice.yaml', 'front-end-gateway-route.yaml'],
        patches: [{ file: 'remove-front-end-route.yaml' }],
      },
    },
  },
  {
    number: 6,
    slug: 'resilience',
    title: 'Resilience',
    summary: 'eject failing carts instances and time out slow calls to carts',
    lesson:
      'Before the mesh, the front-end waited about 30 seconds for carts when carts was down; with Envoy in between, a call to a carts with no healthy instance already fails at once. This stage adds the two settings the workshop points to: outlier detection ejects an instance of carts for 2 minutes after one 5xx, and a VirtualService timeout bounds every call to carts at 3 seconds, so a slow or hanging carts no longer holds the front-end either. No application code changes.',
    layers: { apps: { resources: ['carts-destinationrule.yaml', 'carts-virtualservice.yaml'] } },
  },
  {
    number: 7,
    slug: 'traffic-split',
    title: 'Traffic split',
    summary: 'release front-end v2 and send it 20% of the traffic',
    lesson:
      'A second front-end Deployment (v2, the yellow background) joins the same Service. A DestinationRule names the versions as subsets and the VirtualService weighs them 80/20: a canary release controlled by the mesh, not by replica counts.',
    layers: {
      apps: {
        resources: ['front-end-v2.yaml', 'front-end-destinationrule.yaml'],
        patches: [{ file: 'front-end-virtualservice-split.yaml' }],
      },
    },
  },
  {
    number: 8,
    slug: 'observability',
    title: 'Observability',
    summary: 'generate steady traffic and turn on Envoy access logs for Kiali, Prometheus and Grafana',
    lesson:
      'The mesh reports every request to Prometheus; Kiali draws the service graph from it and Grafana charts it. A small traffic generator keeps requests flowing through the ingress gateway so the graph, the 80/20 split and the dashboards have data, and Envoy access logs show each request in the proxy logs.',
    layers: {
      mesh: { patches: [{ file: 'control-plane-access-logs.yaml' }] },
      apps: { resources: ['traffic-generator.yaml'] },
    },
  },
];
