/**
 * The Argo CD health checks, run in a real Lua VM (fengari, Lua 5.3; the scripts keep to what Argo
 * CD's gopher-lua 5.1 also has) against sample statuses shaped like the Maistra operator's, and the
 * proof that the generated files carry exactly these scripts.
 */
import fengari from 'fengari';
import { load, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  buildFluxHealthCheckExprs,
  CONTROL_PLANE_FAILURES,
  formatHealthKey,
  MEMBER_ROLL_FAILURES,
  MESH_HEALTH_CHECKS,
  readHealthScript,
} from '../../src/gitops/health-checks.js';
import { BOOTSTRAP_FILES, bootstrapDir } from '../../src/layout/layout.js';
import { planStages } from '../../src/plan/plan-stages.js';
import { checkSettings } from '../../src/settings/check-settings.js';

const { lua, lauxlib, lualib, to_luastring } = fengari as any;

/** A Lua table constructor for a JSON-like value (ASCII strings only, which is all the samples use). */
function toLua(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (!/^[\x20-\x7e]*$/.test(value)) throw new Error(`non-ASCII sample string ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `{ ${value.map(toLua).join(', ')} }`;
  return `{ ${Object.entries(value as object).map(([key, item]) => `[${JSON.stringify(key)}] = ${toLua(item)}`).join(', ')} }`;
}

/** Runs a health script the way Argo CD does: `obj` is a global, the chunk returns `hs`. */
function runHealthScript(script: string, object: unknown): { status: string; message: string } {
  const L = lauxlib.luaL_newstate();
  lualib.luaL_openlibs(L);
  const setup = lauxlib.luaL_dostring(L, to_luastring(`obj = ${toLua(object)}`));
  if (setup !== 0) throw new Error(`sample: ${lua.lua_tojsstring(L, -1)}`);
  if (lauxlib.luaL_loadstring(L, to_luastring(script)) !== lua.LUA_OK) throw new Error(`does not parse: ${lua.lua_tojsstring(L, -1)}`);
  if (lua.lua_pcall(L, 0, 1, 0) !== lua.LUA_OK) throw new Error(`fails: ${lua.lua_tojsstring(L, -1)}`);
  const field = (name: string) => {
    lua.lua_getfield(L, -1, to_luastring(name));
    const text = lua.lua_isstring(L, -1) ? lua.lua_tojsstring(L, -1) : undefined;
    lua.lua_pop(L, 1);
    return text;
  };
  return { status: field('status'), message: field('message') };
}

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

const smcp = readHealthScript(MESH_HEALTH_CHECKS.find((check) => check.kind === 'ServiceMeshControlPlane')!);
const smmr = readHealthScript(MESH_HEALTH_CHECKS.find((check) => check.kind === 'ServiceMeshMemberRoll')!);

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

describe('the generated bootstrap', () => {
  const [plan] = planStages(checkSettings({ gitops: 'both' }));
  const argocd = bootstrapDir('argocd');

  it('carries exactly these scripts in the argocd-cm keys and in the ArgoCD CR patch', () => {
    const configMap = load(plan.files.get(`${argocd}/${BOOTSTRAP_FILES.argocd.healthConfigMap}`)!) as any;
    expect(configMap).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cm', namespace: 'openshift-gitops' } });
    expect(configMap.data).toEqual({
      'resource.customizations.health.maistra.io_ServiceMeshControlPlane': smcp,
      'resource.customizations.health.maistra.io_ServiceMeshMemberRoll': smmr,
    });
    const patch = load(plan.files.get(`${argocd}/${BOOTSTRAP_FILES.argocd.healthPatch}`)!) as any;
    expect(patch.spec.resourceHealthChecks).toEqual(MESH_HEALTH_CHECKS.map((check) => ({ group: 'maistra.io', kind: check.kind, check: readHealthScript(check) })));
    expect(formatHealthKey(MESH_HEALTH_CHECKS[0])).toBe('resource.customizations.health.maistra.io_ServiceMeshControlPlane');
  });

  it('keeps the health files out of `oc apply -k bootstrap/argocd` (the operator owns argocd-cm on OpenShift)', () => {
    const kustomization = load(plan.files.get(`${argocd}/kustomization.yaml`)!) as { resources: string[] };
    expect(kustomization.resources).toEqual([BOOTSTRAP_FILES.argocd.project, BOOTSTRAP_FILES.argocd.pin]);
    expect(plan.files.get(`${argocd}/${BOOTSTRAP_FILES.argocd.healthConfigMap}`)).toContain('oc patch argocd openshift-gitops');
  });

  it('gives the Flux mesh Kustomization CEL checks for both kinds, evaluated because it waits', () => {
    const kustomizations = loadAll(plan.files.get(`${bootstrapDir('flux')}/${BOOTSTRAP_FILES.flux.kustomizations}`)!) as any[];
    const mesh = kustomizations.find((kustomization) => kustomization.spec.path === './cluster/mesh');
    expect(mesh.spec.wait).toBe(true);
    expect(mesh.spec.healthCheckExprs).toEqual(buildFluxHealthCheckExprs());
    expect(mesh.spec.healthCheckExprs.map((expr: any) => `${expr.apiVersion} ${expr.kind}`)).toEqual([
      'maistra.io/v2 ServiceMeshControlPlane',
      'maistra.io/v1 ServiceMeshMemberRoll',
    ]);
    for (const other of kustomizations.filter((kustomization) => kustomization !== mesh)) expect(other.spec.healthCheckExprs).toBeUndefined();
  });

  it('names the same failure reasons in CEL as in Lua', () => {
    const [controlPlaneExprs, memberRollExprs] = buildFluxHealthCheckExprs();
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
