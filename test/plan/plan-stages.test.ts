import { load, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { LAYER_WAVES, MANAGED_BY, SKIP_DRY_RUN, SYNC_OPTIONS, SYNC_WAVE } from '../../src/gitops/annotate.js';
import { ENTRY_DIR, formatStageId, formatTag, layerDir, stageDir } from '../../src/layout/layout.js';
import { planStages } from '../../src/plan/plan-stages.js';
import type { KubeObject } from '../../src/render/manifest.js';
import { findKind } from '../../src/scenario/kinds.js';
import { LAYERS, STAGES } from '../../src/scenario/stages.js';
import { checkSettings } from '../../src/settings/check-settings.js';

const plans = planStages(checkSettings({ gitops: 'both' }));
const kustomizations = (files: ReadonlyMap<string, string>) =>
  [...files].filter(([path]) => path.endsWith('kustomization.yaml')).map(([path, text]) => [path, load(text) as Record<string, unknown>] as const);

describe('planStages', () => {
  it('plans one entry per stage of the table, in order, each with its tag', () => {
    expect(plans.map((plan) => plan.stage)).toEqual(STAGES);
    expect(plans.map((plan) => plan.tag)).toEqual(STAGES.map(formatTag));
  });

  it('stops at --until', () => {
    const partial = planStages(checkSettings({ until: '3' }));
    expect(partial.map((plan) => plan.stage.number)).toEqual([0, 1, 2, 3]);
    expect([...partial[3].files.keys()].some((path) => path.startsWith(stageDir(STAGES[4])))).toBe(false);
  });

  it('adds each stage folder at its stage and never changes it afterwards', () => {
    plans.forEach((plan, index) => {
      const own = [...plan.files.keys()].filter((path) => path.startsWith(`${stageDir(plan.stage)}/`));
      expect(own).toContain(`${stageDir(plan.stage)}/kustomization.yaml`);
      expect(own).toContain(`${stageDir(plan.stage)}/README.md`);
      for (const layer of LAYERS) {
        const present = own.includes(`${layerDir(plan.stage, layer)}/kustomization.yaml`);
        expect(present, `${formatStageId(plan.stage)}/${layer}`).toBe(plan.stage.layers[layer] !== undefined);
      }
      for (const later of plans.slice(index + 1)) {
        for (const path of own) expect(later.files.get(path), path).toBe(plan.files.get(path));
      }
      if (index > 0) {
        const before = plans[index - 1].files;
        for (const path of plan.files.keys()) {
          if (path.startsWith('stages/') && !path.startsWith(`${stageDir(plan.stage)}/`)) expect(before.has(path), path).toBe(true);
        }
      }
    });
  });

  it('writes every resource and patch the stage table names', () => {
    for (const plan of plans) {
      for (const layer of LAYERS) {
        const content = plan.stage.layers[layer];
        for (const file of content?.resources ?? []) expect(plan.files.has(`${layerDir(plan.stage, layer)}/${file}`)).toBe(true);
        for (const patch of content?.patches ?? []) expect(plan.files.has(`${layerDir(plan.stage, layer)}/patches/${patch.file}`)).toBe(true);
      }
    }
  });

  it('uses current kustomize fields only', () => {
    const deprecated = ['bases', 'commonLabels', 'patchesStrategicMerge', 'patchesJson6902', 'vars'];
    for (const [path, kustomization] of kustomizations(plans.at(-1)!.files)) {
      expect(kustomization.apiVersion, path).toBe('kustomize.config.k8s.io/v1beta1');
      for (const field of deprecated) expect(kustomization, path).not.toHaveProperty(field);
    }
  });

  it('points the entry point at the latest folder of each layer', () => {
    for (const plan of plans) {
      for (const layer of LAYERS) {
        const latest = [...STAGES].reverse().find((stage) => stage.number <= plan.stage.number && stage.layers[layer]);
        const entry = load(plan.files.get(`${ENTRY_DIR}/${layer}/kustomization.yaml`)!) as { resources: string[] };
        expect(entry.resources).toEqual(latest ? [`../../${layerDir(latest, layer)}`] : []);
      }
    }
  });

  it('parses every YAML file it writes', () => {
    for (const [path, text] of plans.at(-1)!.files) {
      if (path.endsWith('.yaml')) expect(() => loadAll(text), path).not.toThrow();
      if (path.endsWith('.json')) expect(() => JSON.parse(text), path).not.toThrow();
    }
  });

  it('is deterministic: the same answers give the same trees', () => {
    const again = planStages(checkSettings({ gitops: 'both' }));
    again.forEach((plan, index) => expect([...plan.files]).toEqual([...plans[index].files]));
  });

  it('summarises each change in the commit message', () => {
    for (const plan of plans) {
      expect(plan.message.split('\n')[0]).toBe(`Stage ${String(plan.stage.number).padStart(2, '0')} ${plan.stage.title}: ${plan.stage.summary}`);
      expect(plan.message).toContain(plan.stage.lesson);
      for (const change of plan.changes) {
        const object = (change.after ?? change.before)!;
        expect(plan.message).toContain(`${object.kind}/${object.metadata.name}`);
      }
    }
  });
});

describe('what each stage does to the cluster', () => {
  const byStage = (slug: string) => plans.find((plan) => plan.stage.slug === slug)!;
  const find = (objects: readonly KubeObject[], kind: string, name: string) => objects.find((object) => object.kind === kind && object.metadata.name === name);

  it('starts with 13 workloads, each with app and version labels and protocol-named ports', () => {
    const { objects } = byStage('baseline');
    const deployments = objects.filter((object) => object.kind === 'Deployment');
    const services = objects.filter((object) => object.kind === 'Service');
    expect(deployments).toHaveLength(13);
    expect(services.map((service) => service.metadata.name).sort()).toEqual(deployments.map((deployment) => deployment.metadata.name).sort());
    for (const deployment of deployments) {
      expect(Object.keys((deployment.spec as any).template.metadata.labels).sort()).toEqual(['app', 'version']);
    }
    for (const service of services) {
      for (const port of (service.spec as any).ports) expect(port.name).toMatch(/^(http|tcp)(-|$)/);
    }
    expect(find(objects, 'Route', 'front-end')).toBeDefined();
  });

  it('injects sidecars into every Deployment from stage 4 on, and not before', () => {
    for (const plan of plans) {
      for (const deployment of plan.objects.filter((object) => object.kind === 'Deployment')) {
        const annotations = (deployment.spec as any).template.metadata.annotations ?? {};
        expect(annotations['sidecar.istio.io/inject'], `${plan.tag} ${deployment.metadata.name}`).toBe(plan.stage.number >= 4 ? 'true' : undefined);
      }
    }
  });

  it('moves the front-end host from the direct Route to the gateway Route at the ingress stage', () => {
    const before = byStage('sidecar-injection').objects;
    const after = byStage('ingress-gateway').objects;
    const host = (find(before, 'Route', 'front-end')!.spec as any).host;
    expect(find(after, 'Route', 'front-end')).toBeUndefined();
    expect((find(after, 'Route', 'front-end-service-gateway')!.spec as any).host).toBe(host);
    expect((find(after, 'VirtualService', 'front-end-virtualservice')!.spec as any).hosts).toEqual([host]);
  });

  it('splits front-end traffic 80/20 between the v1 and v2 subsets', () => {
    const { objects } = byStage('traffic-split');
    const route = (find(objects, 'VirtualService', 'front-end-virtualservice')!.spec as any).http[0].route;
    expect(route.map((entry: any) => [entry.destination.subset, entry.weight])).toEqual([['v1', 80], ['v2', 20]]);
    const subsets = (find(objects, 'DestinationRule', 'front-end')!.spec as any).subsets;
    expect(subsets.map((subset: any) => subset.labels.version)).toEqual(['v1', 'v2']);
  });

  it('uses the API versions OpenShift Service Mesh 2.6 serves', () => {
    const kinds = new Set(plans.at(-1)!.objects.map((object) => `${object.apiVersion} ${object.kind}`));
    expect(kinds).toContain('maistra.io/v2 ServiceMeshControlPlane');
    for (const kind of kinds) if (kind.includes('networking.istio.io')) expect(kind).toMatch(/^networking\.istio\.io\/v1beta1 /);
    const rule = find(plans.at(-1)!.objects, 'DestinationRule', 'carts')!;
    expect((rule.spec as any).trafficPolicy.outlierDetection).toHaveProperty('consecutive5xxErrors', 1);
  });
});

describe('GitOps annotations and bootstrap', () => {
  it('gives Argo CD a sync wave per layer and skips dry runs of operator-installed kinds', () => {
    for (const object of plans.at(-1)!.objects) {
      const annotations = object.metadata.annotations ?? {};
      const info = findKind(object.apiVersion, object.kind);
      expect(info, `${object.apiVersion} ${object.kind} is in the kind table`).toBeDefined();
      expect(annotations[SYNC_OPTIONS] === SKIP_DRY_RUN).toBe(info!.source === 'operator');
      if (annotations[SYNC_WAVE] !== undefined) expect(Object.values(LAYER_WAVES)).toContain(annotations[SYNC_WAVE]);
      if (object.kind === 'Namespace') expect(object.metadata.labels?.[MANAGED_BY]).toBe('openshift-gitops');
    }
    const wave = (kind: string) => Number(plans.at(-1)!.objects.find((object) => object.kind === kind)!.metadata.annotations?.[SYNC_WAVE] ?? 0);
    expect(wave('Subscription')).toBeLessThan(wave('ServiceMeshControlPlane'));
    expect(wave('ServiceMeshMemberRoll')).toBeLessThan(wave('Deployment'));
  });

  it('writes no Argo CD annotations when only Flux is chosen', () => {
    const flux = planStages(checkSettings({ gitops: 'flux' })).at(-1)!;
    expect([...flux.files.values()].join('\n')).not.toContain('argocd.argoproj.io');
    expect([...flux.files.keys()].some((path) => path.startsWith('bootstrap/argocd'))).toBe(false);
  });

  it('chains the Flux Kustomizations platform -> mesh -> apps, pinned to the first stage tag', () => {
    const docs = loadAll(plans[0].files.get('bootstrap/flux/kustomizations.yaml')!) as any[];
    expect(docs.map((doc) => [doc.spec.path, doc.spec.dependsOn?.[0].name, doc.spec.prune])).toEqual([
      ['./cluster/platform', undefined, true],
      ['./cluster/mesh', 'sockshop-mesh-user1-platform', true],
      ['./cluster/apps', 'sockshop-mesh-user1-mesh', true],
    ]);
    expect((load(plans[0].files.get('bootstrap/flux/gitrepository.yaml')!) as any).spec.ref).toEqual({ tag: formatTag(STAGES[0]) });
  });

  it('points the Argo CD Application at the entry point with automated prune', () => {
    const application = load(plans[0].files.get('bootstrap/argocd/application.yaml')!) as any;
    expect(application.spec.source).toEqual({ repoURL: checkSettings({}).remote, targetRevision: formatTag(STAGES[0]), path: ENTRY_DIR });
    expect(application.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
  });
});

describe('answers can never inject YAML', () => {
  it('keeps a hostile value a single scalar even when checks are bypassed', () => {
    const hostile = { ...checkSettings({}), tenant: 'x"\n  injected: true\n#', domain: 'a.b\nkind: Secret' };
    const [plan] = planStages(hostile);
    for (const [path, text] of plan.files) {
      if (!path.endsWith('.yaml')) continue;
      for (const document of loadAll(text) as any[]) {
        expect(JSON.stringify(document), path).not.toMatch(/"injected":true/);
        if (document?.kind) expect(document.kind, path).not.toBe('Secret');
      }
    }
    const namespace = loadAll(plan.files.get('stages/00-baseline/platform/app-namespace.yaml')!)[0] as any;
    expect(namespace.metadata.name).toBe('x"\n  injected: true\n#-sockshop');
  });
});

describe('the generated repository validates itself', () => {
  it('carries, unchanged in every commit, a CI workflow running its own check script with pinned actions, and the schemas that script reads', async () => {
    const { CI_SCRIPT_FILE, CI_WORKFLOW_FILE, SCHEMAS_DIR } = await import('../../src/layout/layout.js');
    const first = plans[0].files;
    const schemaFiles = [...first.keys()].filter((path) => path.startsWith(`${SCHEMAS_DIR}/`));
    expect(schemaFiles.length).toBeGreaterThan(0);
    for (const plan of plans) {
      const workflow = load(plan.files.get(CI_WORKFLOW_FILE)!) as any;
      const steps = Object.values(workflow.jobs).flatMap((job: any) => job.steps);
      expect(steps.filter((step: any) => step.uses).every((step: any) => /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/.test(step.uses))).toBe(true);
      expect(steps.at(-1).run).toBe(`sh ${CI_SCRIPT_FILE}`);
      expect(JSON.stringify(workflow)).not.toMatch(/npx|npm /);
      expect(workflow.on).toEqual({ push: {}, pull_request: {} });
      expect(plan.files.get(CI_SCRIPT_FILE)).toBe(first.get(CI_SCRIPT_FILE));
      for (const path of schemaFiles) expect(plan.files.get(path), `${plan.tag} ${path}`).toBe(first.get(path));
    }
  });
});
