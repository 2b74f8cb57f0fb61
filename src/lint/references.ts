/** Lookups over one stage's rendered objects: Services, pod templates, selectors, Istio hosts. */
import type { KubeObject } from '../render/manifest.js';

type Labels = Record<string, string>;

export function readPath(object: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), object);
}

export function matchesSelector(selector: Labels | undefined, labels: Labels | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}

/** Pod templates of the workloads in a namespace, with their labels. */
export function listPodTemplates(objects: readonly KubeObject[], namespace: string | undefined): { owner: KubeObject; labels: Labels; annotations: Labels }[] {
  return objects
    .filter((object) => object.kind === 'Deployment' && object.metadata.namespace === namespace)
    .map((owner) => ({
      owner,
      labels: (readPath(owner, 'spec.template.metadata.labels') as Labels | undefined) ?? {},
      annotations: (readPath(owner, 'spec.template.metadata.annotations') as Labels | undefined) ?? {},
    }));
}

/**
 * The Service an Istio host names: `name`, `name.ns`, `name.ns.svc` or `name.ns.svc.cluster.local`,
 * short names resolved in the referring object's namespace. Undefined when the host is not an
 * in-cluster service name (an external host such as the front-end's Route host).
 */
export function parseServiceHost(host: string, namespace: string | undefined): { name: string; namespace: string | undefined } | undefined {
  const parts = host.split('.');
  if (parts.length === 1) return { name: parts[0], namespace };
  if (parts.length === 2 || (parts.length === 3 && parts[2] === 'svc')) return { name: parts[0], namespace: parts[1] };
  if (parts.length === 5 && parts[2] === 'svc' && parts[3] === 'cluster' && parts[4] === 'local') return { name: parts[0], namespace: parts[1] };
  return undefined;
}

/** Services a ServiceMeshControlPlane creates in its own namespace. */
export const CONTROL_PLANE_SERVICES = ['istio-ingressgateway', 'istio-egressgateway', 'istiod-basic'];

export function findService(objects: readonly KubeObject[], name: string, namespace: string | undefined): KubeObject | 'control-plane' | undefined {
  const service = objects.find((object) => object.kind === 'Service' && object.metadata.name === name && object.metadata.namespace === namespace);
  if (service) return service;
  const controlPlane = objects.some((object) => object.kind === 'ServiceMeshControlPlane' && object.metadata.namespace === namespace);
  return controlPlane && CONTROL_PLANE_SERVICES.includes(name) ? 'control-plane' : undefined;
}
