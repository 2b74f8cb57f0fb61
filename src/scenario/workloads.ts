/**
 * Sock Shop workloads as data (templates/sockshop/workloads.yaml) and the Deployment + Service each
 * one becomes. Pods carry `app` and `version`; Deployments select on both, so a later `v2`
 * Deployment of the same app never overlaps, while the Service selects on `app` alone.
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
  role: WorkloadRole;
  image: string;
  ports: WorkloadPort[];
  env?: Record<string, string>;
  tmpVolume?: boolean;
  sampleCredentials?: boolean;
  serviceAnnotations?: Record<string, string>;
}

export const WORKLOAD_VERSION = 'v1';

/** Parses the table and rejects entries of the wrong shape, naming the file and the entry. */
export function parseWorkloads(text: string, file: string): Workload[] {
  const table = load(text);
  if (!Array.isArray(table)) throw new Error(`${file}: expected a list of workloads`);
  return table.map((entry: Partial<Workload>, index) => {
    const where = `${file}: workload ${index + 1}${entry?.name ? ` (${entry.name})` : ''}`;
    if (typeof entry?.name !== 'string' || typeof entry.image !== 'string') throw new Error(`${where}: needs a name and an image`);
    if (!['service', 'database', 'broker'].includes(entry.role as string)) throw new Error(`${where}: role must be service, database or broker`);
    if (!Array.isArray(entry.ports) || entry.ports.length === 0) throw new Error(`${where}: needs at least one port`);
    for (const port of entry.ports) {
      if (typeof port?.name !== 'string' || !Number.isInteger(port.port)) throw new Error(`${where}: every port needs a name and a number`);
    }
    return entry as Workload;
  });
}

export function buildDeployment(workload: Workload, namespace: string): KubeObject {
  const labels = { app: workload.name, version: WORKLOAD_VERSION };
  const container: Record<string, unknown> = {
    name: workload.name,
    image: workload.image,
    ports: workload.ports.map((port) => ({ name: port.name, containerPort: port.containerPort ?? port.port })),
  };
  if (workload.env) container.env = Object.entries(workload.env).map(([name, value]) => ({ name, value }));
  if (workload.tmpVolume) container.volumeMounts = [{ name: 'tmp', mountPath: '/tmp' }];
  const podSpec: Record<string, unknown> = {
    containers: [container],
    nodeSelector: { 'kubernetes.io/os': 'linux' },
  };
  if (workload.tmpVolume) podSpec.volumes = [{ name: 'tmp', emptyDir: { medium: 'Memory' } }];
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: workload.name, namespace, labels: { ...labels } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { ...labels } },
      template: { metadata: { labels: { ...labels } }, spec: podSpec },
    },
  };
}

export function buildService(workload: Workload, namespace: string): KubeObject {
  const metadata: KubeObject['metadata'] = { name: workload.name, namespace, labels: { app: workload.name } };
  if (workload.serviceAnnotations) metadata.annotations = { ...workload.serviceAnnotations };
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata,
    spec: {
      selector: { app: workload.name },
      ports: workload.ports.map((port) => ({
        name: port.name,
        port: port.port,
        targetPort: port.containerPort ?? port.port,
        protocol: 'TCP',
      })),
    },
  };
}
