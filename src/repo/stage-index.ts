/**
 * The stages of a workshop repository, read from its content: every `stages/NN-name/` folder that
 * a commit of the workshop's branches adds, with that commit, and the stage's tag when this clone
 * has it. Never from the tags alone: a clone of a follow-mode remote holds only the tags pushed so
 * far, and never from today's stage table: a repository keeps the stages it was generated with.
 */
import { formatStageBranch, formatStageId, formatTag, parseStageId, parseTag, STAGE_BRANCH_PREFIX, STAGES_DIR } from '../layout/layout.js';
import { listAdditions, type LocalRefs } from './git-repo.js';

export interface RepoStage {
  number: number;
  slug: string;
  /** `04-sidecar-injection` */
  id: string;
  /** The stage's tag: the newest patch this clone has, or the scheme's name for it. */
  tag: string;
  /** Whether this clone has that tag. */
  tagged: boolean;
  /** The commit of the stage: its tag's, or the commit that added its folder. */
  commit: string;
  /** The first line of the stage's commit (or tag) message, in the repository's language. */
  subject: string;
}

/** Where to look for stages: the main branch (or what the clone knows of it), every stage branch, HEAD. */
export function listStageTips(refs: LocalRefs, branch: string): string[] {
  const tips = new Set<string>(['HEAD']);
  if (refs.branches.has(branch)) tips.add(`refs/heads/${branch}`);
  for (const name of refs.remoteBranches.keys()) {
    const [, rest] = [name.slice(0, name.indexOf('/')), name.slice(name.indexOf('/') + 1)];
    if (rest === branch || rest.startsWith(STAGE_BRANCH_PREFIX)) tips.add(`refs/remotes/${name}`);
  }
  for (const name of refs.branches.keys()) if (name.startsWith(STAGE_BRANCH_PREFIX)) tips.add(`refs/heads/${name}`);
  return [...tips];
}

/** The newest tag of each stage (highest patch), by stage number and slug. */
function findTags(refs: LocalRefs): Map<string, { name: string; commit: string; patch: number }> {
  const found = new Map<string, { name: string; commit: string; patch: number }>();
  for (const [name, commit] of refs.tags) {
    const parsed = parseTag(name);
    if (!parsed) continue;
    const key = formatStageId(parsed);
    const known = found.get(key);
    if (!known || known.patch < parsed.patch) found.set(key, { name, commit, patch: parsed.patch });
  }
  return found;
}

export async function readStageIndex(dir: string, refs: LocalRefs, branch: string): Promise<Map<number, RepoStage>> {
  const tags = findTags(refs);
  const stages = new Map<number, RepoStage>();
  const additions = await listAdditions(dir, listStageTips(refs, branch), STAGES_DIR);
  // git log lists newest first: the last addition of a folder seen is its first.
  for (const { commit, subject, added } of additions) {
    for (const path of added) {
      const match = new RegExp(`^${STAGES_DIR}/([^/]+)/kustomization\\.yaml$`).exec(path);
      const parsed = match && parseStageId(match[1]);
      if (!parsed) continue;
      stages.set(parsed.number, { ...parsed, id: match[1], tag: formatTag(parsed), tagged: false, commit, subject });
    }
  }
  for (const [id, tag] of tags) {
    const parsed = parseStageId(id)!;
    const known = stages.get(parsed.number);
    if (known && known.slug !== parsed.slug) continue;
    stages.set(parsed.number, { ...parsed, id, tag: tag.name, tagged: true, commit: tag.commit, subject: refs.tagSubjects.get(tag.name) || known?.subject || '' });
  }
  return new Map([...stages].sort(([a], [b]) => a - b));
}

/** The review form's stage branches this clone has, by stage number. */
export function findStageBranches(stages: ReadonlyMap<number, RepoStage>, branches: ReadonlyMap<string, string>): Map<number, { name: string; commit: string }> {
  const found = new Map<number, { name: string; commit: string }>();
  for (const stage of stages.values()) {
    const name = formatStageBranch(stage);
    const commit = branches.get(name);
    if (commit) found.set(stage.number, { name, commit });
  }
  return found;
}

/** A stage a user names: number (`4`, `04`), id (`04-sidecar-injection`), name (`sidecar-injection`) or tag. */
export function findRepoStage(stages: ReadonlyMap<number, RepoStage>, input: string): RepoStage | undefined {
  const text = input.trim();
  if (/^\d+$/.test(text)) return stages.get(Number(text));
  const tag = parseTag(text);
  return [...stages.values()].find((stage) => stage.slug === text || stage.id === text || (tag !== undefined && tag.number === stage.number && tag.slug === stage.slug));
}
