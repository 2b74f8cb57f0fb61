/**
 * What a set of objects touches, for the GitOps engines' fences: the namespaces it writes into, the
 * cluster-scoped objects it creates (by kind and name) and the namespaced kinds it uses. An Argo CD
 * AppProject and a participant's RBAC are written from this, so they allow exactly what the
 * repository applies.
 */
import type { KubeObject } from '../render/manifest.js';

export interface KindRef {
  group: string;
  kind: string;
}

export interface ResourceSummary {
  namespaces: string[];
  clusterScoped: (KindRef & { names: string[] })[];
  namespaced: (KindRef & { version: string })[];
}

export function splitGroup(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

const byKind = (a: KindRef, b: KindRef) => `${a.group}/${a.kind}`.localeCompare(`${b.group}/${b.kind}`);

/** Objects without a namespace are cluster-scoped: every namespaced object the generator writes names its namespace. */
export function describeResources(objects: readonly KubeObject[], ...extraNamespaces: string[]): ResourceSummary {
  const namespaces = new Set(extraNamespaces);
  const clusterScoped = new Map<string, KindRef & { names: string[] }>();
  const namespaced = new Map<string, KindRef & { version: string }>();
  for (const object of objects) {
    const { group, version } = splitGroup(object.apiVersion);
    const key = `${group}/${object.kind}`;
    if (object.metadata.namespace) {
      namespaces.add(object.metadata.namespace);
      if (!namespaced.has(key)) namespaced.set(key, { group, kind: object.kind, version });
      continue;
    }
    if (object.kind === 'Namespace') namespaces.add(object.metadata.name);
    const entry = clusterScoped.get(key) ?? { group, kind: object.kind, names: [] };
    clusterScoped.set(key, entry);
    entry.names.push(object.metadata.name);
  }
  return {
    namespaces: [...namespaces].sort(),
    clusterScoped: [...clusterScoped.values()].map((entry) => ({ ...entry, names: [...entry.names].sort() })).sort(byKind),
    namespaced: [...namespaced.values()].sort(byKind),
  };
}

/** The resource name RBAC uses for a kind: lower case, plural. */
export function pluralize(kind: string): string {
  const lower = kind.toLowerCase();
  if (/(s|x|ch|sh)$/.test(lower)) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}
