/**
 * Which objects a patch applies to, the way kustomize selects them: without a target, the one
 * object with the patch's group, version, kind, name and namespace; with a target, every object
 * whose fields match the target's (anchored regular expressions; an empty field matches anything)
 * and whose labels and annotations satisfy the selectors.
 */
import type { KubeObject } from '../render/manifest.js';
import { UnsupportedKustomizationError } from './errors.js';

export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export const TARGET_FIELDS: readonly (keyof PatchTarget)[] = ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'];

/** Kubernetes kinds without a namespace that kustomize knows; everything else is namespaced. */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass',
  'PriorityClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService', 'Node', 'IngressClass',
]);

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** An unset namespace counts as `default` for namespaced kinds, as in kustomize. */
export function readEffectiveNamespace(object: Pick<KubeObject, 'kind' | 'metadata'>): string {
  if (CLUSTER_SCOPED.has(object.kind)) return '';
  return object.metadata.namespace || 'default';
}

export function isSameObject(a: KubeObject, b: KubeObject): boolean {
  return (
    a.apiVersion === b.apiVersion &&
    a.kind === b.kind &&
    a.metadata.name === b.metadata.name &&
    readEffectiveNamespace(a) === readEffectiveNamespace(b)
  );
}

type Requirement = (values: Record<string, string>) => boolean;

/** Equality-based selectors (`app=x,tier!=db,env,!canary`); set-based ones are not supported. */
function parseSelector(selector: string, file: string, field: string): Requirement[] {
  return selector
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part): Requirement => {
      const match = /^(!?)([\w./-]+)\s*(?:(==|=|!=)\s*([\w.-]*))?$/.exec(part);
      if (!match) throw new UnsupportedKustomizationError(file, field, `selector ${JSON.stringify(part)}`);
      const [, not, key, operator, value] = match;
      if (!operator) return (values) => (key in values) !== (not === '!');
      if (not) throw new UnsupportedKustomizationError(file, field, `selector ${JSON.stringify(part)}`);
      return operator === '!=' ? (values) => values[key] !== value : (values) => values[key] === value;
    });
}

function anchor(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

/** A predicate for the objects a target selects. */
export function compileTarget(target: PatchTarget, file: string): (object: KubeObject) => boolean {
  const tests: ((object: KubeObject) => boolean)[] = [];
  const field = (pattern: string | undefined, read: (object: KubeObject) => string) => {
    if (!pattern) return;
    // Compiled once per target: a class's replacements test every object against dozens of targets.
    const regex = anchor(pattern);
    tests.push((object) => regex.test(read(object)));
  };
  field(target.group, (object) => splitApiVersion(object.apiVersion).group);
  field(target.version, (object) => splitApiVersion(object.apiVersion).version);
  field(target.kind, (object) => object.kind);
  field(target.name, (object) => object.metadata.name);
  field(target.namespace, readEffectiveNamespace);
  if (target.labelSelector) {
    const requirements = parseSelector(target.labelSelector, file, 'patches.target.labelSelector');
    tests.push((object) => requirements.every((test) => test(object.metadata.labels ?? {})));
  }
  if (target.annotationSelector) {
    const requirements = parseSelector(target.annotationSelector, file, 'patches.target.annotationSelector');
    tests.push((object) => requirements.every((test) => test(object.metadata.annotations ?? {})));
  }
  return (object) => tests.every((test) => test(object));
}
