/**
 * Health gates for the mesh's custom resources, which neither engine understands out of the box:
 * without them Argo CD calls a ServiceMeshControlPlane healthy the moment it exists, and the next
 * sync wave (or the next promotion) starts before the control plane can inject a sidecar.
 *
 * Argo CD gets Lua scripts (package files under templates/health/, embedded verbatim) as `argocd-cm`
 * keys and, for OpenShift GitOps, as a merge patch of the `ArgoCD` CR. Flux gets CEL expressions on
 * the mesh Kustomization, which already waits (`wait: true`) for everything it applies.
 */
import { BOOTSTRAP_FILES, bootstrapDir } from '../layout/layout.js';
import type { KubeObject } from '../render/manifest.js';
import { readTemplate } from '../render/template.js';

export interface MeshHealthCheck {
  group: string;
  apiVersion: string;
  kind: string;
  /** The Argo CD Lua script, under templates/. */
  luaFile: string;
  /** Flux CEL expressions, evaluated in this order: inProgress, failed, current (none: Argo CD only). */
  cel?: { inProgress: string; failed: string; current: string };
}

export type HealthCheck = MeshHealthCheck;

/** Condition reasons (Maistra istio-operator 2.x) that need a person rather than a retry. */
export const CONTROL_PLANE_FAILURES = ['InstallError', 'ReconcileError', 'ValidationError', 'DependencyMissingError', 'DeletionError'] as const;
export const MEMBER_ROLL_FAILURES = ['ErrMultipleSMCPs', 'ErrInvalidName'] as const;

const quoted = (values: readonly string[]) => `[${values.map((value) => `'${value}'`).join(', ')}]`;
/** No status yet, or a status about an older spec. */
const NOT_OBSERVED = '!has(status.conditions) || !has(status.observedGeneration) || status.observedGeneration < metadata.generation';

export const SERVICE_MESH_CONTROL_PLANE: MeshHealthCheck = {
    group: 'maistra.io',
    apiVersion: 'maistra.io/v2',
    kind: 'ServiceMeshControlPlane',
    luaFile: 'health/service-mesh-control-plane.lua',
    cel: {
      inProgress: NOT_OBSERVED,
      failed: `status.conditions.exists(e, e.type in ['Installed', 'Reconciled'] && e.status == 'False' && e.reason in ${quoted(CONTROL_PLANE_FAILURES)})`,
      current: "status.conditions.exists(e, e.type == 'Ready' && e.status == 'True')",
    },
};

export const SERVICE_MESH_MEMBER_ROLL: MeshHealthCheck = {
    group: 'maistra.io',
    apiVersion: 'maistra.io/v1',
    kind: 'ServiceMeshMemberRoll',
    luaFile: 'health/service-mesh-member-roll.lua',
    cel: {
      inProgress: NOT_OBSERVED,
      failed:
        `status.conditions.exists(e, e.type == 'Ready' && e.status == 'False' && (e.reason in ${quoted(MEMBER_ROLL_FAILURES)}` +
        " || (e.reason == 'ReconcileError' && (!has(status.pendingMembers) || size(status.pendingMembers) == 0))))",
      current:
        "status.conditions.exists(e, e.type == 'Ready' && e.status == 'True')" +
        ' && (!has(spec.members) || spec.members.all(m, has(status.configuredMembers) && m in status.configuredMembers))',
    },
};

export const SAIL_ISTIO: MeshHealthCheck = { group: 'sailoperator.io', apiVersion: 'sailoperator.io/v1', kind: 'Istio', luaFile: 'health/sail-istio.lua' };
export const SAIL_ISTIO_CNI: MeshHealthCheck = { group: 'sailoperator.io', apiVersion: 'sailoperator.io/v1', kind: 'IstioCNI', luaFile: 'health/sail-istio-cni.lua' };
export const ARGOCD_APPLICATION: MeshHealthCheck = { group: 'argoproj.io', apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', luaFile: 'health/argocd-application.lua' };

export const MESH_HEALTH_CHECKS: readonly MeshHealthCheck[] = [SERVICE_MESH_CONTROL_PLANE, SERVICE_MESH_MEMBER_ROLL];

export function readHealthScript(check: MeshHealthCheck): string {
  return readTemplate(check.luaFile);
}

/** The `argocd-cm` key Argo CD reads a custom health check from. */
export function formatHealthKey(check: Pick<MeshHealthCheck, 'group' | 'kind'>): string {
  return `resource.customizations.health.${check.group}_${check.kind}`;
}

/** Upstream Argo CD: the health checks as keys of `argocd-cm` (kubectl apply merges them in). */
export function buildArgoCdHealthConfigMap(checks: readonly MeshHealthCheck[], namespace: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'argocd-cm',
      namespace,
      labels: { 'app.kubernetes.io/name': 'argocd-cm', 'app.kubernetes.io/part-of': 'argocd' },
    },
    data: Object.fromEntries(checks.map((check) => [formatHealthKey(check), readHealthScript(check)])),
  };
}

/** OpenShift GitOps: a merge patch for the `ArgoCD` CR, whose operator owns (and rewrites) argocd-cm. */
export function buildArgoCdHealthPatch(checks: readonly MeshHealthCheck[]): { spec: { resourceHealthChecks: { group: string; kind: string; check: string }[] } } {
  return {
    spec: { resourceHealthChecks: checks.map((check) => ({ group: check.group, kind: check.kind, check: readHealthScript(check) })) },
  };
}

/** Flux: `spec.healthCheckExprs` of the Kustomization that applies the mesh layer. */
export function buildFluxHealthCheckExprs(checks: readonly MeshHealthCheck[]): Record<string, string>[] {
  return checks.flatMap((check) => (check.cel ? [{ apiVersion: check.apiVersion, kind: check.kind, ...check.cel }] : []));
}

const CONFIG_MAP_FILE = `${bootstrapDir('argocd')}/${BOOTSTRAP_FILES.argocd.healthConfigMap}`;
const PATCH_FILE = `${bootstrapDir('argocd')}/${BOOTSTRAP_FILES.argocd.healthPatch}`;

export function formatHealthPatchCommand(namespace: string): string {
  return `oc patch argocd openshift-gitops -n ${namespace} --type merge --patch-file ${PATCH_FILE}`;
}

export function formatHealthHeader(namespace: string): string {
  return [
    '# Argo CD health checks for the mesh custom resources (Argo CD ships none for them), so a sync',
    '# wave, and so a promotion, waits for a ready control plane. Written by generator-sockshop-mesh.',
    `# Upstream Argo CD: kubectl apply -f ${CONFIG_MAP_FILE} (merges these keys into argocd-cm in ${namespace}).`,
    '# OpenShift GitOps: its operator owns argocd-cm and reverts edits; the supported way is the ArgoCD CR:',
    `#   ${formatHealthPatchCommand(namespace)}`,
  ].join('\n');
}

export function formatHealthPatchHeader(namespace: string): string {
  return [
    '# OpenShift GitOps (argocd-operator): the mesh health checks as a merge patch of the ArgoCD CR:',
    `#   ${formatHealthPatchCommand(namespace)}`,
    '# A merge patch replaces the whole list: if your instance already has spec.resourceHealthChecks,',
    '# add these entries to it with `oc edit argocd openshift-gitops` instead. Written by generator-sockshop-mesh.',
  ].join('\n');
}
