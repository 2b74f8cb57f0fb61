/**
 * The picture of a stage, as data computed from its rendered objects only: where a request from
 * outside enters (a Route, or the documented port-forward to a Service), which gateway, routing rule
 * and weight it follows, which Service selects which workloads, which workloads have a sidecar, and
 * which control plane manages which namespace. Every edge records the objects it comes from, so a
 * test can check that the picture claims nothing the objects do not contain. Calls between the
 * services themselves are made by the application's code and appear in no manifest: they are not
 * drawn (Kiali shows them).
 */
import type { InjectionRule } from '../flavors/types.js';
import { checkInjection } from '../lint/injection.js';
import { listPodTemplates, matchesSelector, parseServiceHost, readPath } from '../lint/references.js';
import type { KubeObject } from '../render/manifest.js';

export type NodeKind = 'outside' | 'route' | 'service' | 'workload' | 'gateway' | 'control-plane';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  /** The object's name (or a label for `outside`). */
  name: string;
  namespace?: string;
  /** Workloads: the `version` label; whether pods get a sidecar (or are an Envoy gateway). */
  version?: string;
  sidecar?: boolean;
  /** Services: mesh policies that apply to calls to them (a timeout, outlier detection). */
  policies?: string[];
}

export type EdgeKind = 'enters' | 'routes' | 'selects' | 'forwards' | 'manages';

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** The routing weight in percent, where a rule splits traffic. */
  weight?: number;
  /** What the edge is made of: `Kind/name (namespace)` of every object that gives it. */
  evidence: string[];
}

export interface MeshGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphOptions {
  injection: InjectionRule;
  /** OpenShift flavors enter through Routes; elsewhere the README port-forwards to a Service. */
  entry: 'route' | 'port-forward';
}

const label = (object: KubeObject) => `${object.kind}/${object.metadata.name}${object.metadata.namespace ? ` (${object.metadata.namespace})` : ''}`;
export const nodeId = (kind: NodeKind, name: string, namespace = '') => `${kind}:${namespace}/${name}`;

function isGateway(template: { annotations: Record<string, string> }): boolean {
  return template.annotations['inject.istio.io/templates'] === 'gateway';
}

export function buildMeshGraph(objects: readonly KubeObject[], options: GraphOptions): MeshGraph {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const add = (node: GraphNode) => (nodes.has(node.id) ? nodes.get(node.id)! : (nodes.set(node.id, node), node));
  const services = objects.filter((object) => object.kind === 'Service');
  const deployments = objects.filter((object) => object.kind === 'Deployment');
  const missing = new Set(checkInjection(objects, options.injection).map((finding) => finding.object));

  // Workloads, each with whether its pods run with Envoy.
  for (const deployment of deployments) {
    const template = listPodTemplates([deployment], deployment.metadata.namespace)[0];
    const asked = template.labels[options.injection.podLabel];
    const gateway = isGateway(template);
    add({
      id: nodeId(gateway ? 'gateway' : 'workload', deployment.metadata.name, deployment.metadata.namespace),
      kind: gateway ? 'gateway' : 'workload',
      name: deployment.metadata.name,
      namespace: deployment.metadata.namespace,
      version: template.labels.version,
      sidecar: asked !== undefined && asked !== 'false' && !missing.has(deployment),
    });
  }
  const workloadsOf = (service: KubeObject, subsetLabels: Record<string, string> = {}) => {
    const selector = { ...(readPath(service, 'spec.selector') as Record<string, string> | undefined), ...subsetLabels };
    return deployments.filter(
      (deployment) => deployment.metadata.namespace === service.metadata.namespace && matchesSelector(selector, listPodTemplates([deployment], deployment.metadata.namespace)[0].labels),
    );
  };
  const workloadNode = (deployment: KubeObject) =>
    nodeId(isGateway(listPodTemplates([deployment], deployment.metadata.namespace)[0]) ? 'gateway' : 'workload', deployment.metadata.name, deployment.metadata.namespace);

  // Services and the workloads they select.
  for (const service of services) {
    const node = add({ id: nodeId('service', service.metadata.name, service.metadata.namespace), kind: 'service', name: service.metadata.name, namespace: service.metadata.namespace });
    for (const deployment of workloadsOf(service)) edges.push({ from: node.id, to: workloadNode(deployment), kind: 'selects', evidence: [label(service), label(deployment)] });
  }
  const findService = (host: string | undefined, namespace: string | undefined) => {
    const parsed = host ? parseServiceHost(host, namespace) : undefined;
    return parsed && services.find((service) => service.metadata.name === parsed.name && service.metadata.namespace === parsed.namespace);
  };

  // Mesh policies on calls to a Service: a VirtualService timeout, a DestinationRule's outlier detection.
  for (const rule of objects.filter((object) => object.kind === 'DestinationRule' || object.kind === 'VirtualService')) {
    const hosts = rule.kind === 'DestinationRule' ? [readPath(rule, 'spec.host') as string] : ((readPath(rule, 'spec.hosts') as string[] | undefined) ?? []);
    for (const host of hosts) {
      const service = findService(host, rule.metadata.namespace);
      if (!service) continue;
      const node = nodes.get(nodeId('service', service.metadata.name, service.metadata.namespace))!;
      if (rule.kind === 'DestinationRule' && readPath(rule, 'spec.trafficPolicy.outlierDetection')) node.policies = [...(node.policies ?? []), 'outlier-detection'];
      const timeout = ((readPath(rule, 'spec.http') as { timeout?: string }[] | undefined) ?? []).find((http) => http.timeout)?.timeout;
      if (rule.kind === 'VirtualService' && timeout && !(readPath(rule, 'spec.gateways') as string[] | undefined)?.length) node.policies = [...(node.policies ?? []), `timeout ${timeout}`];
    }
  }

  // OpenShift Service Mesh 2's control plane runs its own ingress gateway (Service and pods
  // `istio-ingressgateway`, labelled istio: ingressgateway), which is in no manifest but the SMCP.
  const builtIn = objects
    .filter((object) => object.kind === 'ServiceMeshControlPlane' && readPath(object, 'spec.gateways.ingress.enabled') !== false)
    .map((controlPlane) => {
      const node = add({ id: nodeId('gateway', 'istio-ingressgateway', controlPlane.metadata.namespace), kind: 'gateway', name: 'istio-ingressgateway', namespace: controlPlane.metadata.namespace, sidecar: true });
      return { node, labels: { istio: 'ingressgateway', app: 'istio-ingressgateway' }, controlPlane };
    });
  const gatewaysSelected = (selector: Record<string, string> | undefined) => [
    ...deployments.filter((deployment) => matchesSelector(selector, listPodTemplates([deployment], deployment.metadata.namespace)[0].labels)).map(workloadNode),
    ...builtIn.filter((gateway) => matchesSelector(selector, gateway.labels)).map((gateway) => gateway.node.id),
  ];

  // Gateways: a Gateway object selects gateway workloads; a VirtualService bound to it routes to Services (and subsets, with weights).
  for (const virtual of objects.filter((object) => object.kind === 'VirtualService')) {
    const namespace = virtual.metadata.namespace;
    for (const gatewayRef of (readPath(virtual, 'spec.gateways') as string[] | undefined) ?? []) {
      if (gatewayRef === 'mesh') continue;
      const [gatewayNamespace, gatewayName] = gatewayRef.includes('/') ? gatewayRef.split('/') : [namespace, gatewayRef];
      const gateway = objects.find((object) => object.kind === 'Gateway' && object.metadata.name === gatewayName && object.metadata.namespace === gatewayNamespace);
      if (!gateway) continue;
      const gatewayWorkloads = gatewaysSelected(readPath(gateway, 'spec.selector') as Record<string, string> | undefined);
      const http = (readPath(virtual, 'spec.http') as { route?: { destination?: { host?: string; subset?: string }; weight?: number }[] }[] | undefined) ?? [];
      for (const route of http.flatMap((entry) => entry.route ?? [])) {
        const service = findService(route.destination?.host, namespace);
        if (!service) continue;
        let targets = [nodeId('service', service.metadata.name, service.metadata.namespace)];
        const evidence = [label(gateway), label(virtual)];
        if (route.destination?.subset) {
          const rule = objects.find(
            (object) => object.kind === 'DestinationRule' && findService(readPath(object, 'spec.host') as string, object.metadata.namespace) === service,
          );
          const subset = ((rule && (readPath(rule, 'spec.subsets') as { name: string; labels?: Record<string, string> }[])) ?? []).find((candidate) => candidate.name === route.destination!.subset);
          if (!rule || !subset) continue;
          targets = workloadsOf(service, subset.labels).map(workloadNode);
          evidence.push(label(rule), label(service));
        }
        for (const workload of gatewayWorkloads) {
          for (const target of targets) edges.push({ from: workload, to: target, kind: 'routes', ...(route.weight !== undefined ? { weight: route.weight } : {}), evidence });
        }
      }
    }
  }

  // How a request from outside enters: Routes to their Service, or the port-forward the README uses.
  const outside = add({ id: nodeId('outside', 'outside'), kind: 'outside', name: 'outside' });
  if (options.entry === 'route') {
    for (const route of objects.filter((object) => object.kind === 'Route')) {
      const target = readPath(route, 'spec.to.name');
      const service = services.find((candidate) => candidate.metadata.name === target && candidate.metadata.namespace === route.metadata.namespace);
      const gateway = builtIn.find((candidate) => candidate.node.name === target && candidate.node.namespace === route.metadata.namespace);
      if (!service && !gateway) continue;
      const node = add({ id: nodeId('route', route.metadata.name, route.metadata.namespace), kind: 'route', name: String(readPath(route, 'spec.host') ?? route.metadata.name), namespace: route.metadata.namespace });
      edges.push({ from: outside.id, to: node.id, kind: 'enters', evidence: [label(route)] });
      if (service) edges.push({ from: node.id, to: nodeId('service', service.metadata.name, service.metadata.namespace), kind: 'forwards', evidence: [label(route), label(service)] });
      else edges.push({ from: node.id, to: gateway!.node.id, kind: 'forwards', evidence: [label(route), label(gateway!.controlPlane)] });
    }
  } else {
    // The gateway's Service once a gateway routes somewhere, else the front-end's.
    const gatewayService = services.find((service) => workloadsOf(service).some((deployment) => isGateway(listPodTemplates([deployment], deployment.metadata.namespace)[0])) && edges.some((edge) => edge.kind === 'routes'));
    const entry = gatewayService ?? services.find((service) => service.metadata.name === 'front-end');
    if (entry) edges.push({ from: outside.id, to: nodeId('service', entry.metadata.name, entry.metadata.namespace), kind: 'enters', evidence: [label(entry)] });
  }

  // A client inside the cluster that calls a Service by its address (the traffic generator).
  for (const deployment of deployments) {
    const env = ((readPath(deployment, 'spec.template.spec.containers') as { env?: { value?: string }[] }[] | undefined) ?? []).flatMap((container) => container.env ?? []);
    for (const { value } of env) {
      const host = value?.match(/^https?:\/\/([^/:]+)/)?.[1];
      const service = host ? findService(host, deployment.metadata.namespace) : undefined;
      const parsed = host ? parseServiceHost(host, deployment.metadata.namespace) : undefined;
      const gateway = parsed && builtIn.find((candidate) => candidate.node.name === parsed.name && candidate.node.namespace === parsed.namespace);
      if (service) edges.push({ from: workloadNode(deployment), to: nodeId('service', service.metadata.name, service.metadata.namespace), kind: 'forwards', evidence: [label(deployment), label(service)] });
      else if (gateway) edges.push({ from: workloadNode(deployment), to: gateway.node.id, kind: 'forwards', evidence: [label(deployment), label(gateway.controlPlane)] });
    }
  }

  // Control planes and the namespaces they manage.
  for (const controlPlane of objects.filter((object) => object.kind === options.injection.controlPlaneKind)) {
    const node = add({ id: nodeId('control-plane', controlPlane.metadata.name, controlPlane.metadata.namespace ?? (readPath(controlPlane, 'spec.namespace') as string | undefined)), kind: 'control-plane', name: controlPlane.metadata.name, namespace: controlPlane.metadata.namespace ?? (readPath(controlPlane, 'spec.namespace') as string | undefined) });
    const namespaces =
      options.injection.membership === 'member-roll'
        ? objects.filter((object) => object.kind === 'ServiceMeshMemberRoll' && object.metadata.namespace === controlPlane.metadata.namespace).flatMap((roll) => (readPath(roll, 'spec.members') as string[] | undefined) ?? [])
        : objects
            .filter((object) => object.kind === 'Namespace')
            .filter((namespace) => {
              const selectors = (readPath(controlPlane, 'spec.values.meshConfig.discoverySelectors') as { matchLabels?: Record<string, string> }[] | undefined) ?? [];
              return selectors.some((selector) => selector.matchLabels && matchesSelector(selector.matchLabels, namespace.metadata.labels));
            })
            .map((namespace) => namespace.metadata.name);
    for (const namespace of namespaces) {
      if (namespace === node.namespace) continue;
      edges.push({ from: node.id, to: `namespace:${namespace}`, kind: 'manages', evidence: [label(controlPlane)] });
    }
  }
  return { nodes: [...nodes.values()], edges };
}
