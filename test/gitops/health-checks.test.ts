/**
 * The Argo CD health checks, run in a real Lua VM inside Argo CD's default sandbox (see
 * test/helpers/lua.ts) against sample statuses shaped like each operator's, and the proof that the
 * generated files carry exactly these scripts.
 */
import { load, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  buildArgoCdHealthConfigMap,
  buildArgoCdHealthPatch,
  buildFluxHealthCheckExprs,
  CONTROL_PLANE_FAILURES,
  formatArgoCdHealthHeader,
  formatArgoCdHealthPatchCommand,
  formatArgoCdHealthPatchHeader,
  formatHealthKey,
  MEMBER_ROLL_FAILURES,
  MESH_HEALTH_CHECKS,
  readHealthScript,
  SERVICE_MESH_CONTROL_PLANE,
  SERVICE_MESH_MEMBER_ROLL,
} from '../../src/gitops/health-checks.js';
import { ARGOCD_NAMESPACE, BOOTSTRAP_FILES, bootstrapDir, UPSTREAM_ARGOCD_NAMESPACE } from '../../src/layout/layout.js';
import { planStages } from '../../src/plan/plan-stages.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { validateObjects } from '../../src/validate/index.js';
import { runHealthScript } from '../helpers/lua.js';

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

describe('the builders', () => {
  it('put the given checks into argocd-cm of the given namespace, a ConfigMap the bundled schema accepts', () => {
    for (const namespace of [UPSTREAM_ARGOCD_NAMESPACE, 'argo-cd-custom']) {
      const configMap = buildArgoCdHealthConfigMap(MESH_HEALTH_CHECKS, namespace);
      expect(configMap.metadata).toMatchObject({ name: 'argocd-cm', namespace });
      expect(Object.keys(configMap.data as object)).toEqual(MESH_HEALTH_CHECKS.map(formatHealthKey));
      expect(validateObjects([{ file: 'argocd-cm-health.yaml', index: 0, object: configMap }])).toEqual([]);
    }
    expect(buildArgoCdHealthConfigMap([SERVICE_MESH_MEMBER_ROLL], 'argocd').data).toEqual({ [formatHealthKey(SERVICE_MESH_MEMBER_ROLL)]: smmr });
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

describe('the generated bootstrap', () => {
  const [plan] = planStages(checkSettings({ gitops: 'both' }));
  const argocd = bootstrapDir('argocd');

  it('carries exactly these scripts in the argocd-cm keys (upstream Argo CD namespace) and in the ArgoCD CR patch', () => {
    const configMap = load(plan.files.get(`${argocd}/${BOOTSTRAP_FILES.argocd.healthConfigMap}`)!) as any;
    expect(configMap).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cm', namespace: UPSTREAM_ARGOCD_NAMESPACE } });
    expect(configMap.data).toEqual({
      'resource.customizations.health.maistra.io_ServiceMeshControlPlane': smcp,
      'resource.customizations.health.maistra.io_ServiceMeshMemberRoll': smmr,
    });
    const patch = load(plan.files.get(`${argocd}/${BOOTSTRAP_FILES.argocd.healthPatch}`)!) as any;
    expect(patch.spec.resourceHealthChecks).toEqual(MESH_HEALTH_CHECKS.map((check) => ({ group: 'maistra.io', kind: check.kind, check: readHealthScript(check) })));
    expect(plan.files.get(`${argocd}/${BOOTSTRAP_FILES.argocd.healthPatch}`)).toContain(formatArgoCdHealthPatchCommand(ARGOCD_NAMESPACE));
  });

  it('keeps the health files out of `oc apply -k bootstrap/argocd` (the operator owns argocd-cm on OpenShift)', () => {
    const kustomization = load(plan.files.get(`${argocd}/kustomization.yaml`)!) as { resources: string[] };
    expect(kustomization.resources).toEqual([BOOTSTRAP_FILES.argocd.project, BOOTSTRAP_FILES.argocd.pin]);
    expect(plan.files.get(`${argocd}/${BOOTSTRAP_FILES.argocd.healthConfigMap}`)).toContain(`oc patch argocd openshift-gitops -n ${ARGOCD_NAMESPACE}`);
  });

  it('gives the Flux mesh Kustomization CEL checks for both kinds, evaluated because it waits', () => {
    const kustomizations = loadAll(plan.files.get(`${bootstrapDir('flux')}/${BOOTSTRAP_FILES.flux.kustomizations}`)!) as any[];
    const mesh = kustomizations.find((kustomization) => kustomization.spec.path === './cluster/mesh');
    expect(mesh.spec.wait).toBe(true);
    expect(mesh.spec.healthCheckExprs).toEqual(buildFluxHealthCheckExprs(MESH_HEALTH_CHECKS));
    expect(mesh.spec.healthCheckExprs.map((expr: any) => `${expr.apiVersion} ${expr.kind}`)).toEqual([
      'maistra.io/v2 ServiceMeshControlPlane',
      'maistra.io/v1 ServiceMeshMemberRoll',
    ]);
    for (const other of kustomizations.filter((kustomization) => kustomization !== mesh)) expect(other.spec.healthCheckExprs).toBeUndefined();
  });

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
