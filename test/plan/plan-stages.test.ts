import { load, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { readStageText } from '../../src/docs/stage-texts.js';
import { computeLayerWaves, MANAGED_BY, needsSkipDryRun, SKIP_DRY_RUN, SYNC_OPTIONS, SYNC_WAVE } from '../../src/gitops/annotate.js';
import { DEFAULT_FLAVOR, FLAVORS, findStage, getFlavor } from '../../src/flavors/registry.js';
import type { Flavor, LayerDefinition, StageDefinition } from '../../src/flavors/types.js';
import { ENTRY_DIR, entryLayerDir, formatStageId, formatTag, layerDir, relativeDir, stageDir } from '../../src/layout/layout.js';
import { deriveParticipantNames } from '../../src/layout/names.js';
import { MANIFESTS } from '../../src/plan/plan-layer.js';
import { listLayerFolders, planStages, type StagePlan } from '../../src/plan/plan-stages.js';
import { selectInjection } from '../../src/plan/template-values.js';
import type { KubeObject } from '../../src/render/manifest.js';
import { findTemplate, readTemplate } from '../../src/render/template.js';
import { parseWorkloads } from '../../src/scenario/workloads.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import type { GitOpsEngine } from '../../src/settings/settings.js';

const ENGINES: readonly GitOpsEngine[] = ['argocd', 'flux'];
/** Every flavor of the registry, planned with both engines, once for the whole file. */
const PLANS = new Map<Flavor, StagePlan[]>(FLAVORS.map((flavor) => [flavor, planStages(checkSettings({ flavor: flavor.id, gitops: 'both' }))]));
const plansOf = (id: string) => PLANS.get(getFlavor(id as Flavor['id']))!;
const kustomizations = (files: ReadonlyMap<string, string>) =>
  [...files].filter(([path]) => path.endsWith('kustomization.yaml')).map(([path, text]) => [path, load(text) as Record<string, unknown>] as const);
/** The folders of a layer in a stage: one, or one per engine. */
const foldersOf = (stage: StageDefinition, definition: LayerDefinition) => listLayerFolders(definition, ENGINES).map((engine) => layerDir(stage, definition, engine));
const find = (objects: readonly KubeObject[], kind: string, name: string) => objects.find((object) => object.kind === kind && object.metadata.name === name);
const stageOf = (plans: readonly StagePlan[], slug: string) => plans.find((plan) => plan.stage.slug === slug)!;

describe('planStages', () => {
  for (const [flavor, plans] of PLANS) {
    describe(`(${flavor.id})`, () => {
      it('plans one entry per stage of the flavor, in order, each with its tag', () => {
        expect(plans.map((plan) => plan.stage)).toEqual(flavor.stages);
        expect(plans.map((plan) => plan.tag)).toEqual(flavor.stages.map(formatTag));
      });

      it('adds each stage folder at its stage and never changes it afterwards', () => {
        plans.forEach((plan, index) => {
          const own = [...plan.files.keys()].filter((path) => path.startsWith(`${stageDir(plan.stage)}/`));
          expect(own).toContain(`${stageDir(plan.stage)}/kustomization.yaml`);
          expect(own).toContain(`${stageDir(plan.stage)}/README.md`);
          for (const definition of flavor.layers) {
            for (const folder of foldersOf(plan.stage, definition)) {
              expect(own.includes(`${folder}/kustomization.yaml`), `${formatStageId(plan.stage)} ${folder}`).toBe(plan.stage.layers[definition.layer] !== undefined);
            }
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

      it('writes every resource, chart, workload and patch the stage table names', () => {
        for (const plan of plans) {
          for (const definition of flavor.layers) {
            const content = plan.stage.layers[definition.layer];
            if (!content) continue;
            const workloads =
              typeof content.workloads === 'string'
                ? parseWorkloads(readTemplate(findTemplate(MANIFESTS, flavor.templateRoots, content.workloads)), content.workloads)
                : (content.workloads ?? []);
            const files = [...(content.resources ?? []), ...(content.charts ?? []).map((chart) => `${chart}.yaml`), ...workloads.map((workload) => `${workload.name}.yaml`)];
            expect(files.length + (content.patches?.length ?? 0), `${plan.tag} ${definition.layer}`).toBeGreaterThan(0);
            for (const folder of foldersOf(plan.stage, definition)) {
              for (const file of files) expect(plan.files.has(`${folder}/${file}`), `${folder}/${file}`).toBe(true);
              for (const patch of content.patches ?? []) expect(plan.files.has(`${folder}/patches/${patch.file}`), `${folder}/patches/${patch.file}`).toBe(true);
            }
          }
        }
      });

      it('uses current kustomize fields only', () => {
        const deprecated = ['bases', 'commonLabels', 'patchesStrategicMerge', 'patchesJson6902', 'vars'];
        const found = kustomizations(plans.at(-1)!.files);
        expect(found.length).toBeGreaterThan(flavor.stages.length);
        for (const [path, kustomization] of found) {
          expect(kustomization.apiVersion, path).toBe('kustomize.config.k8s.io/v1beta1');
          for (const field of deprecated) expect(kustomization, path).not.toHaveProperty(field);
        }
      });

      it('points the entry point at the latest folder of each layer (of each engine, where a layer has one per engine)', () => {
        for (const plan of plans) {
          for (const definition of flavor.layers) {
            const latest = [...flavor.stages].reverse().find((stage) => stage.number <= plan.stage.number && stage.layers[definition.layer]);
            for (const engine of listLayerFolders(definition, ENGINES)) {
              const dir = entryLayerDir(definition, engine);
              const entry = load(plan.files.get(`${dir}/kustomization.yaml`)!) as { resources: string[] };
              expect(entry.resources, `${plan.tag} ${dir}`).toEqual(latest ? [relativeDir(dir, layerDir(latest, definition, engine))] : []);
            }
          }
        }
      });

      it('parses every YAML and JSON file it writes', () => {
        for (const [path, text] of plans.at(-1)!.files) {
          if (path.endsWith('.yaml')) expect(() => loadAll(text), path).not.toThrow();
          if (path.endsWith('.json')) expect(() => JSON.parse(text), path).not.toThrow();
        }
      });

      it('summarises each change in the commit message, in the stage\'s own words', () => {
        for (const plan of plans) {
          const text = readStageText('en', flavor.id, plan.stage.slug);
          expect(plan.message.split('\n')[0]).toBe(`Stage ${String(plan.stage.number).padStart(2, '0')} ${text.title}: ${text.summary}`);
          expect(plan.message).toContain(text.lesson.trim());
          expect(plan.changes.length, plan.tag).toBeGreaterThan(0);
          for (const change of plan.changes) {
            const object = (change.after ?? change.before)!;
            expect(plan.message).toContain(`${object.kind}/${object.metadata.name}`);
          }
        }
      });
    });
  }

  it('stops at --until', () => {
    const flavor = getFlavor(DEFAULT_FLAVOR);
    const partial = planStages(checkSettings({ until: '3' }));
    expect(partial.map((plan) => plan.stage.number)).toEqual([0, 1, 2, 3]);
    expect([...partial[3].files.keys()].some((path) => path.startsWith(stageDir(flavor.stages[4])))).toBe(false);
  });

  it('is deterministic: the same answers give the same trees', () => {
    const again = planStages(checkSettings({ gitops: 'both' }));
    const plans = plansOf(DEFAULT_FLAVOR);
    expect(again).toHaveLength(plans.length);
    again.forEach((plan, index) => expect([...plan.files]).toEqual([...plans[index].files]));
  });
});

describe('what each stage does to the cluster', () => {
  for (const [flavor, plans] of PLANS) {
    const names = deriveParticipantNames(flavor, 'user1', 'apps.example.com');

    it(`starts with every workload of the table, each with app and version labels and protocol-named ports (${flavor.id})`, () => {
      const table = flavor.stages[0].layers.apps!.workloads as string;
      const workloads = parseWorkloads(readTemplate(findTemplate(MANIFESTS, flavor.templateRoots, table)), table);
      const { objects } = plans[0];
      const deployments = objects.filter((object) => object.kind === 'Deployment');
      const services = objects.filter((object) => object.kind === 'Service');
      expect(deployments.map((deployment) => deployment.metadata.name).sort()).toEqual(workloads.map((workload) => workload.name).sort());
      expect(services.map((service) => service.metadata.name).sort()).toEqual(deployments.map((deployment) => deployment.metadata.name).sort());
      for (const deployment of deployments) {
        expect(Object.keys((deployment.spec as any).template.metadata.labels).sort()).toEqual(['app', 'version']);
      }
      for (const service of services) {
        for (const port of (service.spec as any).ports) expect(port.name).toMatch(/^(http|tcp)(-|$)/);
      }
      // Routes only where the platform has them.
      expect(find(objects, 'Route', 'front-end') !== undefined).toBe(flavor.platform.kind === 'openshift');
    });

    it(`asks for sidecars with the flavor's pod label from the injection stage on, and not before (${flavor.id})`, () => {
      const injection = selectInjection(flavor, names);
      const from = findStage(flavor, 'sidecar-injection')!.number;
      // The Sock Shop's workloads (the workload tables); the traffic generator opts out on purpose.
      const shop = new Set(
        flavor.stages.flatMap((stage) => {
          const table = stage.layers.apps?.workloads;
          return typeof table === 'string' ? parseWorkloads(readTemplate(findTemplate(MANIFESTS, flavor.templateRoots, table)), table).map((workload) => workload.name) : [];
        }),
      );
      const generator = find(plans.at(-1)!.objects, 'Deployment', 'traffic-generator')!;
      expect((generator.spec as any).template.metadata.labels['sidecar.istio.io/inject']).toBe('false');
      let labelled = 0;
      for (const plan of plans) {
        for (const deployment of plan.objects.filter((object) => object.kind === 'Deployment' && shop.has(object.metadata.name))) {
          const labels = (deployment.spec as any).template.metadata.labels ?? {};
          expect(labels[injection.key], `${plan.tag} ${deployment.metadata.name}`).toBe(plan.stage.number >= from ? injection.value : undefined);
          if (plan.stage.number >= from) labelled += 1;
          // The old annotation is never used: the label is what both control planes read.
          expect((deployment.spec as any).template.metadata.annotations?.['sidecar.istio.io/inject']).toBeUndefined();
        }
      }
      expect(labelled).toBeGreaterThan(0);
    });

    it(`splits front-end traffic 80/20 between the v1 and v2 subsets (${flavor.id})`, () => {
      const { objects } = stageOf(plans, 'traffic-split');
      const route = (find(objects, 'VirtualService', 'front-end-virtualservice')!.spec as any).http[0].route;
      expect(route.map((entry: any) => [entry.destination.subset, entry.weight])).toEqual([['v1', 80], ['v2', 20]]);
      const subsets = (find(objects, 'DestinationRule', 'front-end')!.spec as any).subsets;
      expect(subsets.map((subset: any) => subset.labels.version)).toEqual(['v1', 'v2']);
    });

    it(`uses the API versions its flavor serves, and built-in Kubernetes APIs otherwise (${flavor.id})`, () => {
      const objects = plans.at(-1)!.objects;
      for (const object of objects) {
        const info = flavor.kinds.find((kind) => kind.kind === object.kind && kind.apiVersion.split('/')[0] === object.apiVersion.split('/')[0]);
        if (info) expect(object.apiVersion, `${object.kind}/${object.metadata.name}`).toBe(info.apiVersion);
        else expect(object.apiVersion, `${object.kind}/${object.metadata.name}`).toMatch(/^(v1|apps\/v1|[a-z.]*k8s\.io\/v1)$/);
      }
      const controlPlane = objects.filter((object) => object.kind === flavor.injection.controlPlaneKind);
      expect(controlPlane).toHaveLength(1);
      const rule = find(objects, 'DestinationRule', 'carts')!;
      expect((rule.spec as any).trafficPolicy.outlierDetection).toHaveProperty('consecutive5xxErrors', 1);
    });
  }

  it('moves the front-end host from the direct Route to the gateway Route at the ingress stage (OpenShift flavors)', () => {
    const openshift = FLAVORS.filter((flavor) => flavor.platform.kind === 'openshift');
    expect(openshift.map((flavor) => flavor.id).sort()).toEqual(['ossm2', 'ossm3']);
    for (const flavor of openshift) {
      const plans = PLANS.get(flavor)!;
      const before = stageOf(plans, 'sidecar-injection').objects;
      const after = stageOf(plans, 'ingress-gateway').objects;
      const host = (find(before, 'Route', 'front-end')!.spec as any).host;
      expect(host).toBe(deriveParticipantNames(flavor, 'user1', 'apps.example.com').frontEndHost);
      expect(find(after, 'Route', 'front-end')).toBeUndefined();
      expect((find(after, 'Route', 'front-end-service-gateway')!.spec as any).host).toBe(host);
    }
  });

  it('OpenShift Service Mesh 2.6 keeps the Maistra APIs it serves; the Sail flavors use Istio\'s v1 APIs', () => {
    const kinds = (id: string) => new Set(plansOf(id).at(-1)!.objects.map((object) => `${object.apiVersion} ${object.kind}`));
    expect(kinds('ossm2')).toContain('maistra.io/v2 ServiceMeshControlPlane');
    expect(kinds('ossm2')).toContain('maistra.io/v1 ServiceMeshMemberRoll');
    for (const kind of kinds('ossm2')) if (kind.includes('networking.istio.io')) expect(kind).toMatch(/^networking\.istio\.io\/v1beta1 /);
    for (const id of ['ossm3', 'istio']) {
      expect(kinds(id)).toContain('sailoperator.io/v1 Istio');
      expect(kinds(id)).toContain('sailoperator.io/v1 IstioCNI');
      for (const kind of kinds(id)) if (kind.includes('networking.istio.io')) expect(kind).toMatch(/^networking\.istio\.io\/v1 /);
      for (const kind of kinds(id)) expect(kind).not.toMatch(/^maistra\.io/);
    }
  });
});

describe('GitOps annotations and bootstrap', () => {
  for (const [flavor, plans] of PLANS) {
    it(`gives Argo CD a sync wave per layer and skips dry runs of operator-installed kinds (${flavor.id})`, () => {
      const waves = computeLayerWaves(flavor);
      let skipped = 0;
      for (const object of plans.at(-1)!.objects) {
        const annotations = object.metadata.annotations ?? {};
        expect(annotations[SYNC_OPTIONS] === SKIP_DRY_RUN, `${object.kind}/${object.metadata.name}`).toBe(needsSkipDryRun(flavor, object));
        if (annotations[SYNC_OPTIONS] === SKIP_DRY_RUN) skipped += 1;
        if (annotations[SYNC_WAVE] !== undefined) expect(Object.values(waves)).toContain(annotations[SYNC_WAVE]);
        if (object.kind === 'Namespace') {
          expect(object.metadata.labels?.[MANAGED_BY]).toBe(flavor.platform.kind === 'openshift' ? flavor.platform.argocdNamespace : undefined);
        }
      }
      expect(skipped).toBeGreaterThan(0);
      const wave = (kind: string) => Number(plans.at(-1)!.objects.find((object) => object.kind === kind)!.metadata.annotations?.[SYNC_WAVE] ?? 0);
      expect(wave(flavor.injection.controlPlaneKind)).toBeLessThan(wave('Deployment'));
      if (flavor.platform.kind === 'openshift') expect(wave('Subscription')).toBeLessThan(wave(flavor.injection.controlPlaneKind));
    });

    it(`chains one Flux Kustomization per layer in layer order, pinned to the first stage tag (${flavor.id})`, () => {
      const docs = loadAll(plans[0].files.get('bootstrap/flux/kustomizations.yaml')!) as any[];
      expect(docs.map((doc) => doc.spec.path)).toEqual(flavor.layers.map((definition) => `./${entryLayerDir(definition, 'flux')}`));
      docs.forEach((doc, index) => {
        expect(doc.spec.dependsOn?.map((dependency: any) => dependency.name)).toEqual(index === 0 ? undefined : [docs[index - 1].metadata.name]);
        expect(doc.spec.prune).toBe(true);
        expect(doc.metadata.namespace).toBe(flavor.platform.fluxNamespace);
      });
      expect((load(plans[0].files.get('bootstrap/flux/gitrepository.yaml')!) as any).spec.ref).toEqual({ tag: formatTag(flavor.stages[0]) });
    });

    it(`points the Argo CD Application at the entry point with automated prune (${flavor.id})`, () => {
      const application = load(plans[0].files.get('bootstrap/argocd/application.yaml')!) as any;
      expect(application.metadata.namespace).toBe(flavor.platform.argocdNamespace);
      expect(application.spec.source).toEqual({ repoURL: checkSettings({}).remote, targetRevision: formatTag(flavor.stages[0]), path: ENTRY_DIR });
      expect(application.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    });
  }

  it('writes no Argo CD annotations when only Flux is chosen', () => {
    for (const flavor of FLAVORS) {
      const flux = planStages(checkSettings({ flavor: flavor.id, gitops: 'flux' })).at(-1)!;
      expect([...flux.files.values()].join('\n'), flavor.id).not.toContain('argocd.argoproj.io');
      expect([...flux.files.keys()].some((path) => path.startsWith('bootstrap/argocd') || path.includes('/argocd/')), flavor.id).toBe(false);
    }
  });
});

describe('answers can never inject YAML', () => {
  it('keeps a hostile value a single scalar even when checks are bypassed', () => {
    const hostile = { ...checkSettings({}), tenant: 'x"\n  injected: true\n#', domain: 'a.b\nkind: Secret' };
    const [plan] = planStages(hostile);
    let documents = 0;
    for (const [path, text] of plan.files) {
      if (!path.endsWith('.yaml')) continue;
      for (const document of loadAll(text) as any[]) {
        documents += 1;
        expect(JSON.stringify(document), path).not.toMatch(/"injected":true/);
        if (document?.kind) expect(document.kind, path).not.toBe('Secret');
      }
    }
    expect(documents).toBeGreaterThan(0);
    const namespace = loadAll(plan.files.get(`${layerDir(plan.stage, 'participant')}/app-namespace.yaml`)!)[0] as any;
    expect(namespace.metadata.name).toBe('x"\n  injected: true\n#-sockshop');
  });
});

describe('the generated repository validates itself', () => {
  it('carries, unchanged in every commit, a CI workflow running its own check script with pinned actions, and the schemas that script reads', async () => {
    const { CI_SCRIPT_FILE, CI_WORKFLOW_FILE, SCHEMAS_DIR } = await import('../../src/layout/layout.js');
    for (const flavor of FLAVORS) {
      const plans = plansOf(flavor.id);
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
    }
  });
});
