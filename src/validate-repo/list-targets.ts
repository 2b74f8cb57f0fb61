/** What `validate` checks in a workshop repository: its stage folders, its bootstrap, its engines. */
import { load } from 'js-yaml';
import { UserError } from '../errors.js';
import type { RepoReader } from '../kustomize/index.js';
import { getFlavor, isFlavorId, LEGACY_FLAVOR } from '../flavors/registry.js';
import type { Flavor } from '../flavors/types.js';
import { ANSWERS_FILE, BOOTSTRAP_DIR, GENERATOR_NAME, parseStageId, STAGES_DIR } from '../layout/layout.js';
import { suggestNearest } from '../settings/rules.js';
import { GITOPS_CHOICES, selectEngines, type GitOpsChoice, type GitOpsEngine } from '../settings/settings.js';

export interface Target {
  /** Report group: the stage id, or `bootstrap/argocd` … */
  name: string;
  dir: string;
  /** Stage folders are linted as stages; bootstrap folders only checked against schemas. */
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
  const bootstraps = (['argocd', 'flux'] as const)
    .map((engine) => `${BOOTSTRAP_DIR}/${engine}`)
    .filter((dir) => reader.readFile(`${dir}/kustomization.yaml`) !== undefined)
    .map((dir) => ({ name: dir, dir, stage: false }));
  return [...stages.map((name) => ({ name, dir: `${STAGES_DIR}/${name}`, stage: true })), ...bootstraps];
}
