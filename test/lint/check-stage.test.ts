import { describe, expect, it } from 'vitest';
import { SYNC_OPTIONS } from '../../src/gitops/annotate.js';
import { checkStage } from '../../src/lint/check-stage.js';
import { planStages, type StagePlan } from '../../src/plan/plan-stages.js';
import type { KubeObject } from '../../src/render/manifest.js';
import type { Layer } from '../../src/scenario/stages.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { selectEngines } from '../../src/settings/settings.js';

const last = planStages(checkSettings({ gitops: 'both' })).at(-1)!;
const engines = selectEngines('both');

/** The last stage with one object changed (or removed, when `change` returns undefined). */
function breakStage(plan: StagePlan, kind: string, name: string, change: (object: any) => KubeObject | undefined) {
  const layers: Partial<Record<Layer, KubeObject[]>> = {};
  for (const [layer, objects] of Object.entries(plan.layers) as [Layer, KubeObject[]][]) {
    layers[layer] = objects.flatMap((object) => {
      if (object.kind !== kind || object.metadata.name !== name) return [object];
      const changed = change(structuredClone(object));
      return changed ? [changed] : [];
    });
  }
  return checkStage({ layers, engines });
}

describe('checkStage', () => {
  for (const gitops of ['argocd', 'flux', 'both'] as const) {
    it(`passes every stage of the generated workshop (${gitops})`, () => {
      for (const plan of planStages(checkSettings({ gitops, tenant: gitops === 'flux' ? '' : 'user2' }))) {
        expect(checkStage({ layers: plan.layers, engines: selectEngines(gitops) }), plan.tag).toEqual([]);
      }
    });
  }

  it('wants SkipDryRunOnMissingResource on operator-installed kinds for Argo CD', () => {
    const violations = breakStage(last, 'ServiceMeshControlPlane', 'basic-install', (object) => {
      delete object.metadata.annotations[SYNC_OPTIONS];
      return object;
    });
    expect(violations).toEqual([expect.objectContaining({ kind: 'ServiceMeshControlPlane', code: 'ordering', message: expect.stringContaining('SkipDryRunOnMissingResource') })]);
  });

  it('wants the operator in an earlier layer', () => {
    const violations = breakStage(last, 'Subscription', 'servicemeshoperator', () => undefined);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.every((violation) => violation.message.includes('needs the servicemeshoperator operator'))).toBe(true);
    const sameLayer = checkStage({ layers: { mesh: [...last.layers.platform!, ...last.layers.mesh!], apps: last.layers.apps }, engines: ['flux'] });
    expect(sameLayer.some((violation) => violation.kind === 'ServiceMeshControlPlane' && violation.message.includes('Flux would dry-run it before the CRD exists'))).toBe(true);
  });

  it('refuses sidecar injection in a namespace no member roll lists', () => {
    const violations = breakStage(last, 'ServiceMeshMemberRoll', 'default', () => undefined);
    expect(violations.filter((violation) => violation.code === 'injection')).toHaveLength(15);
  });

  it('catches a Service selecting nothing and a Deployment selector that misses its pods', () => {
    expect(breakStage(last, 'Service', 'carts', (object) => ({ ...object, spec: { ...object.spec, selector: { app: 'cart' } } }))).toEqual([
      expect.objectContaining({ kind: 'Service', name: 'carts', path: 'spec.selector', code: 'selector' }),
    ]);
    expect(
      breakStage(last, 'Deployment', 'user', (object) => {
        object.spec.selector.matchLabels.app = 'users';
        return object;
      }),
    ).toEqual([expect.objectContaining({ kind: 'Deployment', name: 'user', path: 'spec.selector.matchLabels' })]);
  });

  it('matches a Service selector on every label, among the pods of its own namespace only', () => {
    const twoLabels = breakStage(last, 'Service', 'carts', (object) => ({ ...object, spec: { ...object.spec, selector: { app: 'carts', version: 'v9' } } }));
    expect(twoLabels).toEqual([expect.objectContaining({ kind: 'Service', name: 'carts', path: 'spec.selector', code: 'selector' })]);
    const elsewhere = breakStage(last, 'Service', 'carts', (object) => ({ ...object, metadata: { ...object.metadata, namespace: 'other' } }));
    expect(elsewhere.filter((violation) => violation.code === 'selector')).toEqual([expect.objectContaining({ kind: 'Service', name: 'carts', namespace: 'other' })]);
  });

  it('catches Istio hosts, ports, subsets and gateways that point at nothing', () => {
    const paths = (violations: { path: string }[]) => violations.map((violation) => violation.path);
    expect(paths(breakStage(last, 'DestinationRule', 'carts', (object) => ({ ...object, spec: { ...object.spec, host: 'cart.user1-sockshop.svc.cluster.local' } })))).toEqual([
      'spec.host',
    ]);
    const split = (mutate: (route: any[]) => void) =>
      breakStage(last, 'VirtualService', 'front-end-virtualservice', (object) => {
        mutate(object.spec.http[0].route);
        return object;
      });
    expect(paths(split((route) => (route[1].destination.subset = 'v3')))).toEqual(['spec.http[0].route[1].destination.subset']);
    expect(paths(split((route) => (route[0].destination.port.number = 8080)))).toEqual(['spec.http[0].route[0].destination.port.number']);
    expect(paths(breakStage(last, 'VirtualService', 'front-end-virtualservice', (object) => ({ ...object, spec: { ...object.spec, gateways: ['sockshop-gateway'] } })))).toEqual([
      'spec.gateways[0]',
    ]);
    expect(
      paths(
        breakStage(last, 'DestinationRule', 'front-end', (object) => {
          object.spec.subsets[1].labels.version = 'v9';
          return object;
        }),
      ),
    ).toEqual(['spec.subsets[1].labels']);
  });
});
