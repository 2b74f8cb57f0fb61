/**
 * The Argo CD health checks, run in a real Lua VM inside Argo CD's default sandbox (see
 * test/helpers/lua.ts) against sample statuses shaped like each operator's, and the proof that the
 * generated files carry exactly these scripts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  ARGOCD_APPLICATION,
  buildArgoCdHealthConfigMap,
  buildArgoCdHealthPatch,
  buildFluxHealthCheckExprs,
  CONTROL_PLANE_FAILURES,
  formatArgoCdHealthHeader,
  formatArgoCdHealthPatchCommand,
  formatArgoCdHealthPatchHeader,
  formatHealthKey,
  HEALTH_CHECKS,
  MEMBER_ROLL_FAILURES,
  MESH_HEALTH_CHECKS,
  readHealthScript,
  SAIL_CONDITIONS,
  SAIL_FAILURES,
  SAIL_ISTIO,
  SAIL_ISTIO_CNI,
  SERVICE_MESH_CONTROL_PLANE,
  SERVICE_MESH_MEMBER_ROLL,
} from '../../src/gitops/health-checks.js';
import { FLAVORS } from '../../src/flavors/registry.js';
import { ARGOCD_NAMESPACE } from '../../src/flavors/shared.js';
import { BOOTSTRAP_FILES, bootstrapDir, entryLayerDir, PARTICIPANTS_BOOTSTRAP_DIR } from '../../src/layout/layout.js';
import { planStages } from '../../src/plan/plan-stages.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { locateBundledSchemaDir, validateObjects } from '../../src/validate/index.js';
import { lookUpField, readCelFields, readCrdFields, readLuaFields } from '../helpers/field-paths.js';
import { HEALTH_STATUSES, runHealthScript } from '../helpers/lua.js';

const condition = (type: string, status: string, reason: string, message = '') => ({ type, status, reason, message, lastTransitionTime: '2026-01-01T00:00:00Z' });
const controlPlane = (status?: object, generation = 1) => ({
  apiVersion: 'maistra.io/v2',
  kind: 'ServiceMeshControlPlane',
  metadata: { name: 'basic', namespace: 'user1-istio-system', generation },
  spec: { version: 'v2.6' },
  ...(status ? { status } : {}),
});
const memberRoll = (status?: object, members = ['user1-sockshop'], generation = 1) => ({
  apiVersion: 'maistra.io/v1',
  kind: 'ServiceMeshMemberRoll',
  metadata: { name: 'default', namespace: 'user1-istio-system', generation },
  spec: { members },
  ...(status ? { status } : {}),
});

const smcp = readHealthScript(SERVICE_MESH_CONTROL_PLANE);
const smmr = readHealthScript(SERVICE_MESH_MEMBER_ROLL);

describe('the Lua sandbox', () => {
  it('is Argo CD\'s: no string library, so a script that needs one fails here as it would there', () => {
    expect(() => runHealthScript('local hs = {}; hs.status = ("Healthy"):upper(); return hs', {})).toThrow(/fails/);
    expect(() => runHealthScript('return { status = "Fine" }', {})).toThrow(/invalid health status Fine/);
    expect(runHealthScript('local hs = {}; hs.status = table.concat({ "Heal", "thy" }); return hs', {}).status).toBe('Healthy');
  });
});

describe('ServiceMeshControlPlane health (Lua)', () => {
  const installed = condition('Installed', 'True', 'InstallSuccessful', 'Successfully installed all mesh components');
  const reconciled = condition('Reconciled', 'True', 'InstallSuccessful', 'Successfully installed all mesh components');

  it('is Progressing before the operator has written a status', () => {
    expect(runHealthScript(smcp, controlPlane()).status).toBe('Progressing');
    expect(runHealthScript(smcp, controlPlane({ annotations: {} })).status).toBe('Progressing');
  });

  it('is Progressing while components are not ready, and says how many are', () => {
    const result = runHealthScript(
      smcp,
      controlPlane({
        observedGeneration: 1,
        annotations: { readyComponentCount: '3/9' },
        conditions: [installed, reconciled, condition('Ready', 'False', 'ComponentsNotReady', 'Some components are not fully available')],
      }),
    );
    expect(result).toEqual({ status: 'Progressing', message: 'Some components are not fully available (3/9 components ready)' });
  });

  it('is Healthy when Ready is True for the current generation', () => {
    const ready = controlPlane({ observedGeneration: 2, conditions: [installed, reconciled, condition('Ready', 'True', 'ComponentsReady', 'All component deployments are Available')] }, 2);
    expect(runHealthScript(smcp, ready)).toEqual({ status: 'Healthy', message: 'All component deployments are Available' });
  });

  it('is Progressing, not Healthy, while a new spec is not yet observed (a stale Ready)', () => {
    const stale = controlPlane({ observedGeneration: 1, conditions: [installed, reconciled, condition('Ready', 'True', 'ComponentsReady')] }, 2);
    expect(runHealthScript(smcp, stale).status).toBe('Progressing');
  });

  it.each(CONTROL_PLANE_FAILURES)('is Degraded when reconciling fails with %s, naming the reason', (reason) => {
    const failed = controlPlane({
      observedGeneration: 1,
      conditions: [installed, condition('Reconciled', 'False', reason, 'spec.version: v9.9 is not supported'), condition('Ready', 'False', 'ComponentsNotReady')],
    });
    expect(runHealthScript(smcp, failed)).toEqual({ status: 'Degraded', message: `${reason}: spec.version: v9.9 is not supported` });
  });

  it('treats a paused install or a probe error as progress, not failure', () => {
    for (const reason of ['PausingInstall', 'ProbeError']) {
      const paused = controlPlane({ observedGeneration: 1, conditions: [condition('Reconciled', 'False', reason), condition('Ready', 'False', reason)] });
      expect(runHealthScript(smcp, paused).status, reason).toBe('Progressing');
    }
  });
});

describe('ServiceMeshMemberRoll health (Lua)', () => {
  it('is Progressing before the operator has written a status', () => {
    expect(runHealthScript(smmr, memberRoll()).status).toBe('Progressing');
  });

  it('is Healthy when Ready and every member is configured', () => {
    const ready = memberRoll({
      observedGeneration: 1,
      configuredMembers: ['user1-sockshop'],
      conditions: [condition('Ready', 'True', 'Configured', 'All namespaces have been configured successfully')],
    });
    expect(runHealthScript(smmr, ready)).toEqual({ status: 'Healthy', message: 'All namespaces have been configured successfully' });
  });

  it('is Progressing while the control plane is missing or reconciling, naming the pending namespaces', () => {
    for (const reason of ['ErrSMCPMissing', 'SMCPReconciling']) {
      const waiting = memberRoll({ observedGeneration: 1, configuredMembers: [], conditions: [condition('Ready', 'False', reason, 'No ServiceMeshControlPlane exists in the namespace')] });
      const result = runHealthScript(smmr, waiting);
      expect(result.status, reason).toBe('Progressing');
      expect(result.message).toContain('Not yet configured: user1-sockshop');
    }
  });

  it('is Progressing on a ReconcileError while members are still pending', () => {
    const pending = memberRoll(
      {
        observedGeneration: 1,
        configuredMembers: ['a'],
        pendingMembers: ['b'],
        conditions: [condition('Ready', 'False', 'ReconcileError', 'The following namespaces are not yet configured: [b]')],
      },
      ['a', 'b'],
    );
    expect(runHealthScript(smmr, pending)).toMatchObject({ status: 'Progressing', message: expect.stringContaining('Not yet configured: b') });
  });

  it('is Degraded on a ReconcileError once every member is configured, and on errors no retry can fix', () => {
    const kiali = memberRoll({ observedGeneration: 1, configuredMembers: ['user1-sockshop'], conditions: [condition('Ready', 'False', 'ReconcileError', 'Kiali could not be configured')] });
    expect(runHealthScript(smmr, kiali)).toEqual({ status: 'Degraded', message: 'ReconcileError: Kiali could not be configured' });
    for (const reason of MEMBER_ROLL_FAILURES) {
      const broken = memberRoll({ observedGeneration: 1, conditions: [condition('Ready', 'False', reason, 'Multiple ServiceMeshControlPlane resources exist in the namespace')] });
      expect(runHealthScript(smmr, broken).status, reason).toBe('Degraded');
    }
  });

  it('is Progressing while a changed member list is not yet observed', () => {
    const stale = memberRoll({ observedGeneration: 1, configuredMembers: ['user1-sockshop'], conditions: [condition('Ready', 'True', 'Configured')] }, ['user1-sockshop'], 2);
    expect(runHealthScript(smmr, stale).status).toBe('Progressing');
  });
});

/** A condition as the Sail operator serialises it: empty reason and message are left out (omitempty). */
const sailCondition = (type: string, status: string, reason = '', message = '') => ({
  type,
  status,
  ...(reason ? { reason } : {}),
  ...(message ? { message } : {}),
  lastTransitionTime: '2026-01-01T00:00:00Z',
});
/** The conditions each kind's determineStatus writes (sail-operator 1.30.3). */
const SAIL_KINDS = [
  { check: SAIL_ISTIO, types: ['Reconciled', 'Ready', 'DependenciesHealthy'], notReady: ['IstiodNotReady', 'not all istiod pods are ready'] },
  { check: SAIL_ISTIO_CNI, types: ['Reconciled', 'Ready'], notReady: ['DaemonSetNotReady', 'not all istio-cni-node pods are ready'] },
] as const;
const sailObject = (kind: string, status?: object, generation = 1) => ({
  apiVersion: 'sailoperator.io/v1',
  kind,
  metadata: { name: 'default', generation },
  spec: { version: 'v1.30.3', namespace: kind === 'Istio' ? 'istio-system' : 'istio-cni' },
  ...(status ? { status } : {}),
});
const sail = readHealthScript(SAIL_ISTIO);

describe.each(SAIL_KINDS)('sailoperator.io $check.kind health (Lua)', ({ check, types, notReady }) => {
  const kind = check.kind;
  const allTrue = () => types.map((type) => sailCondition(type, 'True', type));
  const replace = (type: string, condition: object) => allTrue().map((c) => (c.type === type ? condition : c));
  const observed = (conditions: object[], extra: object = {}) => sailObject(kind, { observedGeneration: 1, conditions, ...extra });

  it('is Progressing before the operator has written a status, or any conditions', () => {
    expect(runHealthScript(sail, sailObject(kind))).toEqual({ status: 'Progressing', message: `Waiting for the Sail operator to report the ${kind} status` });
    expect(runHealthScript(sail, sailObject(kind, { observedGeneration: 1 })).status).toBe('Progressing');
    expect(runHealthScript(sail, observed([]))).toEqual({ status: 'Progressing', message: `Waiting for the ${kind} to report Ready` });
  });

  it('is Progressing right after creation, while every condition is Unknown without a reason', () => {
    const fresh = observed(types.map((type) => sailCondition(type, 'Unknown')));
    expect(runHealthScript(sail, fresh)).toEqual({ status: 'Progressing', message: 'Reconciled is Unknown' });
  });

  it('is Healthy when every condition is True for the current generation', () => {
    expect(runHealthScript(sail, sailObject(kind, { observedGeneration: 3, state: 'Healthy', conditions: allTrue() }, 3))).toEqual({ status: 'Healthy', message: `${kind} is ready` });
  });

  it('is Progressing, not Healthy, while a new spec is not yet observed or the generation is missing', () => {
    expect(runHealthScript(sail, sailObject(kind, { observedGeneration: 1, conditions: allTrue() }, 2))).toEqual({
      status: 'Progressing',
      message: 'Waiting for the Sail operator to reconcile the latest spec',
    });
    expect(runHealthScript(sail, sailObject(kind, { conditions: allTrue() })).status).toBe('Progressing');
  });

  it('reads an observedGeneration written as a string (as Istio networking kinds do) by its value', () => {
    expect(runHealthScript(sail, sailObject(kind, { observedGeneration: '2', conditions: allTrue() }, 2)).status).toBe('Healthy');
    expect(runHealthScript(sail, sailObject(kind, { observedGeneration: '1', conditions: allTrue() }, 2)).status).toBe('Progressing');
  });

  it('is Progressing while its workload is not ready, with the operator\'s reason and message', () => {
    const [reason, message] = notReady;
    expect(runHealthScript(sail, observed(replace('Ready', sailCondition('Ready', 'False', reason, message)), { state: reason }))).toEqual({
      status: 'Progressing',
      message: `${reason}: ${message}`,
    });
    const unknown = sailCondition('Ready', 'Unknown', 'ReadinessCheckFailed', 'failed to get readiness: timeout');
    expect(runHealthScript(sail, observed(replace('Ready', unknown))).status).toBe('Progressing');
  });

  it('is Progressing when the Ready condition is missing, and does not need a Reconciled one', () => {
    expect(runHealthScript(sail, observed(allTrue().filter((c) => c.type !== 'Ready'))).status).toBe('Progressing');
    expect(runHealthScript(sail, observed(allTrue().filter((c) => c.type !== 'Reconciled'))).status).toBe('Healthy');
  });

  it.each(SAIL_FAILURES)('is Degraded when Reconciled is False with %s, naming the reason and the message', (reason) => {
    const failed = observed([
      sailCondition('Reconciled', 'False', reason, 'error reconciling resource: validation error: values.revision does not match revision name'),
      sailCondition('Ready', 'Unknown', 'ReconcileError', 'cannot determine readiness due to reconciliation error'),
    ]);
    expect(runHealthScript(sail, failed)).toEqual({ status: 'Degraded', message: `${reason}: error reconciling resource: validation error: values.revision does not match revision name` });
  });

  it('treats a False Reconciled with any other reason as progress', () => {
    const missing = sailCondition('Reconciled', 'False', 'ActiveRevisionNotFound', 'active IstioRevision not found');
    expect(runHealthScript(sail, observed(replace('Reconciled', missing)))).toEqual({ status: 'Progressing', message: 'ActiveRevisionNotFound: active IstioRevision not found' });
  });
});

describe('sailoperator.io Istio health (Lua), what only an Istio has', () => {
  const types = ['Reconciled', 'Ready', 'DependenciesHealthy'];
  const withDependencies = (condition: object) =>
    sailObject('Istio', { observedGeneration: 1, conditions: types.map((type) => (type === 'DependenciesHealthy' ? condition : sailCondition(type, 'True', type))) });

  it('is Healthy whatever it reports about its revisions', () => {
    const ready = sailObject('Istio', { observedGeneration: 1, activeRevisionName: 'default', revisions: { total: 2, ready: 1, inUse: 1 }, conditions: types.map((type) => sailCondition(type, 'True', type)) });
    expect(runHealthScript(sail, ready)).toEqual({ status: 'Healthy', message: 'Istio is ready' });
  });

  it('waits for the IstioCNI it depends on, even with a Ready istiod', () => {
    for (const [reason, message] of [
      ['IstioCNINotFound', 'IstioCNI resource does not exist'],
      ['IstioCNINotHealthy', 'IstioCNI resource status indicates that the component is not healthy'],
    ]) {
      expect(runHealthScript(sail, withDependencies(sailCondition('DependenciesHealthy', 'False', reason, message)))).toEqual({ status: 'Progressing', message: `${reason}: ${message}` });
    }
  });

  it('is Degraded on an Istio-level validation error (spec.version not set), which the operator does not retry', () => {
    const invalid = sailObject('Istio', {
      observedGeneration: 1,
      state: 'ReconcileError',
      conditions: [
        sailCondition('Reconciled', 'False', 'ReconcileError', 'validation error: spec.version not set'),
        sailCondition('Ready', 'Unknown', 'ReconcileError', 'cannot determine readiness due to reconciliation error'),
      ],
    });
    expect(runHealthScript(sail, invalid)).toEqual({ status: 'Degraded', message: 'ReconcileError: validation error: spec.version not set' });
  });
});

describe('sailoperator.io CEL for Flux', () => {
  const [istio, cni] = buildFluxHealthCheckExprs([SAIL_ISTIO, SAIL_ISTIO_CNI]);

  it('covers both kinds with the same expressions, which name the same reasons and conditions as the Lua script', () => {
    expect([istio.kind, cni.kind]).toEqual(['Istio', 'IstioCNI']);
    expect({ ...istio, kind: 'IstioCNI' }).toEqual(cni);
    expect(SAIL_ISTIO.luaFile).toBe(SAIL_ISTIO_CNI.luaFile);
    for (const reason of SAIL_FAILURES) {
      expect(sail).toContain(`${reason} = true`);
      expect(istio.failed).toContain(`'${reason}'`);
    }
    expect(sail).toContain(`{ ${SAIL_CONDITIONS.map((type) => `"${type}"`).join(', ')} }`);
    for (const type of SAIL_CONDITIONS) expect(istio.current).toContain(`'${type}'`);
  });

  it('compares generations as integers whatever type they arrive as, and reads a reason only where it exists', () => {
    expect(istio.inProgress).toContain('int(status.observedGeneration) < int(metadata.generation)');
    expect(istio.inProgress).not.toMatch(/(?<!int\()status\.observedGeneration\s*[<>=!]/);
    expect(istio.failed).toContain('has(c.reason) && c.reason in');
  });
});

/** A child Application as its controller reports it (argoproj.io/v1alpha1, Argo CD v3.5.1 CRD). */
const childApplication = (status?: object) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'istio-base', namespace: 'argocd', generation: 4 },
  spec: {
    project: 'default',
    source: { repoURL: 'https://istio-release.storage.googleapis.com/charts', chart: 'base', targetRevision: '1.30.3' },
    destination: { server: 'https://kubernetes.default.svc', namespace: 'istio-system' },
    syncPolicy: { automated: { prune: true, selfHeal: true } },
  },
  ...(status ? { status } : {}),
});
const operation = (phase: string, message: string) => ({ phase, message, startedAt: '2026-01-01T00:00:00Z', operation: { sync: { revision: '1.30.3' } } });
const application = readHealthScript(ARGOCD_APPLICATION);
/** The statuses the documented script passes through; any other one means the child is still on its way. */
const PASSED_THROUGH = ['Healthy', 'Degraded', 'Progressing', 'Suspended'];

describe('argoproj.io Application health (Lua), for app of apps', () => {
  it('is Progressing while the child has no health yet', () => {
    for (const status of [undefined, {}, { health: {} }, { health: { status: '' } }, { sync: { status: 'OutOfSync' } }]) {
      expect(runHealthScript(application, childApplication(status))).toEqual({ status: 'Progressing', message: 'Waiting for Argo CD to assess the health of this Application' });
    }
  });

  it.each(HEALTH_STATUSES)('maps the child\'s %s to the documented status, or to Progressing while it is still on its way', (health) => {
    const result = runHealthScript(application, childApplication({ health: { status: health }, sync: { status: 'Synced' } }));
    expect(result.status).toBe(PASSED_THROUGH.includes(health) ? health : 'Progressing');
    expect(result.message).toContain(health);
  });

  it('is Healthy when the child is Healthy and its last sync is over, naming its sync status', () => {
    const synced = childApplication({ health: { status: 'Healthy' }, sync: { status: 'Synced', revision: '1.30.3' }, operationState: operation('Succeeded', 'successfully synced (all tasks run)') });
    expect(runHealthScript(application, synced)).toEqual({ status: 'Healthy', message: 'Healthy, Synced' });
  });

  it('is Progressing, not Healthy, while the child\'s own sync is running or terminating', () => {
    for (const phase of ['Running', 'Terminating']) {
      const running = childApplication({ health: { status: 'Healthy' }, sync: { status: 'OutOfSync' }, operationState: operation(phase, 'waiting for completion of hook batch/Job/istio-init') });
      expect(runHealthScript(application, running)).toEqual({ status: 'Progressing', message: `Its sync is ${phase}: waiting for completion of hook batch/Job/istio-init` });
    }
  });

  it('is Degraded when the child is, with the error condition or the failed sync that says why', () => {
    const failedSync = childApplication({ health: { status: 'Degraded' }, sync: { status: 'OutOfSync' }, operationState: operation('Failed', 'one or more objects failed to apply') });
    expect(runHealthScript(application, failedSync)).toEqual({ status: 'Degraded', message: 'Degraded, OutOfSync (last sync Failed: one or more objects failed to apply)' });
    const comparison = childApplication({
      health: { status: 'Degraded' },
      sync: { status: 'Unknown' },
      conditions: [
        { type: 'SharedResourceWarning', message: 'ConfigMap/istio is part of applications argocd/a and b' },
        { type: 'ComparisonError', message: 'Failed to load target state: chart "base" version "9.9.9" not found' },
      ],
    });
    expect(runHealthScript(application, comparison)).toEqual({
      status: 'Degraded',
      message: 'Degraded, Unknown (ComparisonError: Failed to load target state: chart "base" version "9.9.9" not found)',
    });
  });

  it('copes with missing sync, conditions and operation fields', () => {
    expect(runHealthScript(application, childApplication({ health: { status: 'Suspended' } }))).toEqual({ status: 'Suspended', message: 'Suspended, sync status unknown' });
    expect(runHealthScript(application, childApplication({ health: { status: 'Missing' }, conditions: [{ type: 'SyncError' }], operationState: { phase: 'Failed' } }))).toEqual({
      status: 'Progressing',
      message: 'Its resources do not exist yet (Missing, sync status unknown)',
    });
  });

  it('is Argo CD-only: Flux gets no expressions for it', () => {
    expect(ARGOCD_APPLICATION.cel).toBeUndefined();
    expect(buildFluxHealthCheckExprs([ARGOCD_APPLICATION, SAIL_ISTIO]).map((exprs) => exprs.kind)).toEqual(['Istio']);
    expect(buildArgoCdHealthPatch([ARGOCD_APPLICATION]).spec.resourceHealthChecks).toEqual([{ group: 'argoproj.io', kind: 'Application', check: application }]);
    expect(formatHealthKey(ARGOCD_APPLICATION)).toBe('resource.customizations.health.argoproj.io_Application');
  });
});

describe('the fields every check reads exist in its upstream CRD', () => {
  const crds = readCrdFields();
  // metadata is not in a CRD's schema: Kubernetes' ObjectMeta, from the bundled core schemas.
  const configMapSchema = JSON.parse(readFileSync(join(locateBundledSchemaDir(), 'configmap-v1.json'), 'utf8'));
  const objectMeta = Object.keys(configMapSchema.definitions['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties);
  const typeOf = (fields: Record<string, string>, path: string) => {
    if (path === 'kind' || path === 'apiVersion') return 'string';
    const [root, name, ...rest] = path.split('.');
    if (root === 'metadata') return name !== undefined && rest.length === 0 && objectMeta.includes(name) ? 'object-meta' : undefined;
    return lookUpField(fields, path);
  };

  it('has the extracted fields of exactly the kinds the checks cover, from the CRD files named in SOURCES.md', () => {
    expect(Object.keys(crds).sort()).toEqual(HEALTH_CHECKS.map((check) => `${check.apiVersion} ${check.kind}`).sort());
    for (const entry of Object.values(crds)) expect(entry.blob).toMatch(/^[0-9a-f]{40}$/);
  });

  it.each(HEALTH_CHECKS.filter((check) => check.cel))('$apiVersion $kind: the CEL names only CRD fields, and iterates only lists', (check) => {
    const { fields } = crds[`${check.apiVersion} ${check.kind}`];
    for (const [name, expression] of Object.entries(check.cel!)) {
      const read = readCelFields(expression);
      expect(read.unplaced, name).toEqual([]);
      expect(read.paths.length, name).toBeGreaterThan(0);
      expect(read.paths.filter((path) => typeOf(fields, path) === undefined), `${name}: ${expression}`).toEqual([]);
      expect(read.lists.map((path) => [path, typeOf(fields, path)]), name).toEqual(read.lists.map((path) => [path, 'array']));
    }
    const observed = lookUpField(fields, 'status.observedGeneration');
    expect(['integer', 'int-or-string']).toContain(observed);
  });

  it.each(HEALTH_CHECKS)('$apiVersion $kind: the Lua script reads only CRD fields', (check) => {
    const { fields } = crds[`${check.apiVersion} ${check.kind}`];
    const read = readLuaFields(readHealthScript(check));
    expect(read.paths).toContain('status');
    expect(read.paths.filter((path) => typeOf(fields, path) === undefined)).toEqual([]);
    expect(read.lists.filter((path) => typeOf(fields, path) !== 'array')).toEqual([]);
  });

  it('catches a field the CRD does not have, and a name it cannot place', () => {
    const { fields } = crds['sailoperator.io/v1 Istio'];
    const typo = readCelFields("status.condition.exists(c, c.type == 'Ready') && c2.status == 'True'");
    expect(typo.paths.filter((path) => lookUpField(fields, path) === undefined)).toEqual(['status.condition', 'status.condition[].type']);
    expect(typo.unplaced).toEqual(['c2.status']);
    expect(lookUpField(fields, 'status.conditions[].severity')).toBeUndefined();
    expect(readLuaFields('local o = obj.status.operationState\nif o.phase then end').paths).toEqual(['status.operationState', 'status.operationState.phase']);
  });
});

describe('the builders', () => {
  it('put the given checks into argocd-cm of the given namespace, a ConfigMap the bundled schema accepts', () => {
    for (const namespace of [ARGOCD_NAMESPACE, 'argo-cd-custom']) {
      const configMap = buildArgoCdHealthConfigMap(MESH_HEALTH_CHECKS, namespace);
      expect(configMap.metadata).toMatchObject({ name: 'argocd-cm', namespace });
      expect(Object.keys(configMap.data as object)).toEqual(MESH_HEALTH_CHECKS.map(formatHealthKey));
      expect(validateObjects([{ file: 'argocd-cm-health.yaml', index: 0, object: configMap }])).toEqual([]);
    }
    expect(buildArgoCdHealthConfigMap([SERVICE_MESH_MEMBER_ROLL], 'argocd').data).toEqual({ [formatHealthKey(SERVICE_MESH_MEMBER_ROLL)]: smmr });
    const everything = buildArgoCdHealthConfigMap(HEALTH_CHECKS, 'argocd');
    expect(Object.keys(everything.data as object)).toHaveLength(HEALTH_CHECKS.length);
    expect(validateObjects([{ file: 'argocd-cm-health.yaml', index: 0, object: everything }])).toEqual([]);
  });

  it('give Flux expressions that a Kustomization accepts under the bundled schema', () => {
    const kustomization = {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'mesh', namespace: 'flux-system' },
      spec: { interval: '10m', path: './cluster/mesh', prune: true, wait: true, sourceRef: { kind: 'GitRepository', name: 'sockshop-mesh' }, healthCheckExprs: buildFluxHealthCheckExprs(HEALTH_CHECKS) },
    };
    expect(kustomization.spec.healthCheckExprs).toHaveLength(HEALTH_CHECKS.filter((check) => check.cel).length);
    expect(validateObjects([{ file: 'kustomizations.yaml', index: 0, object: kustomization }])).toEqual([]);
  });

  it('patch the ArgoCD CR with exactly the given checks, in order', () => {
    const checks = [SERVICE_MESH_MEMBER_ROLL, SERVICE_MESH_CONTROL_PLANE];
    expect(buildArgoCdHealthPatch(checks).spec.resourceHealthChecks).toEqual(checks.map((check) => ({ group: check.group, kind: check.kind, check: readHealthScript(check) })));
  });

  it('give Flux the CEL of every check that has one, and leave out the Argo CD-only ones', () => {
    const argoOnly = { ...SERVICE_MESH_MEMBER_ROLL, cel: undefined };
    expect(buildFluxHealthCheckExprs([SERVICE_MESH_CONTROL_PLANE, argoOnly])).toEqual([
      { apiVersion: 'maistra.io/v2', kind: 'ServiceMeshControlPlane', ...SERVICE_MESH_CONTROL_PLANE.cel },
    ]);
  });

  it('name the namespace they are given in the headers and the patch command', () => {
    const header = formatArgoCdHealthHeader(MESH_HEALTH_CHECKS, 'argocd');
    expect(header).toContain('Upstream Argo CD in namespace argocd');
    expect(header).not.toContain('openshift-gitops');
    expect(header).toContain('ServiceMeshControlPlane, ServiceMeshMemberRoll (maistra.io)');
    expect(formatArgoCdHealthHeader(MESH_HEALTH_CHECKS, 'argocd', 'gitops-ns')).toContain(formatArgoCdHealthPatchCommand('gitops-ns'));
    expect(formatArgoCdHealthPatchCommand('gitops-ns')).toMatch(/^oc patch argocd openshift-gitops -n gitops-ns --type merge --patch-file bootstrap\/argocd\/argocd-health-patch\.yaml$/);
    const patchHeader = formatArgoCdHealthPatchHeader(MESH_HEALTH_CHECKS, 'gitops-ns');
    expect(patchHeader).toContain(`add these ${MESH_HEALTH_CHECKS.length} entries`);
    expect(patchHeader).toContain('oc edit argocd openshift-gitops -n gitops-ns');
    for (const line of [...header.split('\n'), ...patchHeader.split('\n')]) expect(line).toMatch(/^# /);
  });
});

describe.each(FLAVORS.map((flavor) => [flavor.id, flavor] as const))('the generated bootstrap (%s)', (_id, flavor) => {
  const argocd = bootstrapDir('argocd');
  const flux = bootstrapDir('flux');
  const plansOf = (answers: Record<string, string>) => planStages(checkSettings({ flavor: flavor.id, gitops: 'both', ...answers }));
  const plans = plansOf({});
  const [plan] = plans;
  const openshift = flavor.platform.kind === 'openshift';

  it('carries exactly the flavor\'s scripts in the argocd-cm keys (upstream Argo CD namespace) and, on OpenShift, in the ArgoCD CR patch', () => {
    expect(flavor.healthChecks.length).toBeGreaterThan(0);
    const configMap = load(plan.files.get(`${argocd}/${BOOTSTRAP_FILES.argocd.healthConfigMap}`)!) as any;
    expect(configMap).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cm', namespace: ARGOCD_NAMESPACE } });
    expect(configMap.data).toEqual(Object.fromEntries(flavor.healthChecks.map((check) => [`resource.customizations.health.${check.group}_${check.kind}`, readHealthScript(check)])));
    const patchText = plan.files.get(`${argocd}/${BOOTSTRAP_FILES.argocd.healthPatch}`);
    if (!openshift) {
      expect(patchText).toBeUndefined();
      return;
    }
    const patch = load(patchText!) as any;
    expect(patch.spec.resourceHealthChecks).toEqual(flavor.healthChecks.map((check) => ({ group: check.group, kind: check.kind, check: readHealthScript(check) })));
    expect(patchText).toContain(formatArgoCdHealthPatchCommand(flavor.platform.argocdNamespace));
  });

  it('keeps the health files out of `kubectl apply -k bootstrap/argocd` (the operator owns argocd-cm on OpenShift)', () => {
    const kustomization = load(plan.files.get(`${argocd}/kustomization.yaml`)!) as { resources: string[] };
    expect(kustomization.resources).toEqual([BOOTSTRAP_FILES.argocd.project, BOOTSTRAP_FILES.argocd.pin]);
    const header = plan.files.get(`${argocd}/${BOOTSTRAP_FILES.argocd.healthConfigMap}`)!;
    expect(header).toContain(`Upstream Argo CD in namespace ${ARGOCD_NAMESPACE}`);
    if (openshift) expect(header).toContain(`oc patch argocd openshift-gitops -n ${flavor.platform.argocdNamespace}`);
    else expect(header).not.toContain('oc patch');
  });

  /** The kinds each layer applies with Flux, over every stage (the bootstrap is the same at every pin). */
  const kindsByLayer = (stages: typeof plans) => {
    const kinds = new Map<string, Set<string>>();
    for (const stage of stages) {
      for (const [layer, objects] of Object.entries(stage.engineLayers.flux!)) {
        for (const object of objects!) kinds.set(layer, (kinds.get(layer) ?? new Set()).add(`${object.apiVersion} ${object.kind}`));
      }
    }
    return kinds;
  };
  /** The expressions a Kustomization applying these kinds should carry: the flavor's checks, then Istio configuration kinds (current once applied). */
  const expected = (kinds: Set<string> | undefined) => [
    ...buildFluxHealthCheckExprs(flavor.healthChecks.filter((check) => kinds?.has(`${check.apiVersion} ${check.kind}`))),
    ...flavor.kinds
      .filter((info) => ['Gateway', 'VirtualService', 'DestinationRule', 'Telemetry'].includes(info.kind) && kinds?.has(`${info.apiVersion} ${info.kind}`))
      .map((info) => ({ apiVersion: info.apiVersion, kind: info.kind, current: 'true' })),
  ];

  it('gives each Flux Kustomization the CEL checks of exactly the kinds it applies, evaluated because it waits', () => {
    const kinds = kindsByLayer(plans);
    const kustomizations = loadAll(plan.files.get(`${flux}/${BOOTSTRAP_FILES.flux.kustomizations}`)!) as any[];
    expect(kustomizations.map((kustomization) => kustomization.spec.path)).toEqual(flavor.layers.map((definition) => `./${entryLayerDir(definition, 'flux')}`));
    const covered = new Set<string>();
    for (const [index, kustomization] of kustomizations.entries()) {
      const layer = flavor.layers[index].layer;
      expect(kustomization.spec.wait).toBe(true);
      const exprs = expected(kinds.get(layer));
      if (exprs.length === 0) expect(kustomization.spec.healthCheckExprs, layer).toBeUndefined();
      else expect(kustomization.spec.healthCheckExprs, layer).toEqual(exprs);
      for (const expr of kustomization.spec.healthCheckExprs ?? []) covered.add(`${expr.apiVersion} ${expr.kind}`);
    }
    // Every check with CEL judges the Kustomization that applies its kind, and nowhere else.
    for (const check of flavor.healthChecks.filter((candidate) => candidate.cel)) expect(covered.has(`${check.apiVersion} ${check.kind}`), check.kind).toBe(true);
    const exprCount = kustomizations.reduce((sum, kustomization) => sum + (kustomization.spec.healthCheckExprs?.length ?? 0), 0);
    expect(exprCount).toBe(covered.size);
  });

  it('gives a class\'s shared and participant Kustomizations the checks of their own layer only', () => {
    const classPlans = plansOf({ tenants: '2' });
    const kinds = kindsByLayer(classPlans);
    const [first] = classPlans;
    const shared = loadAll(first.files.get(`${flux}/${BOOTSTRAP_FILES.flux.kustomizations}`)!) as any[];
    const participant = (loadAll(first.files.get(`${flux}/${PARTICIPANTS_BOOTSTRAP_DIR}/user1.yaml`)!) as any[]).filter((object) => object.kind === 'Kustomization');
    const layers = [...flavor.layers.filter((definition) => definition.scope === 'shared'), ...flavor.layers.filter((definition) => definition.scope === 'participant')];
    const all = [...shared, ...participant];
    expect(all).toHaveLength(layers.length);
    for (const [index, kustomization] of all.entries()) {
      const exprs = expected(kinds.get(layers[index].layer));
      expect(kustomization.spec.healthCheckExprs ?? [], `${kustomization.metadata.name}`).toEqual(exprs);
    }
  });
});

describe('the OpenShift Service Mesh 2 checks', () => {
  it('names the same failure reasons in CEL as in Lua', () => {
    const [controlPlaneExprs, memberRollExprs] = buildFluxHealthCheckExprs(MESH_HEALTH_CHECKS);
    for (const reason of CONTROL_PLANE_FAILURES) {
      expect(smcp).toContain(`${reason} = true`);
      expect(controlPlaneExprs.failed).toContain(`'${reason}'`);
    }
    for (const reason of MEMBER_ROLL_FAILURES) {
      expect(smmr).toContain(`${reason} = true`);
      expect(memberRollExprs.failed).toContain(`'${reason}'`);
    }
    for (const exprs of [controlPlaneExprs, memberRollExprs]) {
      expect(Object.keys(exprs).sort()).toEqual(['apiVersion', 'current', 'failed', 'inProgress', 'kind']);
      expect(exprs.inProgress).toContain('status.observedGeneration < metadata.generation');
    }
  });
});
