/**
 * Manifests are data: parsed from YAML into plain objects, computed with, and dumped once in a
 * stable shape (`apiVersion, kind, metadata` first; no folding; no anchors).
 */
import { dump, loadAll } from 'js-yaml';

export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> } & Record<string, unknown>;
} & Record<string, unknown>;

const TOP_ORDER = ['apiVersion', 'kind', 'metadata'];
const METADATA_ORDER = ['name', 'namespace', 'labels', 'annotations'];

function orderKeys(object: Record<string, unknown>, first: readonly string[]): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const key of first) if (key in object) ordered[key] = object[key];
  for (const key of Object.keys(object)) if (!(key in ordered)) ordered[key] = object[key];
  return ordered;
}

export function normalizeObject(object: KubeObject): KubeObject {
  const top = orderKeys(object, TOP_ORDER);
  if (object.metadata && typeof object.metadata === 'object') {
    top.metadata = orderKeys(object.metadata as Record<string, unknown>, METADATA_ORDER);
  }
  return top as KubeObject;
}

export function dumpYaml(value: unknown): string {
  return dump(value, { lineWidth: -1, noRefs: true });
}

/** One YAML stream, documents separated by `---`. */
export function dumpObjects(objects: readonly KubeObject[], header?: string): string {
  const body = objects.map((object) => dumpYaml(normalizeObject(object))).join('---\n');
  return header ? `${header.trimEnd()}\n${body}` : body;
}

/** Parses a YAML stream of manifests; a syntax error names the file and line. */
export function parseObjects(text: string, file: string): KubeObject[] {
  let documents: unknown[];
  try {
    documents = loadAll(text) as unknown[];
  } catch (error) {
    throw new Error(`${file}: invalid YAML: ${(error as Error).message}`);
  }
  return documents.filter((document) => document !== null && document !== undefined).map((document, index) => {
    const object = document as Partial<KubeObject>;
    if (typeof document !== 'object' || Array.isArray(document) || !object.apiVersion || !object.kind || !object.metadata?.name) {
      throw new Error(`${file}: document ${index + 1} is not a Kubernetes object with apiVersion, kind and metadata.name`);
    }
    return object as KubeObject;
  });
}

export function describeObject(object: Pick<KubeObject, 'kind' | 'metadata'>): string {
  return `${object.kind}/${object.metadata.name}`;
}

/** A stable identity: group/kind/namespace/name. */
export function identifyObject(object: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): string {
  const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';
  return `${group}/${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}
