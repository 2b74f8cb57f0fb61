/** What `validate` checks in a workshop repository: its stage folders, its bootstrap, its engines. */
import { load } from 'js-yaml';
import { UserError } from '../errors.js';
import type { RepoReader } from '../kustomize/index.js';
import { getFlavor, isFlavorId, LEGACY_FLAVOR } from '../flavors/registry.js';
import type { Flavor } from '../flavors/types.js';
import { ANSWERS_FILE, BOOTSTRAP_DIR, ENTRY_DIR, GENERATOR_NAME, PARTICIPANT_VALUES_DIR, parseStageId, STAGES_DIR, TENANTS_DIR } from '../layout/layout.js';
import { suggestNearest } from '../settings/rules.js';
import { GITOPS_CHOICES, selectEngines, type GitOpsChoice, type GitOpsEngine } from '../settings/settings.js';

export interface Target {
  /** Report group: the stage id, or the folder (`cluster/platform`, `tenants/user7`, `bootstrap/argocd` …). */
  name: string;
  dir: string;
  /** Stage folders are linted as stages; entry points and bootstrap folders only checked against schemas. */
  stage: boolean;
}

export function listStageDirs(reader: RepoReader): string[] {
  if (!reader.isDir(STAGES_DIR) || !reader.list) {
    throw new UserError(`no ${STAGES_DIR}/ folder here: this is not a workshop repository.`, 'Run `sockshop-mesh validate DIR` on a repository made by `sockshop-mesh new`.');
  }
  return reader
    .list(STAGES_DIR)
    .filter((name) => reader.readFile(`${STAGES_DIR}/${name}/kustomization.yaml`) !== undefined)
    .sort();
}

export interface RepositoryProfile {
  /** The flavor it was generated for; `ossm2` for a repository that predates flavors. */
  flavor: Flavor;
  engines: GitOpsEngine[];
}

function readAnswers(reader: RepoReader): Record<string, unknown> {
  const text = reader.readFile(ANSWERS_FILE);
  if (text === undefined) return {};
  try {
    const answers = (load(text) as Record<string, Record<string, unknown>>)[GENERATOR_NAME];
    return answers && typeof answers === 'object' ? answers : {};
  } catch {
    // An unreadable answers file falls through to what the folders show.
    return {};
  }
}

/** What a repository was generated for: its saved answers, else what its folders show. */
export function readProfile(reader: RepoReader): RepositoryProfile {
  const answers = readAnswers(reader);
  const flavor = getFlavor(isFlavorId(answers.flavor) ? answers.flavor : LEGACY_FLAVOR);
  const engines = (GITOPS_CHOICES as readonly unknown[]).includes(answers.gitops)
    ? selectEngines(answers.gitops as GitOpsChoice)
    : (['argocd', 'flux'] as const).filter((engine) => reader.isDir(`${BOOTSTRAP_DIR}/${engine}`));
  return { flavor, engines };
}

export function listTargets(reader: RepoReader, onlyStage?: string): Target[] {
  const stages = listStageDirs(reader);
  if (onlyStage !== undefined) {
    const text = onlyStage.trim();
    const name = stages.find((dir) => {
      const parsed = parseStageId(dir);
      return dir === text || parsed?.slug === text || (/^\d+$/.test(text) && parsed?.number === Number(text));
    });
    if (!name) {
      const near = suggestNearest(onlyStage, stages);
      throw new UserError(`--stage ${JSON.stringify(onlyStage)}: no such stage in this repository${near ? ` (did you mean ${near}?)` : ''}`, `Stages here: ${stages.join(', ')}.`);
    }
    return [{ name, dir: `${STAGES_DIR}/${name}`, stage: true }];
  }
  const entries = listEntryPoints(reader).map((dir) => ({ name: dir, dir, stage: false }));
  const bootstraps = (['argocd', 'flux'] as const)
    .map((engine) => `${BOOTSTRAP_DIR}/${engine}`)
    .filter((dir) => reader.readFile(`${dir}/kustomization.yaml`) !== undefined)
    .map((dir) => ({ name: dir, dir, stage: false }));
  return [...stages.map((name) => ({ name, dir: `${STAGES_DIR}/${name}`, stage: true })), ...entries, ...bootstraps];
}

/** The folders under `dir` (itself included) that hold a kustomization, down to `depth` levels. */
function listKustomizations(reader: RepoReader, dir: string, depth: number, skip: readonly string[] = []): string[] {
  if (!reader.isDir(dir)) return [];
  const own = reader.readFile(`${dir}/kustomization.yaml`) !== undefined ? [dir] : [];
  if (depth === 0 || !reader.list) return own;
  const children = reader
    .list(dir)
    .filter((name) => !skip.includes(name) && reader.isDir(`${dir}/${name}`))
    .flatMap((name) => listKustomizations(reader, `${dir}/${name}`, depth - 1));
  return [...own, ...children];
}

/**
 * What the engines sync besides the stage folders: the entry point `cluster/` and its layer folders
 * (`cluster/<layer>`, `cluster/<layer>/<engine>`) and, in a class, each participant's folder and its
 * layer folders (`tenants/<participant>`, `tenants/<participant>/<layer>`; their `values/` is only
 * read through them). A hand edit there breaks what the cluster applies even when every stage builds.
 */
export function listEntryPoints(reader: RepoReader): string[] {
  const tenants = reader.isDir(TENANTS_DIR) && reader.list ? reader.list(TENANTS_DIR).map((name) => `${TENANTS_DIR}/${name}`) : [];
  return [...listKustomizations(reader, ENTRY_DIR, 2), ...tenants.flatMap((dir) => listKustomizations(reader, dir, 1, [PARTICIPANT_VALUES_DIR]))];
}
