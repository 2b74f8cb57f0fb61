/**
 * The objects a revision of a workshop repository renders to, and the stage it holds (its newest
 * `stages/NN-name/` folder).
 *
 * renderFromTree builds the revision itself with the in-process kustomize of src/kustomize, which
 * falls back to a real kustomize for anything outside its subset; so a manifest edited by hand shows
 * as it is. What it builds is what the engines sync: `cluster/` for one participant; for a class,
 * one participant's `tenants/<name>/` (what their pin moves; the shared parts under `cluster/` follow
 * the class's pin), or without a participant the whole stage folder (written for the placeholder
 * participant). Only when neither renderer can
 * build the revision (no kustomize installed) does renderRevision re-plan it from the answers in its
 * `.yo-rc.json`, and it says so in a note.
 */
import { createHash } from 'node:crypto';
import { MissingToolError, UserError } from '../errors.js';
import { sortObjects } from '../diff/compare-objects.js';
import { readGitRevision, renderStage, type GitRevisionReader, type RenderedObject, type RepoReader } from '../kustomize/index.js';
import { ENTRY_DIR, formatTag, PARTICIPANT_COMPONENT_DIR, parseStageId, STAGES_DIR, TENANTS_DIR, tenantDir } from '../layout/layout.js';
import { planStages, type StagePlan } from '../plan/plan-stages.js';
import type { KubeObject } from '../render/manifest.js';
import type { Settings } from '../settings/settings.js';
import { listBlobs, listFolder } from './git-repo.js';
import { readSettingsAt } from './open-repository.js';

export interface RevisionStage {
  number: number;
  slug: string;
  id: string;
}

export interface RenderedRevision {
  commit: string;
  stage: RevisionStage;
  objects: readonly KubeObject[];
  /** What the reader should know about how the objects were obtained. */
  notes: string[];
}

/** Which part of a revision to render: a class participant's view, or the repository's default. */
export interface RenderView {
  participant?: string;
}

export type RevisionRenderer = (dir: string, commit: string, shown: string, view?: RenderView) => Promise<RenderedRevision>;

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

/** The folders whose manifests decide what a revision renders (a class adds its tenants and component). */
const RENDERED_FOLDERS = [ENTRY_DIR, STAGES_DIR, TENANTS_DIR, PARTICIPANT_COMPONENT_DIR];

/** The manifests of a revision that differ from what its answers generate (edited, added or removed by hand). */
async function findHandEdits(dir: string, commit: string, plan: StagePlan): Promise<string[]> {
  const manifest = (path: string) => path.endsWith('.yaml') && RENDERED_FOLDERS.some((folder) => path.startsWith(`${folder}/`));
  const actual = new Map([...(await listBlobs(dir, commit, RENDERED_FOLDERS))].filter(([path]) => manifest(path)));
  const expected = new Map([...plan.files].filter(([path]) => manifest(path)).map(([path, text]) => [path, hashBlob(text)]));
  return [...new Set([...actual.keys(), ...expected.keys()])].filter((path) => actual.get(path) !== expected.get(path)).sort();
}

/** The newest stage whose folder a tree holds. */
export function findNewestStage(folders: readonly string[]): RevisionStage | undefined {
  return folders
    .map((id) => ({ id, parsed: parseStageId(id) }))
    .filter((entry) => entry.parsed !== undefined)
    .map(({ id, parsed }) => ({ id, number: parsed!.number, slug: parsed!.slug }))
    .sort((a, b) => b.number - a.number)[0];
}

function noStage(shown: string): UserError {
  return new UserError(`${shown} holds no stage folder under ${STAGES_DIR}/, so it renders nothing.`, 'Give a stage tag, a stage branch or a stage number.');
}

export const renderFromAnswers: RevisionRenderer = async (dir, commit, shown, view = {}) => {
  const settings = await readSettingsAt(dir, commit, shown);
  const stage = findNewestStage(await listFolder(dir, commit, STAGES_DIR));
  if (!stage) throw noStage(shown);
  const plans = planFor({ ...settings, until: Math.max(settings.until, stage.number) });
  const plan = plans.find((candidate) => candidate.stage.number === stage.number && candidate.stage.slug === stage.slug);
  if (!plan) throw new UserError(`${shown}: stage ${stage.id} is not a stage of today's ${settings.flavor} workshop, and no kustomize is installed to build it as it is.`, 'Install kustomize or kubectl and run the command again.');
  const notes = view.participant ? [`${shown}: the objects are the shared stage's, written for the placeholder participant, not ${view.participant}'s.`] : [];
  const edited = await findHandEdits(dir, commit, plan);
  if (edited.length > 0) {
    notes.push(
      `${shown}: ${edited.length} manifest file(s) differ from what its answers generate for stage ${stage.id} (${formatTag(stage)}), e.g. ${edited[0]}; the objects shown are the generated ones, not a build of the edited files.`,
    );
  }
  return { commit, stage, objects: plan.objects, notes };
};

async function renderFolders(reader: RepoReader, folders: readonly string[]): Promise<{ objects: RenderedObject[]; notes: string[] }> {
  const objects: RenderedObject[] = [];
  const notes: string[] = [];
  const cache = new Map();
  for (const folder of folders) {
    const render = await renderStage(reader, folder, { fallback: true, cache });
    objects.push(...render.objects);
    if (render.renderer !== 'in-process') notes.push(`${folder} built with ${render.renderer}, since ${render.fallbackReason}`);
  }
  return { objects, notes };
}

/** Revisions read lately, by repository and commit: a commit never changes, and status and promote render the same ones per participant. */
const readers = new Map<string, Promise<GitRevisionReader>>();
const READERS_KEPT = 8;

function readRevision(dir: string, commit: string): Promise<GitRevisionReader> {
  const key = `${dir}\0${commit}`;
  let reader = readers.get(key);
  if (reader && /^[0-9a-f]{40,64}$/.test(commit)) {
    readers.delete(key);
  } else {
    reader = readGitRevision(dir, commit);
    // Only a full commit id names one tree for good; anything else is read afresh each time.
    if (!/^[0-9a-f]{40,64}$/.test(commit)) return reader;
    reader.catch(() => readers.delete(key));
  }
  readers.set(key, reader);
  while (readers.size > READERS_KEPT) readers.delete(readers.keys().next().value!);
  return reader;
}

export const renderFromTree: RevisionRenderer = async (dir, commit, shown, view = {}) => {
  const reader = await readRevision(dir, commit);
  const stage = findNewestStage(reader.list(STAGES_DIR));
  if (!stage) throw noStage(shown);
  const isClass = reader.isDir(TENANTS_DIR);
  let folders: string[];
  if (view.participant !== undefined) {
    const own = tenantDir(view.participant);
    if (!reader.isDir(own)) {
      throw new UserError(`${shown} has no participant ${JSON.stringify(view.participant)} (no ${own}/).`, `Participants: ${reader.list(TENANTS_DIR).join(', ') || '(none: a repository for one participant)'}.`);
    }
    // Argo CD syncs the participant's folder; Flux syncs one folder per layer in it.
    const layers = reader.readFile(`${own}/kustomization.yaml`) !== undefined
      ? [own]
      : reader.list(own).filter((name) => name !== 'values' && reader.readFile(`${own}/${name}/kustomization.yaml`) !== undefined).map((name) => `${own}/${name}`);
    // Only what the participant's pin moves: the shared parts under cluster/ follow the class's own
    // pin (the last stage, installed once for everybody), so they never change with a participant.
    folders = layers;
  } else {
    folders = [isClass ? `${STAGES_DIR}/${stage.id}` : ENTRY_DIR];
  }
  const { objects, notes } = await renderFolders(reader, folders);
  return { commit, stage, objects: sortObjects(objects.map((rendered) => rendered.object)), notes: notes.map((note) => `${shown}: ${note}`) };
};

/** The revision built as it is; re-planned from its answers only when no kustomize can build it. */
export const renderRevision: RevisionRenderer = async (dir, commit, shown, view) => {
  try {
    return await renderFromTree(dir, commit, shown, view);
  } catch (error) {
    if (!(error instanceof MissingToolError)) throw error;
    const planned = await renderFromAnswers(dir, commit, shown, view);
    return { ...planned, notes: [`${shown}: ${error.message} The objects shown are what its answers generate.`, ...planned.notes] };
  }
};
