/**
 * The stage lint, run for every flavor of the registry on the stages the planner writes: clean as
 * generated, and each rule caught when one object of the last stage is broken. What a rule should
 * find (which kinds an installer serves, which pods ask for a sidecar, which names the routing
 * objects use) is read from the flavor and the plan, never written down here.
 */
import { describe, expect, it } from 'vitest';
import { FLAVORS } from '../../src/flavors/registry.js';
import type { Flavor, KindInfo, Layer } from '../../src/flavors/types.js';
import { SKIP_DRY_RUN, SYNC_OPTIONS, SYNC_WAVE } from '../../src/gitops/annotate.js';
import { deriveReferenceNames } from '../../src/layout/names.js';
import { checkStage } from '../../src/lint/check-stage.js';
import { planStages, type StagePlan } from '../../src/plan/plan-stages.js';
import type { KubeObject } from '../../src/render/manifest.js';
import { checkSettings, type RawSettings } from '../../src/settings/check-settings.js';
import { GITOPS_CHOICES, selectEngines, type GitOpsChoice, type GitOpsEngine } from '../../src/settings/settings.js';

type Layers = Partial<Record<Layer, KubeObject[]>>;

const cache = new Map<string, StagePlan[]>();
function plansOf(flavor: Flavor, gitops: GitOpsChoice, answers: RawSettings = {}): StagePlan[] {
  const key = JSON.stringify([flavor.id, gitops, answers]);
  if (!cache.has(key)) cache.set(key, planStages(checkSettings({ flavor: flavor.id, gitops, ...answers })));
  return cache.get(key)!;
}
/** The last stage as one engine alone sees it (a layer with a folder per engine holds that engine's objects). */
const lastOf = (flavor: Flavor, engine: GitOpsEngine) => plansOf(flavor, engine).at(-1)!;

const kindOf = (flavor: Flavor, object: KubeObject): KindInfo | undefined => flavor.kinds.find((info) => info.apiVersion === object.apiVersion && info.kind === object.kind);
const layerOrder = (flavor: Flavor) => flavor.layers.map((definition) => definition.layer);
const id = (object: { kind?: string; name?: string; metadata?: { name: string } }) => `${object.kind}/${object.name ?? object.metadata?.name}`;

/** The layers of a plan with every object that `match` picks edited (or removed, when `edit` returns undefined). */
function editLayers(plan: StagePlan, match: (object: KubeObject) => boolean, edit: (object: any) => KubeObject | undefined): Layers {
  const layers: Layers = {};
  for (const [layer, objects] of Object.entries(plan.layers) as [Layer, KubeObject[]][]) {
    layers[layer] = objects.flatMap((object) => {
      if (!match(object)) return [object];
      const changed = edit(structuredClone(object));
      return changed ? [changed] : [];
    });
  }
  return layers;
}
const named = (kind: string, name: string) => (object: KubeObject) => object.kind === kind && object.metadata.name === name;

/** The objects of a stage whose CRD something installs, by what installs it. */
function listDependents(flavor: Flavor, plan: StagePlan): Map<string, { layer: Layer; object: KubeObject }[]> {
  const byInstaller = new Map<string, { layer: Layer; object: KubeObject }[]>();
  for (const layer of layerOrder(flavor)) {
    for (const object of plan.layers[layer] ?? []) {
      const info = kindOf(flavor, object);
      if (info?.source !== 'operator' || !info.installer) continue;
      byInstaller.set(info.installer, [...(byInstaller.get(info.installer) ?? []), { layer, object }]);
    }
  }
  return byInstaller;
}

/** What installs `installer` in a stage: its OLM Subscription, or the chart's Argo CD Application or Flux HelmRelease. */
const installs = (installer: string) => (object: KubeObject) =>
  object.kind === 'Subscription' ? (object.spec as { name?: string }).name === installer : ['Application', 'HelmRelease'].includes(object.kind) && object.metadata.name === installer;

/** Pods that ask the flavor's control plane for a sidecar. */
function listInjected(flavor: Flavor, plan: StagePlan): KubeObject[] {
  return Object.values(plan.layers).flat().filter((object): object is KubeObject => {
    const value = (object as any).spec?.template?.metadata?.labels?.[flavor.injection.podLabel];
    return object.kind === 'Deployment' && value !== undefined && value !== 'false';
  });
}

describe.each(FLAVORS.map((flavor) => [flavor.id, flavor] as const))('checkStage (%s)', (_id, flavor) => {
  const stageLint = (layers: Layers, engines: readonly GitOpsEngine[]) => checkStage({ flavor, layers, engines });

  for (const gitops of GITOPS_CHOICES) {
    it(`passes every stage of the generated workshop (${gitops})`, () => {
      // One participant with and without a name, and a class (its stages are written for the placeholder participant).
      const answers: RawSettings = gitops === 'argocd' ? { tenant: 'user2' } : gitops === 'flux' ? { tenant: '' } : { tenants: '3' };
      const plans = plansOf(flavor, gitops, answers);
      expect(plans.map((plan) => plan.stage.number)).toEqual(flavor.stages.map((stage) => stage.number));
      for (const plan of plans) expect(stageLint(plan.layers as Layers, selectEngines(gitops)), plan.tag).toEqual([]);
    });
  }

  it('has something for every rule to check in its last stage', () => {
    for (const engine of ['argocd', 'flux'] as const) {
      const last = lastOf(flavor, engine);
      const dependents = listDependents(flavor, last);
      expect(dependents.size).toBeGreaterThan(0);
      for (const installer of dependents.keys()) expect(last.objects.filter(installs(installer)), `${engine} ${installer}`).not.toHaveLength(0);
      expect(listInjected(flavor, last).length).toBeGreaterThan(0);
    }
  });

  it('wants SkipDryRunOnMissingResource on every kind whose CRD is installed by the workshop, for Argo CD only', () => {
    const last = lastOf(flavor, 'argocd');
    const kinds = new Map([...listDependents(flavor, last).values()].flat().map(({ object }) => [`${object.apiVersion} ${object.kind}`, object]));
    expect(kinds.size).toBeGreaterThan(0);
    for (const object of kinds.values()) {
      const layers = editLayers(last, (candidate) => candidate === object, (copy) => {
        delete copy.metadata.annotations[SYNC_OPTIONS];
        return copy;
      });
      expect(stageLint(layers, ['argocd'])).toEqual([
        expect.objectContaining({ kind: object.kind, name: object.metadata.name, code: 'ordering', path: `metadata.annotations.${SYNC_OPTIONS}`, message: expect.stringContaining(SKIP_DRY_RUN) }),
      ]);
      // Flux dry-runs a later Kustomization only once the earlier one is ready: it needs no annotation.
      expect(stageLint(layers, ['flux'])).toEqual([]);
    }
  });

  for (const engine of ['argocd', 'flux'] as const) {
    it(`wants what installs a CRD in the stage, in an earlier layer than the objects of that CRD (${engine})`, () => {
      const last = lastOf(flavor, engine);
      const order = layerOrder(flavor);
      for (const [installer, dependents] of listDependents(flavor, last)) {
        const missing = stageLint(editLayers(last, installs(installer), () => undefined), [engine]);
        expect(missing.map(id).sort(), installer).toEqual(dependents.map(({ object }) => id(object)).sort());
        for (const violation of missing) expect(violation).toMatchObject({ code: 'ordering', message: expect.stringContaining(`needs ${installer}`) });

        // The installer moved into the layer of the first object it serves: that layer's objects are caught, the later ones are not.
        const layer = dependents[0].layer;
        const moved: Layers = editLayers(last, installs(installer), () => undefined);
        moved[layer] = [...last.objects.filter(installs(installer)), ...moved[layer]!];
        const sameLayer = stageLint(moved, ['flux']);
        expect(sameLayer.map(id).sort(), installer).toEqual(dependents.filter((entry) => entry.layer === layer).map(({ object }) => id(object)).sort());
        for (const violation of sameLayer) expect(violation.message).toContain(`is in the ${layer} layer, but ${installer} is installed in the ${layer} layer: Flux would dry-run it before the CRD exists`);
        expect(order.indexOf(layer)).toBeGreaterThan(order.indexOf('installers'));
      }
    });
  }

  it('wants the installer in an earlier Argo CD sync wave than the objects it serves', () => {
    const last = lastOf(flavor, 'argocd');
    for (const [installer, dependents] of listDependents(flavor, last)) {
      // The last layer has no annotation (wave 0): an installer in wave 0 comes after every object it serves, or with them.
      const late = editLayers(last, installs(installer), (copy) => ({ ...copy, metadata: { ...copy.metadata, annotations: { ...copy.metadata.annotations, [SYNC_WAVE]: '0' } } }));
      const violations = stageLint(late, ['argocd']);
      expect(violations.map(id).sort(), installer).toEqual(dependents.map(({ object }) => id(object)).sort());
      for (const violation of violations) expect(violation).toMatchObject({ code: 'ordering', path: `metadata.annotations.${SYNC_WAVE}`, message: expect.stringContaining(`is not after ${installer}'s (wave 0)`) });
    }
  });

  it('refuses sidecar injection in a namespace the control plane does not manage', () => {
    const last = lastOf(flavor, 'argocd');
    const injected = listInjected(flavor, last);
    let layers: Layers;
    let reason: string;
    if (flavor.injection.membership === 'member-roll') {
      layers = editLayers(last, (object) => object.kind === 'ServiceMeshMemberRoll', () => undefined);
      reason = 'no ServiceMeshMemberRoll lists namespace';
    } else {
      // Every namespace loses the labels the control planes' discovery selectors match.
      const keys = last.objects
        .filter((object) => object.kind === flavor.injection.controlPlaneKind)
        .flatMap((plane: any) => (plane.spec?.values?.meshConfig?.discoverySelectors ?? []).flatMap((selector: any) => Object.keys(selector.matchLabels ?? {})));
      expect(keys.length).toBeGreaterThan(0);
      layers = editLayers(last, (object) => object.kind === 'Namespace', (copy) => {
        for (const key of keys) delete copy.metadata.labels?.[key];
        return copy;
      });
      reason = 'discovery selectors do not match namespace';
    }
    const violations = stageLint(layers, ['argocd']).filter((violation) => violation.code === 'injection');
    expect(violations.map(id).sort()).toEqual(injected.map(id).sort());
    for (const violation of violations) expect(violation).toMatchObject({ path: `spec.template.metadata.labels.${flavor.injection.podLabel}`, message: expect.stringContaining(reason) });
  });

  it('refuses the deprecated sidecar annotation on a pod template', () => {
    const last = lastOf(flavor, 'flux');
    const [pod] = listInjected(flavor, last);
    const violations = stageLint(
      editLayers(last, (object) => object === pod, (copy) => {
        copy.spec.template.metadata.annotations = { ...copy.spec.template.metadata.annotations, 'sidecar.istio.io/inject': 'true' };
        return copy;
      }),
      ['flux'],
    );
    expect(violations).toEqual([
      expect.objectContaining({ kind: 'Deployment', name: pod.metadata.name, code: 'injection', path: 'spec.template.metadata.annotations.sidecar.istio.io/inject', message: expect.stringContaining(flavor.injection.podLabel) }),
    ]);
  });

  it('catches a Service selecting nothing and a Deployment selector that misses its pods', () => {
    const last = lastOf(flavor, 'argocd');
    const lint = (layers: Layers) => stageLint(layers, ['argocd']);
    expect(lint(editLayers(last, named('Service', 'carts'), (object) => ({ ...object, spec: { ...object.spec, selector: { app: 'cart' } } })))).toEqual([
      expect.objectContaining({ kind: 'Service', name: 'carts', path: 'spec.selector', code: 'selector' }),
    ]);
    expect(
      lint(
        editLayers(last, named('Deployment', 'user'), (object) => {
          object.spec.selector.matchLabels.app = 'users';
          return object;
        }),
      ),
    ).toEqual([expect.objectContaining({ kind: 'Deployment', name: 'user', path: 'spec.selector.matchLabels' })]);
  });

  it('matches a Service selector on every label, among the pods of its own namespace only', () => {
    const last = lastOf(flavor, 'argocd');
    const lint = (layers: Layers) => stageLint(layers, ['argocd']);
    const twoLabels = lint(editLayers(last, named('Service', 'carts'), (object) => ({ ...object, spec: { ...object.spec, selector: { app: 'carts', version: 'v9' } } })));
    expect(twoLabels).toEqual([expect.objectContaining({ kind: 'Service', name: 'carts', path: 'spec.selector', code: 'selector' })]);
    const elsewhere = lint(editLayers(last, named('Service', 'carts'), (object) => ({ ...object, metadata: { ...object.metadata, namespace: 'other' } })));
    expect(elsewhere.filter((violation) => violation.code === 'selector')).toEqual([expect.objectContaining({ kind: 'Service', name: 'carts', namespace: 'other' })]);
  });

  it('catches Istio hosts, ports, subsets and gateways that point at nothing', () => {
    const last = lastOf(flavor, 'argocd');
    const { appNamespace } = deriveReferenceNames(flavor, checkSettings({ flavor: flavor.id }));
    const paths = (layers: Layers) => stageLint(layers, ['argocd']).map((violation) => violation.path);
    expect(paths(editLayers(last, named('DestinationRule', 'carts'), (object) => ({ ...object, spec: { ...object.spec, host: `cart.${appNamespace}.svc.cluster.local` } })))).toEqual([
      'spec.host',
    ]);
    const split = (mutate: (route: any[]) => void) =>
      paths(
        editLayers(last, named('VirtualService', 'front-end-virtualservice'), (object) => {
          mutate(object.spec.http[0].route);
          return object;
        }),
      );
    expect(split((route) => (route[1].destination.subset = 'v3'))).toEqual(['spec.http[0].route[1].destination.subset']);
    expect(split((route) => (route[0].destination.port.number = 8080))).toEqual(['spec.http[0].route[0].destination.port.number']);
    expect(split((route) => (route[0].destination.host = `front-end.${appNamespace}-x.svc.cluster.local`))).toEqual(['spec.http[0].route[0].destination.host']);
    expect(paths(editLayers(last, named('VirtualService', 'front-end-virtualservice'), (object) => ({ ...object, spec: { ...object.spec, gateways: ['sockshop-gateway'] } })))).toEqual([
      'spec.gateways[0]',
    ]);
    expect(
      paths(
        editLayers(last, named('DestinationRule', 'front-end'), (object) => {
          object.spec.subsets[1].labels.version = 'v9';
          return object;
        }),
      ),
    ).toEqual(['spec.subsets[1].labels']);
  });
});
