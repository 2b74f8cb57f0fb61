/**
 * The objects a revision of a workshop repository renders to, and the stage it holds (its newest
 * `stages/NN-name/` folder).
 *
 * renderFromTree builds the revision's own entry point (`cluster/`) with the in-process kustomize
 * of src/kustomize, which falls back to a real kustomize for anything outside its subset; so a
 * manifest edited by hand shows in the diff as it is. Only when neither can build the revision
 * (no kustomize installed) does renderRevision re-plan instead: the repository was generated from
 * the answers in its `.yo-rc.json`, so renderFromAnswers renders what those answers generate for
 * that stage, and says in a note when the revision's manifests differ from them.
 */
import { createHash } from 'node:crypto';
import { MissingToolError, UserError } from '../errors.js';
import { readGitRevision, renderStage } from '../kustomize/index.js';
import { ENTRY_DIR, formatStageId, formatTag, STAGES_DIR } from '../layout/layout.js';
import { sortObjects } from '../plan/compare-objects.js';
import { planStages, type StagePlan } from '../plan/plan-stages.js';
import type { KubeObject } from '../render/manifest.js';
import { STAGES, type StageDefinition } from '../scenario/stages.js';
import type { Settings } from '../settings/settings.js';
import { listBlobs, listFolder } from './git-repo.js';
import { readSettingsAt } from './open-repository.js';

export interface RenderedRevision {
  commit: string;
  stage: StageDefinition;
  objects: readonly KubeObject[];
  /** What the reader should know about how the objects were obtained. */
  notes: string[];
}

export type RevisionRenderer = (dir: string, commit: string, shown: string) => Promise<RenderedRevision>;

const planCache = new Map<string, StagePlan[]>();

/** The plans of a settings value, computed once per process. */
export function planFor(settings: Settings): StagePlan[] {
  const key = JSON.stringify(settings);
  let plans = planCache.get(key);
  if (!plans) {
    plans = planStages(settings);
    planCache.set(key, plans);
  }
  return plans;
}

/** The blob id git gives a file's content. */
export function hashBlob(text: string): string {
  const body = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
}

/** The newest stage whose folder a tree holds. */
export function findNewestStage(folders: readonly string[]): StageDefinition | undefined {
  const present = new Set(folders);
  return [...STAGES].reverse().find((stage) => present.has(formatStageId(stage)));
}

export const renderFromAnswers: RevisionRenderer = async (dir, commit, shown) => {
  const settings = await readSettingsAt(dir, commit, shown);
  const stage = findNewestStage(await listFolder(dir, commit, STAGES_DIR));
  if (!stage) throw new UserError(`${shown} holds no stage folder under ${STAGES_DIR}/, so it renders nothing.`, 'Give a stage tag, a stage branch or a stage number.');
  const plan = planFor({ ...settings, until: Math.max(settings.until, stage.number) })[stage.number];

  const notes: string[] = [];
  const actual = await listBlobs(dir, commit, [ENTRY_DIR, STAGES_DIR]);
  const manifests = (paths: Iterable<string>) => [...paths].filter((path) => path.endsWith('.yaml') && (path.startsWith(`${ENTRY_DIR}/`) || path.startsWith(`${STAGES_DIR}/`)));
  const expected = new Map(manifests(plan.files.keys()).map((path) => [path, hashBlob(plan.files.get(path)!)]));
  const differing = [...new Set([...manifests(actual.keys()), ...expected.keys()])].filter((path) => actual.get(path) !== expected.get(path)).sort();
  if (differing.length > 0) {
    notes.push(
      `${shown}: ${differing.length} manifest file(s) differ from what its answers generate for stage ${formatStageId(stage)} (${formatTag(stage)}), e.g. ${differing[0]}; the objects shown are the generated ones, not a build of the edited files.`,
    );
  }
  return { commit, stage, objects: plan.objects, notes };
};

export const renderFromTree: RevisionRenderer = async (dir, commit, shown) => {
  const reader = await readGitRevision(dir, commit);
  const stage = findNewestStage(reader.list(STAGES_DIR));
  if (!stage) throw new UserError(`${shown} holds no stage folder under ${STAGES_DIR}/, so it renders nothing.`, 'Give a stage tag, a stage branch or a stage number.');
  const render = await renderStage(reader, ENTRY_DIR, { fallback: true });
  const notes = render.renderer === 'in-process' ? [] : [`${shown}: built with ${render.renderer}, since ${render.fallbackReason}`];
  return { commit, stage, objects: sortObjects(render.objects.map((rendered) => rendered.object)), notes };
};

/** The revision built as it is; re-planned from its answers only when no kustomize can build it. */
export const renderRevision: RevisionRenderer = async (dir, commit, shown) => {
  try {
    return await renderFromTree(dir, commit, shown);
  } catch (error) {
    if (!(error instanceof MissingToolError)) throw error;
    const planned = await renderFromAnswers(dir, commit, shown);
    return { ...planned, notes: [`${shown}: ${error.message} The objects shown are what its answers generate.`, ...planned.notes] };
  }
};
