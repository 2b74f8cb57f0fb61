/**
 * What `publish` pushes, decided before anything is sent: the main branch, the stage branches of
 * the review form, and the stage tags that the promotion mode allows. A ref the remote already has
 * is skipped; a branch the remote moved elsewhere (diverged) or a tag it holds with other content
 * stops the whole push, unless the user asked for a force-push. Pure.
 */
import { parseTag } from '../layout/layout.js';
import type { RepoStage, StageRef } from '../repo/open-repository.js';
import type { PromotionMode } from '../settings/settings.js';

export interface LocalState {
  /** The branch that holds the baseline (and, in linear form, every stage). */
  mainBranch: string;
  mainCommit: string | undefined;
  stageBranches: ReadonlyMap<number, StageRef>;
  /** Stage tags with the tag object a push sends. */
  stageTags: ReadonlyMap<number, StageRef & { object: string }>;
  /** Every stage the repository holds (from its content). */
  stages: ReadonlyMap<number, RepoStage>;
  mode: PromotionMode;
}

export interface RemoteState {
  branches: ReadonlyMap<string, string>;
  tags: ReadonlyMap<string, string>;
  /** Remote branch tips that are ancestors of the local branch of the same name (fast-forwards). */
  fastForwards: ReadonlySet<string>;
}

export interface PushOptions {
  skipTags: boolean;
  forcePush: boolean;
}

export interface PushPlan {
  refspecs: string[];
  branches: string[];
  tags: string[];
  upToDate: string[];
  /** Why the push cannot go ahead without --force-push; empty when it can. */
  conflicts: string[];
  /** Stage tags kept back (follow mode), and why. */
  heldBack: string[];
  note?: string;
}

/** The highest stage of the repository whose tag (any patch of it) the remote holds, or undefined. */
export function findLiveStage(stages: ReadonlyMap<number, Pick<RepoStage, 'number' | 'slug'>>, remoteTags: ReadonlyMap<string, string>): number | undefined {
  const live = [...remoteTags.keys()]
    .map((name) => parseTag(name))
    .filter((parsed): parsed is NonNullable<typeof parsed> => parsed !== undefined && stages.get(parsed.number)?.slug === parsed.slug)
    .map((parsed) => parsed.number);
  return live.length > 0 ? Math.max(...live) : undefined;
}

export function planPush(local: LocalState, remote: RemoteState, options: PushOptions): PushPlan {
  const plan: PushPlan = { refspecs: [], branches: [], tags: [], upToDate: [], conflicts: [], heldBack: [] };
  const force = options.forcePush ? '+' : '';

  const branches: [string, string][] = [];
  if (local.mainCommit) branches.push([local.mainBranch, local.mainCommit]);
  for (const ref of [...local.stageBranches.values()].sort((a, b) => a.number - b.number)) branches.push([ref.name, ref.commit]);
  for (const [name, commit] of branches) {
    const there = remote.branches.get(name);
    if (there === commit) {
      plan.upToDate.push(name);
      continue;
    }
    if (there !== undefined && !remote.fastForwards.has(name) && !options.forcePush) {
      plan.conflicts.push(`branch ${name}: the remote has commits this repository does not (diverged at ${there.slice(0, 12)})`);
      continue;
    }
    plan.refspecs.push(`${force}refs/heads/${name}:refs/heads/${name}`);
    plan.branches.push(name);
  }

  if (options.skipTags) return plan;
  const tags = [...local.stageTags.values()].sort((a, b) => a.number - b.number);
  // Follow mode: the engine jumps to the highest tag it sees, so publishing never goes past the
  // stage that is live already (the first stage on a fresh remote); `promote` pushes the rest.
  const limit = local.mode === 'follow' ? (findLiveStage(local.stages, remote.tags) ?? tags[0]?.number ?? 0) : Infinity;
  for (const tag of tags) {
    const there = remote.tags.get(tag.name);
    if (there === tag.object) {
      plan.upToDate.push(tag.name);
      continue;
    }
    if (there !== undefined && !options.forcePush) {
      plan.conflicts.push(`tag ${tag.name}: the remote has a different tag of that name`);
      continue;
    }
    if (tag.number > limit) {
      plan.heldBack.push(tag.name);
      continue;
    }
    plan.refspecs.push(`${force}refs/tags/${tag.name}:refs/tags/${tag.name}`);
    plan.tags.push(tag.name);
  }
  if (plan.heldBack.length > 0) {
    const next = [...local.stages.values()].find((stage) => stage.number > limit);
    plan.note = `follow mode: the engine follows the highest stage tag, so later tags go out one at a time; \`sockshop-mesh promote\` pushes ${next ? `${next.tag} (${next.id})` : 'the next one'} next.`;
  }
  return plan;
}
