/**
 * Health gates for custom resources that neither engine understands out of the box: without them
 * Argo CD calls a ServiceMeshControlPlane healthy the moment it exists, and the next sync wave (or
 * the next promotion) starts before the control plane can inject a sidecar.
 *
 * Each check is one named definition; a flavor picks the ones its repository needs and hands them
 * to the builders. Argo CD gets Lua scripts (package files under templates/health/, embedded
 * verbatim) as `argocd-cm` keys and, for OpenShift GitOps, as a merge patch of the `ArgoCD` CR.
 * Flux gets CEL expressions on the Kustomization that applies the kinds, which already waits
 * (`wait: true`) for everything it applies.
 */
import { BOOTSTRAP_FILES, bootstrapDir } from '../layout/layout.js';
import type { KubeObject } from '../render/manifest.js';
import { readTemplate } from '../render/template.js';

/** Flux `healthCheckExprs`, evaluated in this order: inProgress, failed, current. */
export interface HealthCheckExprs {
  inProgress: string;
  failed: string;
  current: string;
}

export interface HealthCheck {
  group: string;
  apiVersion: string;
  kind: string;
  /** The Argo CD Lua script, under templates/. */
  luaFile: string;
  /** Flux CEL expressions; absent for a check only Argo CD needs. */
  cel?: HealthCheckExprs;
  /** The upstream files (at a pinned version) the semantics are read from. */
  source: string;
}

/** Condition reasons (Maistra istio-operator 2.x) that need a person rather than a retry. */
export const CONTROL_PLANE_FAILURES = ['InstallError', 'ReconcileError', 'ValidationError', 'DependencyMissingError', 'DeletionError'] as const;
export const MEMBER_ROLL_FAILURES = ['ErrMultipleSMCPs', 'ErrInvalidName'] as const;

const quoted = (values: readonly string[]) => `[${values.map((value) => `'${value}'`).join(', ')}]`;
/** No status yet, or a status about an older spec. */
const NOT_OBSERVED = '!has(status.conditions) || !has(status.observedGeneration) || status.observedGeneration < metadata.generation';
const MAISTRA_SOURCE = 'maistra/istio-operator branch maistra-2.5: pkg/apis/maistra/status/status.go (condition types and reasons)';

export const SERVICE_MESH_CONTROL_PLANE: HealthCheck = {
  group: 'maistra.io',
  apiVersion: 'maistra.io/v2',
  kind: 'ServiceMeshControlPlane',
  luaFile: 'health/service-mesh-control-plane.lua',
  source: MAISTRA_SOURCE,
  cel: {
    inProgress: NOT_OBSERVED,
    failed: `status.conditions.exists(e, e.type in ['Installed', 'Reconciled'] && e.status == 'False' && e.reason in ${quoted(CONTROL_PLANE_FAILURES)})`,
    current: "status.conditions.exists(e, e.type == 'Ready' && e.status == 'True')",
  },
};

export const SERVICE_MESH_MEMBER_ROLL: HealthCheck = {
  group: 'maistra.io',
  apiVersion: 'maistra.io/v1',
  kind: 'ServiceMeshMemberRoll',
  luaFile: 'health/service-mesh-member-roll.lua',
  source: MAISTRA_SOURCE,
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

/** Sail operator condition types, in the order it derives `status.state` from them. */
export const SAIL_CONDITIONS = ['Reconciled', 'Ready', 'DependenciesHealthy'] as const;
/**
 * Reasons of a False `Reconciled` that need a person: ReconcileError (the operator could not apply
 * the spec: a validation error, which it records and does not retry, an unknown or end-of-life
 * version, values Helm cannot install) and NameAlreadyExists (an IstioRevisionTag has the
 * revision's name; only an Istio carries it). The others (ActiveRevisionNotFound,
 * FailedToGetActiveRevision, IstiodNotReady, DaemonSetNotReady, IstioCNINotFound, ...) pass.
 */
export const SAIL_FAILURES = ['ReconcileError', 'NameAlreadyExists'] as const;
const SAIL_SOURCE =
  'istio-ecosystem/sail-operator tag 1.30.3: api/v1/istio_types.go, api/v1/istiocni_types.go (conditions, reasons),' +
  ' controllers/istio/istio_controller.go and controllers/istiocni/istiocni_controller.go (determineStatus),' +
  ' pkg/reconciler/reconciler.go (validation errors are not retried)';
/**
 * One check for both kinds. `int()` on both generations makes the comparison hold whether a value
 * arrives as an integer or as a string: the Sail CRDs type observedGeneration as int64, but Istio's
 * own networking kinds write it as a string (fluxcd/flux2 issue 5982), and a bare `<` between a
 * string and an int is a CEL evaluation error. (Flux compares int64 generations itself before any
 * expression, and skips that for other types since fluxcd/pkg runtime/cel PR 1187; ours covers both.)
 * Before the operator writes any status, `status` is unbound and Flux reports the object Unknown,
 * which its wait treats as not ready yet.
 */
const SAIL_CEL: HealthCheckExprs = {
  inProgress: '!has(status.conditions) || !has(status.observedGeneration) || int(status.observedGeneration) < int(metadata.generation)',
  failed: `status.conditions.exists(c, c.type == 'Reconciled' && c.status == 'False' && has(c.reason) && c.reason in ${quoted(SAIL_FAILURES)})`,
  current:
    "status.conditions.exists(c, c.type == 'Ready' && c.status == 'True')" +
    ` && status.conditions.all(c, !(c.type in ${quoted(SAIL_CONDITIONS)}) || c.status == 'True')`,
};

export const SAIL_ISTIO: HealthCheck = {
  group: 'sailoperator.io',
  apiVersion: 'sailoperator.io/v1',
  kind: 'Istio',
  luaFile: 'health/sail-operator.lua',
  source: SAIL_SOURCE,
  cel: SAIL_CEL,
};

export const SAIL_ISTIO_CNI: HealthCheck = { ...SAIL_ISTIO, kind: 'IstioCNI' };

/**
 * App of apps: a parent Application waits in its sync wave until a child Application is healthy.
 * Argo CD dropped its built-in Application check in 1.8; the script follows the one its docs give
 * (the child's status.health.status), and is Progressing while the child has no health yet, while
 * the child's own sync runs, and while it is Missing or Unknown (see the script's header). Argo CD
 * only: Flux never applies an Application, so there is no CEL.
 */
export const ARGOCD_APPLICATION: HealthCheck = {
  group: 'argoproj.io',
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  luaFile: 'health/argocd-application.lua',
  source:
    'argoproj/argo-cd v3.5.1: docs/operator-manual/health.md ("Argocd App"), controller/health.go (a child\'s Missing and Unknown' +
    ' do not count for its parent), gitops-engine/pkg/sync/sync_context.go (a wave goes on at Healthy, fails at Degraded)',
};

/** Every check defined here, for the flavor registry to pick from (and the tests to cover). */
export const HEALTH_CHECKS: readonly HealthCheck[] = [SERVICE_MESH_CONTROL_PLANE, SERVICE_MESH_MEMBER_ROLL, SAIL_ISTIO, SAIL_ISTIO_CNI, ARGOCD_APPLICATION];

/** The OpenShift Service Mesh 2 checks, until the flavor registry picks checks per repository. */
export const MESH_HEALTH_CHECKS: readonly HealthCheck[] = [SERVICE_MESH_CONTROL_PLANE, SERVICE_MESH_MEMBER_ROLL];

export function readHealthScript(check: HealthCheck): string {
  return readTemplate(check.luaFile);
}

/** The `argocd-cm` key Argo CD reads a custom health check from. */
export function formatHealthKey(check: Pick<HealthCheck, 'group' | 'kind'>): string {
  return `resource.customizations.health.${check.group}_${check.kind}`;
}

/** Upstream Argo CD: the health checks as keys of `argocd-cm` (kubectl apply merges them in). */
export function buildArgoCdHealthConfigMap(checks: readonly HealthCheck[], namespace: string): KubeObject {
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
export function buildArgoCdHealthPatch(checks: readonly HealthCheck[]): { spec: { resourceHealthChecks: { group: string; kind: string; check: string }[] } } {
  return {
    spec: { resourceHealthChecks: checks.map((check) => ({ group: check.group, kind: check.kind, check: readHealthScript(check) })) },
  };
}

/** Flux: `spec.healthCheckExprs` of the Kustomization that applies these kinds (Argo-only checks left out). */
export function buildFluxHealthCheckExprs(checks: readonly HealthCheck[]): Record<string, string>[] {
  return checks.flatMap((check) => (check.cel ? [{ apiVersion: check.apiVersion, kind: check.kind, ...check.cel }] : []));
}

const CONFIG_MAP_FILE = `${bootstrapDir('argocd')}/${BOOTSTRAP_FILES.argocd.healthConfigMap}`;
const PATCH_FILE = `${bootstrapDir('argocd')}/${BOOTSTRAP_FILES.argocd.healthPatch}`;
/** The default OpenShift GitOps instance: an `ArgoCD` CR of this name. */
const OPENSHIFT_GITOPS_INSTANCE = 'openshift-gitops';

/** "A, B and C (group)": the kinds the checks cover, grouped by API group. */
function describeKinds(checks: readonly HealthCheck[]): string {
  const groups = [...new Set(checks.map((check) => check.group))];
  const parts = groups.map((group) => `${checks.filter((check) => check.group === group).map((check) => check.kind).join(', ')} (${group})`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts.join('');
}

/** OpenShift GitOps: the command that applies the patch to the instance in `namespace`. */
export function formatArgoCdHealthPatchCommand(namespace: string): string {
  return `oc patch argocd ${OPENSHIFT_GITOPS_INSTANCE} -n ${namespace} --type merge --patch-file ${PATCH_FILE}`;
}

/**
 * The comment above the `argocd-cm` keys for an upstream Argo CD in `namespace`; with
 * `operatorNamespace`, also the way for an OpenShift GitOps instance there.
 */
export function formatArgoCdHealthHeader(checks: readonly HealthCheck[], namespace: string, operatorNamespace?: string): string {
  return [
    `# Argo CD health checks for ${describeKinds(checks)}: Argo CD ships none for these kinds,`,
    '# so without them a sync wave, and so a promotion, would not wait until they are ready. Written by generator-sockshop-mesh.',
    `# Upstream Argo CD in namespace ${namespace}: kubectl apply -f ${CONFIG_MAP_FILE} (merges these keys into argocd-cm).`,
    ...(operatorNamespace === undefined
      ? []
      : ['# OpenShift GitOps: its operator owns argocd-cm and reverts edits; the supported way is the ArgoCD CR:', `#   ${formatArgoCdHealthPatchCommand(operatorNamespace)}`]),
  ].join('\n');
}

/** The comment above the `ArgoCD` CR merge patch for the OpenShift GitOps instance in `namespace`. */
export function formatArgoCdHealthPatchHeader(checks: readonly HealthCheck[], namespace: string): string {
  const entries = checks.length === 1 ? 'this entry' : `these ${checks.length} entries`;
  return [
    `# OpenShift GitOps (argocd-operator): the health checks for ${describeKinds(checks)} as a merge patch of the ArgoCD CR:`,
    `#   ${formatArgoCdHealthPatchCommand(namespace)}`,
    '# A merge patch replaces the whole list: if your instance already has spec.resourceHealthChecks,',
    `# add ${entries} to it with \`oc edit argocd ${OPENSHIFT_GITOPS_INSTANCE} -n ${namespace}\` instead. Written by generator-sockshop-mesh.`,
  ].join('\n');
}
