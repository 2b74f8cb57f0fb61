/**
 * The pure heart of the generator: settings in, one complete repository tree per stage out, with
 * the objects each stage renders to and the commit message that explains it. Nothing here touches
 * the disk except to read the package's own templates.
 */
import { buildArgoCdBootstrap } from '../gitops/argocd.js';
import { buildCiWorkflow } from '../gitops/ci-workflow.js';
import { readPackageVersion } from '../util/package-root.js';
import { buildFluxBootstrap } from '../gitops/flux.js';
import {
  buildArgoCdHealthConfigMap,
  buildArgoCdHealthPatch,
  formatArgoCdHealthHeader,
  formatArgoCdHealthPatchHeader,
  MESH_HEALTH_CHECKS,
} from '../gitops/health-checks.js';
import { buildDocsContext } from '../docs/docs-context.js';
import {
  ANSWERS_FILE,
  ARGOCD_NAMESPACE,
  CI_WORKFLOW_FILE,
  BOOTSTRAP_FILES,
  bootstrapDir,
  deriveNames,
  ENTRY_DIR,
  entryLayerDir,
  formatStageId,
  formatTag,
  GENERATOR_NAME,
  layerDir,
  OPERATORS_NAMESPACE,
  relativeDir,
  stageDir,
  UPSTREAM_ARGOCD_NAMESPACE,
  type Names,
} from '../layout/layout.js';
import { dumpObjects, dumpYaml, type KubeObject } from '../render/manifest.js';
import { renderTemplate } from '../render/template.js';
import { LAYERS, STAGES, type Layer, type StageDefinition } from '../scenario/stages.js';
import { toAnswers } from '../settings/check-settings.js';
import { selectEngines, type Settings } from '../settings/settings.js';
import { compareObjects, sortObjects, type ObjectChange } from './compare-objects.js';
import { formatStageMessage } from './format-message.js';
import { buildLayer, type LayerBuild } from './plan-layer.js';

export type Tree = ReadonlyMap<string, string>;

export interface StagePlan {
  stage: StageDefinition;
  tag: string;
  /** The whole repository as it stands at this stage: path -> content. */
  files: Tree;
  /** What the entry point renders to at this stage, in a stable order. */
  objects: readonly KubeObject[];
  /** The same objects by layer (what each Flux Kustomization applies). */
  layers: Partial<Record<Layer, readonly KubeObject[]>>;
  changes: readonly ObjectChange[];
  message: string;
}

function writeKustomization(resources: readonly string[]): string {
  return dumpYaml({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources });
}

function planEntryPoint(latest: Partial<Record<Layer, LayerBuild>>): Map<string, string> {
  const files = new Map<string, string>([[`${ENTRY_DIR}/kustomization.yaml`, writeKustomization([...LAYERS])]]);
  for (const layer of LAYERS) {
    const dir = entryLayerDir(layer);
    const build = latest[layer];
    files.set(`${dir}/kustomization.yaml`, writeKustomization(build ? [relativeDir(dir, build.dir)] : []));
  }
  return files;
}

export function planBootstrap(settings: Settings, names: Names, firstTag: string): Map<string, string> {
  const files = new Map<string, string>();
  const add = (dir: string, entries: [string, KubeObject[]][]) => {
    files.set(`${dir}/kustomization.yaml`, writeKustomization(entries.map(([file]) => file)));
    for (const [file, objects] of entries) files.set(`${dir}/${file}`, dumpObjects(objects));
  };
  for (const engine of selectEngines(settings.gitops)) {
    const dir = bootstrapDir(engine);
    if (engine === 'argocd') {
      const [project, application] = buildArgoCdBootstrap(settings, names, firstTag);
      const { project: projectFile, pin, healthConfigMap, healthPatch } = BOOTSTRAP_FILES.argocd;
      add(dir, [[projectFile, [project]], [pin, [application]]]);
      // Applied by hand, once, and not by `oc apply -k`: on OpenShift GitOps argocd-cm belongs to the operator.
      const configMap = buildArgoCdHealthConfigMap(MESH_HEALTH_CHECKS, UPSTREAM_ARGOCD_NAMESPACE);
      files.set(`${dir}/${healthConfigMap}`, dumpObjects([configMap], formatArgoCdHealthHeader(MESH_HEALTH_CHECKS, UPSTREAM_ARGOCD_NAMESPACE, ARGOCD_NAMESPACE)));
      files.set(`${dir}/${healthPatch}`, `${formatArgoCdHealthPatchHeader(MESH_HEALTH_CHECKS, ARGOCD_NAMESPACE)}\n${dumpYaml(buildArgoCdHealthPatch(MESH_HEALTH_CHECKS))}`);
    } else {
      const [source, ...kustomizations] = buildFluxBootstrap(settings, names, firstTag);
      add(dir, [[BOOTSTRAP_FILES.flux.pin, [source]], [BOOTSTRAP_FILES.flux.kustomizations, kustomizations]]);
    }
  }
  return files;
}

/** The stages a setting includes: the first through `until`. */
export function selectStages(settings: Pick<Settings, 'until'>, scenario: readonly StageDefinition[] = STAGES): StageDefinition[] {
  return scenario.filter((stage) => stage.number <= settings.until);
}

export function planStages(settings: Settings, scenario: readonly StageDefinition[] = STAGES): StagePlan[] {
  const names = deriveNames(settings);
  const engines = selectEngines(settings.gitops);
  const stages = selectStages(settings, scenario);
  const values = { names, operatorsNamespace: OPERATORS_NAMESPACE };
  const constant = new Map<string, string>([
    ...planBootstrap(settings, names, formatTag(stages[0])),
    [ANSWERS_FILE, `${JSON.stringify({ [GENERATOR_NAME]: toAnswers(settings) }, null, 2)}\n`],
    [CI_WORKFLOW_FILE, buildCiWorkflow(readPackageVersion())],
  ]);

  const latest: Partial<Record<Layer, LayerBuild>> = {};
  const stageFiles = new Map<string, string>();
  let previousObjects: readonly KubeObject[] = [];
  return stages.map((stage) => {
    const id = formatStageId(stage);
    for (const layer of LAYERS) {
      const content = stage.layers[layer];
      if (!content) continue;
      const build = buildLayer({ stageId: id, layer, dir: layerDir(stage, layer), content, previous: latest[layer], values, engines });
      latest[layer] = build;
      for (const [path, text] of build.files) stageFiles.set(path, text);
    }
    const dir = stageDir(stage);
    const built = LAYERS.flatMap((layer) => (latest[layer] ? [latest[layer]] : []));
    stageFiles.set(`${dir}/kustomization.yaml`, writeKustomization(built.map((build) => relativeDir(dir, build.dir))));

    const objects = sortObjects(built.flatMap((build) => build.objects));
    const changes = compareObjects(previousObjects, objects);
    previousObjects = objects;
    const docs = buildDocsContext(settings, names, stages, stage, changes);
    stageFiles.set(`${dir}/README.md`, renderTemplate(`stages/${id}/README.md.hbs`, docs));

    const files = new Map<string, string>([
      ...stageFiles,
      ...planEntryPoint(latest),
      ...constant,
      ['README.md', renderTemplate('repo/README.md.hbs', docs)],
    ]);
    const layers = Object.fromEntries(LAYERS.flatMap((layer) => (latest[layer] ? [[layer, latest[layer].objects]] : [])));
    return { stage, tag: formatTag(stage), files, objects, layers, changes, message: formatStageMessage(docs, changes) };
  });
}
