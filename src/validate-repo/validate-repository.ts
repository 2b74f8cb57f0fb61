/**
 * `validate`: render every stage of a workshop repository (in-process, or the real kustomize for
 * what the in-process renderer does not support), check every object against strict schemas (the
 * embedded validator, or kubeconform), lint what schemas cannot see, and report per stage. Problems
 * with one stage never stop the others.
 */
import { UserError } from '../errors.js';
import { renderStage, type RenderCache, type RenderedObject, type RepoReader } from '../kustomize/index.js';
import { checkStage } from '../lint/check-stage.js';
import { dumpObjects, type KubeObject } from '../render/manifest.js';
import type { SkippedObject, StageReport } from '../report/types.js';
import type { Flavor, Layer } from '../flavors/types.js';
import type { SchemaStore } from '../validate/schema-store.js';
import type { Violation } from '../validate/types.js';
import { validateObjects } from '../validate/validate-objects.js';
import { bootstrapDir } from '../layout/layout.js';
import { listStageDirs, listTargets, readProfile, type RepositoryProfile, type Target } from './list-targets.js';
import { formatViolationKey, lintBootstrap, lintStageEngines } from './lint-engines.js';

const GITOPS_ENGINES = ['argocd', 'flux'] as const;

export type ValidatorName = 'embedded' | 'kubeconform';

export interface ValidateRepositoryOptions {
  stage?: string;
  validator: ValidatorName;
  /** The schema store for the kinds the rendered stages hold (called once, after rendering). */
  resolveStore: (kinds: readonly { apiVersion: string; kind: string }[]) => Promise<SchemaStore>;
  /** kubeconform `-schema-location`s (for the kubeconform validator). */
  schemaLocations: readonly string[];
  ignoreMissingSchemas: boolean;
  /** Fall back to a real kustomize for overlays the in-process renderer does not support. */
  fallback: boolean;
}

/** The layer of an object, from the folder it came from: `stages/<id>/<layer>/…`. */
function findLayer(flavor: Flavor, file: string): Layer {
  const layer = file.split('/')[2];
  return flavor.layers.find((definition) => definition.layer === layer)?.layer ?? flavor.layers[flavor.layers.length - 1].layer;
}

function describeFailure(error: unknown): string {
  if (error instanceof UserError) return error.hint ? `${error.message} ${error.hint}` : error.message;
  throw error;
}

async function checkSchemas(objects: readonly RenderedObject[], store: SchemaStore, options: ValidateRepositoryOptions): Promise<Violation[]> {
  if (options.validator === 'embedded') {
    return validateObjects(objects, { store, missingSchemaSeverity: options.ignoreMissingSchemas ? 'warning' : 'error' });
  }
  const { runKubeconform } = await import('../kubeconform/index.js');
  const result = await runKubeconform({
    stdin: dumpObjects(objects.map((entry) => entry.object)),
    sources: objects,
    schemaLocations: options.schemaLocations,
    strict: true,
    ignoreMissingSchemas: options.ignoreMissingSchemas,
  });
  return result.violations;
}

type Rendered = { renderer: string; objects: RenderedObject[] } | { failure: Violation };

async function renderTarget(reader: RepoReader, target: Target, options: ValidateRepositoryOptions, cache: RenderCache): Promise<Rendered> {
  try {
    return await renderStage(reader, target.dir, { fallback: options.fallback, cache });
  } catch (error) {
    const message = describeFailure(error);
    const file = (error as { file?: string }).file ?? `${target.dir}/kustomization.yaml`;
    const line = (error as { line?: number }).line;
    return { failure: { file, ...(line ? { line } : {}), path: '', message: `cannot render: ${message}`, severity: 'error', code: 'render' } };
  }
}

/** The stage lint as the stage folder renders (one engine's folders, the first's): for repositories the per-engine lint cannot read. */
function lintRenderedStage(target: Target, objects: readonly RenderedObject[], profile: RepositoryProfile): Violation[] {
  const layers: Partial<Record<Layer, KubeObject[]>> = {};
  const sources = new Map<KubeObject, { file: string; line?: number }>();
  for (const entry of objects) {
    (layers[findLayer(profile.flavor, entry.file)] ??= []).push(entry.object);
    sources.set(entry.object, { file: entry.file, ...(entry.line ? { line: entry.line } : {}) });
  }
  return checkStage({ flavor: profile.flavor, layers, engines: profile.engines, sourceOf: (object) => sources.get(object) ?? { file: target.dir } });
}

/**
 * A stage linted once per engine with that engine's own folders (a layer with a folder per engine
 * differs between them); what only another engine's folders hold is checked against the schemas too.
 */
async function lintStage(reader: RepoReader, target: Target, objects: readonly RenderedObject[], store: SchemaStore, profile: RepositoryProfile, options: ValidateRepositoryOptions, cache: RenderCache): Promise<Violation[]> {
  if (profile.engines.length === 0) return lintRenderedStage(target, objects, profile);
  const stageDirs = listStageDirs(reader);
  let linted: ReturnType<typeof lintStageEngines>;
  try {
    linted = lintStageEngines(reader, profile.flavor, profile.engines, stageDirs, stageDirs.indexOf(target.name), cache);
  } catch (error) {
    // Folders the in-process renderer cannot read (the stage itself was rendered by a real kustomize): lint what the stage renders.
    describeFailure(error);
    return lintRenderedStage(target, objects, profile);
  }
  const seen = new Set(objects.map((entry) => entry.file));
  const others = linted.objects.filter((entry) => !seen.has(entry.file));
  const unique = [...new Map(others.map((entry) => [`${entry.file}\n${entry.index}`, entry])).values()];
  const schemaFindings = unique.length > 0 ? await checkSchemas(unique, store, options) : [];
  return [...schemaFindings, ...linted.violations];
}

async function validateTarget(reader: RepoReader, target: Target, rendered: Rendered, store: SchemaStore, profile: RepositoryProfile, options: ValidateRepositoryOptions, cache: RenderCache, builtElsewhere: ReadonlyMap<string, readonly RenderedObject[]>): Promise<StageReport> {
  if ('failure' in rendered) return { stage: target.name, objects: 0, violations: [rendered.failure] };
  const { objects } = rendered;
  // A violation in a field a patch wrote names the patch too: the typo may be there.
  const patchedBy = new Map(objects.map((entry) => [`${entry.file}\n${entry.index}`, entry.patchedBy]));
  const found = (await checkSchemas(objects, store, options)).map((violation) => {
    const patches = patchedBy.get(`${violation.file}\n${violation.index}`) ?? [];
    return patches.length === 0 ? violation : { ...violation, message: `${violation.message} (patches applied to this object: ${patches.join(', ')})` };
  });
  // With --ignore-missing-schemas, objects without a schema are listed as skipped, never silently dropped.
  const skipped: SkippedObject[] = [];
  const violations = found.filter((violation) => {
    if (violation.code !== 'missing-schema' || violation.severity !== 'warning') return true;
    skipped.push({ file: violation.file, kind: violation.kind ?? '?', name: violation.name ?? '?', ...(violation.namespace ? { namespace: violation.namespace } : {}), reason: violation.message });
    return false;
  });
  if (target.stage) violations.push(...(await lintStage(reader, target, objects, store, profile, options, cache)));
  else {
    const engine = GITOPS_ENGINES.find((candidate) => target.dir === bootstrapDir(candidate));
    if (engine) violations.push(...lintBootstrap(reader, profile.flavor, engine, objects, cache, builtElsewhere));
  }
  return { stage: target.name, renderer: rendered.renderer, objects: objects.length, violations, ...(skipped.length > 0 ? { skipped } : {}) };
}

export async function validateRepository(reader: RepoReader, options: ValidateRepositoryOptions): Promise<StageReport[]> {
  const profile = readProfile(reader);
  const targets = listTargets(reader, options.stage);
  const rendered: Rendered[] = [];
  // Each stage chains onto the folders of the stages before it: render each folder once.
  const cache: RenderCache = new Map();
  for (const target of targets) rendered.push(await renderTarget(reader, target, options, cache));
  const kinds = new Map<string, { apiVersion: string; kind: string }>();
  for (const result of rendered) {
    if ('failure' in result) continue;
    for (const { object } of result.objects) {
      if (typeof object?.apiVersion === 'string' && typeof object.kind === 'string') kinds.set(`${object.apiVersion}\n${object.kind}`, { apiVersion: object.apiVersion, kind: object.kind });
    }
  }
  const store = await options.resolveStore([...kinds.values()]);
  const reports: StageReport[] = [];
  // What a real kustomize built (an overlay with fields the in-process renderer lacks), for the bootstraps that point at it.
  const builtElsewhere = new Map<string, readonly RenderedObject[]>();
  for (const [index, target] of targets.entries()) {
    const result = rendered[index];
    if (!('failure' in result) && result.renderer !== 'in-process') builtElsewhere.set(target.dir, result.objects);
  }
  for (const [index, target] of targets.entries()) reports.push(await validateTarget(reader, target, rendered[index], store, profile, options, cache, builtElsewhere));
  // What a bootstrap points at is the newest stage: a finding its stage report has already is not repeated.
  const reported = new Set(reports.filter((_report, index) => targets[index].stage).flatMap((report) => report.violations.map(formatViolationKey)));
  return reports.map((report, index) => (targets[index].stage ? report : { ...report, violations: report.violations.filter((violation) => !reported.has(formatViolationKey(violation))) }));
}
