/**
 * A class shares one cluster: each participant's GitOps objects must stay inside that participant's
 * fence. Argo CD applies a participant's Application with the rights of its AppProject, whose
 * destinations are the namespaces it may write into; Flux applies a participant's Kustomization as
 * its `serviceAccountName`, into its `targetNamespace`. A destination or a target naming another
 * participant's namespace (or a wildcard), an Application in someone else's project, a Kustomization
 * running as someone else's ServiceAccount, or a path outside the participant's own folder would
 * let one participant change another's workshop, or the shared mesh.
 */
import type { KubeObject } from '../render/manifest.js';
import type { Violation } from '../validate/types.js';
import { objectViolation } from './object-violation.js';
import { readPath } from './references.js';

export interface ParticipantScope {
  participant: string;
  /** The namespaces the participant's own objects create. */
  namespaces: readonly string[];
  /** The participant's Argo CD AppProject and Flux ServiceAccount. */
  gitopsName: string;
  /** The participant's folder (`tenants/<name>`): what their GitOps objects may sync. */
  dir: string;
  /** Folders applied with the engine's own rights, not the participant's (their cluster-scoped objects). */
  privileged: readonly string[];
}

export interface SourcedKubeObject {
  object: KubeObject;
  file: string;
  line?: number;
}

const ARGOCD_GROUP = 'argoproj.io/';
const FLUX_KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io/';

/** A sync path as a repository folder: `./tenants/user1/mesh/` -> `tenants/user1/mesh`. */
function normalizePath(path: string): string {
  return path.replace(/^\.\//, '').replace(/\/+$/, '');
}

const inside = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

export function checkTenancy(objects: readonly SourcedKubeObject[], scope: ParticipantScope): Violation[] {
  const violations: Violation[] = [];
  const own = new Set(scope.namespaces);
  const allowed = scope.namespaces.join(', ');
  const report = ({ object, file, line }: SourcedKubeObject, path: string, message: string) => violations.push(objectViolation(object, { file, line }, path, message, 'tenancy'));
  const checkNamespace = (entry: SourcedKubeObject, path: string, namespace: unknown) => {
    if (namespace === undefined || (typeof namespace === 'string' && own.has(namespace))) return;
    report(entry, path, `names namespace ${JSON.stringify(namespace)}, which is not participant ${scope.participant}'s: only ${allowed}`);
  };

  for (const entry of objects) {
    const { object } = entry;
    if (object.apiVersion.startsWith(ARGOCD_GROUP) && object.kind === 'AppProject') {
      const destinations = (readPath(object, 'spec.destinations') as { namespace?: string }[] | undefined) ?? [];
      destinations.forEach((destination, index) => {
        if (destination.namespace === undefined) report(entry, `spec.destinations[${index}]`, `allows every namespace: a participant's project may allow only ${allowed}`);
        else checkNamespace(entry, `spec.destinations[${index}].namespace`, destination.namespace);
      });
    } else if (object.apiVersion.startsWith(ARGOCD_GROUP) && object.kind === 'Application') {
      checkNamespace(entry, 'spec.destination.namespace', readPath(object, 'spec.destination.namespace'));
      const project = readPath(object, 'spec.project');
      if (project !== scope.gitopsName) report(entry, 'spec.project', `is ${JSON.stringify(project)}: participant ${scope.participant}'s Application belongs in their own project ${scope.gitopsName}`);
      const path = readPath(object, 'spec.source.path');
      if (typeof path === 'string' && !inside(normalizePath(path), scope.dir)) report(entry, 'spec.source.path', `syncs ${path}, outside participant ${scope.participant}'s folder ${scope.dir}`);
    } else if (object.apiVersion.startsWith(FLUX_KUSTOMIZE_GROUP) && object.kind === 'Kustomization') {
      checkNamespace(entry, 'spec.targetNamespace', readPath(object, 'spec.targetNamespace'));
      const raw = readPath(object, 'spec.path');
      const path = typeof raw === 'string' ? normalizePath(raw) : '';
      if (!inside(path, scope.dir)) report(entry, 'spec.path', `applies ${String(raw)}, outside participant ${scope.participant}'s folder ${scope.dir}`);
      const account = readPath(object, 'spec.serviceAccountName');
      if (account === undefined) {
        if (!scope.privileged.includes(path)) report(entry, 'spec.serviceAccountName', `is missing: Flux would apply ${String(raw)} with its own rights; use participant ${scope.participant}'s ServiceAccount ${scope.gitopsName}`);
      } else if (account !== scope.gitopsName) {
        report(entry, 'spec.serviceAccountName', `is ${JSON.stringify(account)}: participant ${scope.participant}'s Kustomizations run as their own ServiceAccount ${scope.gitopsName}`);
      }
    }
  }
  return violations;
}
