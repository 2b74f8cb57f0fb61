/**
 * The pure heart of the generator: settings in, one complete repository tree per stage out, with
 * the objects each stage renders to and the commit message that explains it. The objects come from
 * the one in-process kustomize (src/kustomize) reading the very files the plan writes, so what the
 * docs, the commit messages and the checks describe is what `kustomize build` gives. Nothing here
 * touches the disk except to read the package's own templates.
 */
import { buildDocsContext } from '../docs/docs-context.js';
import { compareObjects, sortObjects, type ObjectChange } from '../diff/compare-objects.js';
import { getFlavor } from '../flavors/registry.js';
import type { Flavor, Layer, LayerDefinition, StageDefinition } from '../flavors/types.js';
import type { Tree } from '../history/fast-import.js';
import { createMemoryReader, renderKustomization, type RenderCache } from '../kustomize/index.js';
import { formatTag, layerDir, relativeDir, stageDir } from '../layout/layout.js';
import { deriveReferenceNames, deriveRepositoryNames, type ParticipantNames, type RepositoryNames } from '../layout/names.js';
import type { KubeObject } from '../render/manifest.js';
import { selectEngines, type GitOpsEngine, type Settings } from '../settings/settings.js';
import { collectRenderedKinds, planRepositorySchemas } from '../gitops/ci-schemas.js';
import { planConstantFiles } from './constant-files.js';
import { planEntryPoint, writeKustomization } from './entry-point.js';
import { formatStageMessage, formatTagMessage } from './format-message.js';
import { buildLayerFiles } from './plan-layer.js';
import { planClassFiles } from './plan-class.js';
import { renderDocs } from './render-docs.js';
import { buildTemplateValues } from './template-values.js';

export type { Tree } from '../history/fast-import.js';

export interface StagePlan {
  stage: StageDefinition;
  tag: string;
  /** The whole repository as it stands at this stage: path -> content. */
  files: Tree;
  /** What the whole stage renders to (its stage folder), in a stable order. */
  objects: readonly KubeObject[];
  /** The same objects by layer (what each Flux Kustomization applies; for a layer per engine, the first engine's). */
  layers: Partial<Record<Layer, readonly KubeObject[]>>;
  /** What each engine applies, by layer: a layer with a folder per engine holds that engine's objects. */
  engineLayers: Partial<Record<GitOpsEngine, Partial<Record<Layer, readonly KubeObject[]>>>>;
  /** The file (and line) each object of `objects`, `layers` and `engineLayers` comes from. */
  sources: ReadonlyMap<KubeObject, { file: string; line?: number }>;
  /** The renders of the stage folders (shared by every stage: stage folders never change once written), for the checks to reuse. */
  renderCache: RenderCache;
  changes: readonly ObjectChange[];
  message: string;
  tagMessage: string;
}

/** What every stage of one repository shares. */
export interface PlanContext {
  settings: Settings;
  flavor: Flavor;
  engines: GitOpsEngine[];
  names: ParticipantNames;
  repo: RepositoryNames;
  stages: readonly StageDefinition[];
}

/** The stages a setting includes: the first through `until`. */
export function selectStages(settings: Pick<Settings, 'until'>, scenario: readonly StageDefinition[]): StageDefinition[] {
  return scenario.filter((stage) => stage.number <= settings.until);
}

export function createPlanContext(settings: Settings, scenario?: readonly StageDefinition[]): PlanContext {
  const flavor = getFlavor(settings.flavor);
  return {
    settings,
    flavor,
    engines: selectEngines(settings.gitops),
    names: deriveReferenceNames(flavor, settings),
    repo: deriveRepositoryNames(flavor, settings),
    stages: selectStages(settings, scenario ?? flavor.stages),
  };
}

/** The folders a layer has in a stage: one, or one per engine. */
export function listLayerFolders(definition: LayerDefinition, engines: readonly GitOpsEngine[]): (GitOpsEngine | undefined)[] {
  return definition.perEngine ? [...engines] : [undefined];
}

const layerKey = (layer: Layer, engine: GitOpsEngine | undefined) => (engine ? `${layer}/${engine}` : layer);

export function planStages(settings: Settings, scenario?: readonly StageDefinition[]): StagePlan[] {
  const context = createPlanContext(settings, scenario);
  const { flavor, engines, names, repo, stages } = context;
  const values = buildTemplateValues(flavor, names, repo);
  const primary = engines[0];
  const latest = new Map<string, string>();
  const stageFiles = new Map<string, string>();
  const helmRepositories = new Map<GitOpsEngine, Set<string>>(engines.map((engine) => [engine, new Set()]));
  // Stage folders never change once written: their renders are cached for every later stage.
  const cache: RenderCache = new Map();
  let previousObjects: readonly KubeObject[] = [];

  const built = stages.map((stage) => {
    for (const definition of flavor.layers) {
      const content = stage.layers[definition.layer];
      if (!content) continue;
      for (const engine of listLayerFolders(definition, engines)) {
        const key = layerKey(definition.layer, engine);
        const dir = layerDir(stage, definition, engine);
        const files = buildLayerFiles({
          flavor,
          slug: stage.slug,
          layer: definition,
          engine,
          dir,
          content,
          previousDir: latest.get(key),
          values,
          engines,
          gitopsName: repo.gitopsName,
          helmRepositories: helmRepositories.get(engine ?? primary)!,
        });
        for (const [path, text] of files) stageFiles.set(path, text);
        latest.set(key, dir);
      }
    }
    // The whole stage: the newest folder of every layer (a layer per engine: the first engine's).
    const dir = stageDir(stage);
    const present = flavor.layers.filter((definition) => latest.has(layerKey(definition.layer, definition.perEngine ? primary : undefined)));
    stageFiles.set(`${dir}/kustomization.yaml`, writeKustomization(present.map((definition) => relativeDir(dir, latest.get(layerKey(definition.layer, definition.perEngine ? primary : undefined))!))));

    const reader = createMemoryReader(stageFiles);
    const sources = new Map<KubeObject, { file: string; line?: number }>();
    const render = (folder: string) =>
      sortObjects(
        renderKustomization(reader, folder, cache).objects.map((rendered) => {
          sources.set(rendered.object, { file: rendered.file, ...(rendered.line ? { line: rendered.line } : {}) });
          return rendered.object;
        }),
      );
    const objects = render(dir);
    const layers: StagePlan['layers'] = Object.fromEntries(present.map((definition) => [definition.layer, render(latest.get(layerKey(definition.layer, definition.perEngine ? primary : undefined))!)]));
    const engineLayers: StagePlan['engineLayers'] = Object.fromEntries(
      engines.map((engine) => [
        engine,
        engine === primary
          ? layers
          : Object.fromEntries(present.map((definition) => [definition.layer, definition.perEngine ? render(latest.get(layerKey(definition.layer, engine))!) : layers[definition.layer]!])),
      ]),
    );
    const changes = compareObjects(previousObjects, objects);
    previousObjects = objects;
    return { stage, objects, layers, engineLayers, sources, changes, stageFiles: new Map(stageFiles), latest: new Map(latest) };
  });

  const constant = planConstantFiles(context, built.at(-1)!, built);
  // A stage's README belongs to its stage folder: written at its stage, kept unchanged afterwards.
  const stageDocs = new Map<string, string>();
  const plans = built.map(({ stage, objects, layers, engineLayers, sources, changes, stageFiles: files, latest: folders }) => {
    const docs = buildDocsContext({ settings, flavor, names, repo, stages, current: stage, changes, objects });
    const rendered = renderDocs(context, stage, docs, layers);
    for (const [path, text] of rendered) if (path.startsWith(`${stageDir(stage)}/`)) stageDocs.set(path, text);
    const tree = new Map<string, string>([
      ...files,
      ...stageDocs,
      ...planEntryPoint(context, folders),
      ...planClassFiles(context, layers),
      ...constant,
      ...rendered,
    ]);
    return { stage, tag: formatTag(stage), files: tree, objects, layers, engineLayers, sources, renderCache: cache, changes, message: formatStageMessage(docs, changes), tagMessage: formatTagMessage(docs) };
  });
  // The schemas the repository's CI needs: every kind any commit renders in a folder an engine syncs, in every commit.
  const schemas = planRepositorySchemas(flavor.schemaSet, collectRenderedKinds(plans.map((plan) => plan.files), cache));
  for (const plan of plans) for (const [path, text] of schemas) plan.files.set(path, text);
  return plans;
}

