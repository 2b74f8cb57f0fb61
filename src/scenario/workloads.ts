/**
 * Sock Shop workloads as data (templates/manifests/common/sockshop/*.yaml) and the Deployment and
 * Service each one becomes. Pods carry `app` and `version`; Deployments select on both, so a later
 * `v2` Deployment of the same app never overlaps, while the Service selects on `app` alone. Every
 * container runs non-root with all capabilities dropped (the table's header says why each exception
 * exists); the platform decides whether the manifest names a UID.
 */
import { load } from 'js-yaml';
import type { KubeObject } from '../render/manifest.js';

export type WorkloadRole = 'service' | 'database' | 'broker';

export interface WorkloadPort {
  name: string;
  port: number;
  containerPort?: number;
}

export interface Workload {
  name: string;
  /** The `app` label (default: the name); a second version of an app shares it. */
  app?: string;
  /** The `version` label (default: v1). */
  version?: string;
  /** False for a second version that joins the first one's Service. */
  service?: boolean;
  /** Asks for its sidecar itself: for workloads added after the sidecar stage. */
  injected?: boolean;
  role: WorkloadRole;
  image: string;
  ports: WorkloadPort[];
  env?: Record<string, string>;
  tmpVolume?: boolean;
  sampleCredentials?: boolean;
  serviceAnnotations?: Record<string, string>;
  /** The image's binary carries cap_net_bind_service: NET_BIND_SERVICE stays in the bounding set. */
  fileCapabilities?: boolean;
  /** The UID plain Kubernetes runs it as (OpenShift assigns one). */
  runAsUser?: number;
}

export const WORKLOAD_VERSION = 'v1';
/** Binding a port below this needs privilege, unless the pod lowers it (a safe sysctl). */
export const FIRST_UNPRIVILEGED_PORT = 1024;
/** Istio's proxy UID: traffic it sends bypasses the sidecar's redirection, so no app may use it. */
export const PROXY_UID = 1337;

/** How the workloads of a flavor are built: what its platform needs and how a pod asks for a sidecar. */
export interface WorkloadContext {
  namespace: string;
  /** Name the UID in the manifest (plain Kubernetes), or leave it to the platform (OpenShift). */
  numericUser: boolean;
  /** The pod label that asks for a sidecar. */
  injection: { key: string; value: string };
}

/** The annotation that makes the app container wait for Envoy (services that call others at start-up). */
export const HOLD_APPLICATION: Readonly<Record<string, string>> = { 'proxy.istio.io/config': '{"holdApplicationUntilProxyStarts": true}' };

const ROLES: readonly WorkloadRole[] = ['service', 'database', 'broker'];

/** Parses the table and rejects entries of the wrong shape, naming the file and the entry. */
export function parseWorkloads(text: string, file: string): Workload[] {
  const table = load(text);
  if (!Array.isArray(table)) throw new Error(`${file}: expected a list of workloads`);
  return table.map((entry: Partial<Workload>, index) => {
    const where = `${file}: workload ${index + 1}${entry?.name ? ` (${entry.name})` : ''}`;
    if (typeof entry?.name !== 'string' || typeof entry.image !== 'string') throw new Error(`${where}: needs a name and an image`);
    if (!ROLES.includes(entry.role as WorkloadRole)) throw new Error(`${where}: role must be ${ROLES.join(', ')}`);
    if (!Array.isArray(entry.ports) || entry.ports.length === 0) throw new Error(`${where}: needs at least one port`);
    for (const port of entry.ports) {
      if (typeof port?.name !== 'string' || !Number.isInteger(port.port)) throw new Error(`${where}: every port needs a name and a number`);
    }
    if (entry.runAsUser !== undefined && (!Number.isInteger(entry.runAsUser) || entry.runAsUser <= 0 || entry.runAsUser === PROXY_UID)) {
      throw new Error(`${where}: runAsUser must be a non-root UID other than ${PROXY_UID} (Istio's proxy UID)`);
    }
    return entry as Workload;
  });
}

function buildSecurityContext(workload: Workload, context: WorkloadContext): Record<string, unknown> {
  return {
    allowPrivilegeEscalation: false,
    capabilities: workload.fileCapabilities ? { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } : { drop: ['ALL'] },
    runAsNonRoot: true,
    ...(context.numericUser && workload.runAsUser !== undefined ? { runAsUser: workload.runAsUser } : {}),
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

export function buildDeployment(workload: Workload, context: WorkloadContext): KubeObject {
  const labels = { app: workload.app ?? workload.name, version: workload.version ?? WORKLOAD_VERSION };
  const container: Record<string, unknown> = {
    name: labels.app,
    image: workload.image,
    ports: workload.ports.map((port) => ({ name: port.name, containerPort: port.containerPort ?? port.port })),
  };
  if (workload.env) container.env = Object.entries(workload.env).map(([name, value]) => ({ name, value }));
  container.securityContext = buildSecurityContext(workload, context);
  if (workload.tmpVolume) container.volumeMounts = [{ name: 'tmp', mountPath: '/tmp' }];
  const podSpec: Record<string, unknown> = { containers: [container], nodeSelector: { 'kubernetes.io/os': 'linux' } };
  if (workload.ports.some((port) => (port.containerPort ?? port.port) < FIRST_UNPRIVILEGED_PORT)) {
    podSpec.securityContext = { sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }] };
  }
  if (workload.tmpVolume) podSpec.volumes = [{ name: 'tmp', emptyDir: { medium: 'Memory' } }];
  const podMetadata: Record<string, unknown> = {
    labels: workload.injected ? { ...labels, [context.injection.key]: context.injection.value } : { ...labels },
  };
  if (workload.injected) podMetadata.annotations = { ...HOLD_APPLICATION };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: workload.name, namespace: context.namespace, labels: { ...labels } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { ...labels } },
      template: { metadata: podMetadata, spec: podSpec },
    },
  };
}

/** The workload's Service, or none for a second version that joins the first one's. */
export function buildService(workload: Workload, namespace: string): KubeObject | undefined {
  if (workload.service === false) return undefined;
  const app = workload.app ?? workload.name;
  const metadata: KubeObject['metadata'] = { name: app, namespace, labels: { app } };
  if (workload.serviceAnnotations) metadata.annotations = { ...workload.serviceAnnotations };
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata,
    spec: {
      selector: { app },
      ports: workload.ports.map((port) => ({ name: port.name, port: port.port, targetPort: port.containerPort ?? port.port, protocol: 'TCP' })),
    },
  };
}
