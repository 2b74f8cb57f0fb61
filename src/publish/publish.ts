/**
 * `sockshop-mesh publish`: push the main branch, the stage branches and the stage tags to a remote
 * in one atomic push, after checking that nothing there would be overwritten, then list the pull
 * requests to open, one per stage, in order.
 */
import { UserError } from '../errors.js';
import { hasCredentials, redactCredentials } from '../util/redact.js';
import { addRemote, isAncestor, pushRefs, readChanges, readRemoteRefs, readRemoteUrl } from '../repo/git-repo.js';
import { openRepository, type RepoStage, type WorkshopRepository } from '../repo/open-repository.js';
import { planPush, type LocalState, type PushPlan } from './plan-push.js';
import { formatPullRequestUrl, parseWebRepository, type WebRepository } from './pull-request-urls.js';

export const ORIGIN = 'origin';

export interface PublishOptions {
  dir: string;
  /** The remote URL; the repository's `origin` when absent. */
  remote?: string;
  skipTags?: boolean;
  forcePush?: boolean;
}

export interface PullRequestStep {
  stage: RepoStage;
  head: string;
  base: string;
  url?: string;
}

export interface PublishResult {
  remote: string;
  plan: PushPlan;
  web?: WebRepository;
  pullRequests: PullRequestStep[];
  /** True when the remote was given with --remote and became the repository's `origin`. */
  addedOrigin: boolean;
}

export async function refuseUncommitted(dir: string, action: string): Promise<void> {
  const changes = await readChanges(dir);
  if (changes.length === 0) return;
  throw new UserError(
    `${dir} has uncommitted changes, so ${action} would not match what you see:\n${changes.slice(0, 5).map((line) => `  ${line}`).join('\n')}${changes.length > 5 ? `\n  … ${changes.length - 5} more` : ''}`,
    'Commit them (git add … && git commit) or stash them (git stash), then run the command again. Nothing was changed.',
  );
}

/** The remote to talk to: the one given, else the repository's origin. */
/** A --remote holding a password or token is refused before anything runs: it would be printed and stored. */
export function refuseCredentials(given: string | undefined): void {
  if (given === undefined || !hasCredentials(given)) return;
  throw new UserError(
    `--remote ${redactCredentials(given)}: the URL holds credentials, which would be printed and stored in .git/config; nothing was done.`,
    'Give the URL without them (https://host/org/repo.git) and let git ask a credential helper for them: `git config --global credential.helper store` (or cache, or osxkeychain / manager), or `gh auth setup-git` for GitHub, or use an SSH URL.',
  );
}

export async function chooseRemote(dir: string, given: string | undefined, purpose = 'publish to'): Promise<string> {
  refuseCredentials(given);
  if (given) return given;
  const origin = await readRemoteUrl(dir, ORIGIN);
  if (origin) return origin;
  throw new UserError(
    `no remote to ${purpose}: the repository has no origin.`,
    'Give one with --remote URL (e.g. --remote git@github.com:your-org/sockshop-mesh-workshop.git); `sockshop-mesh publish --remote URL` also makes it the origin.',
  );
}

/** Stage branches and their bases, in stage order: stage/01 -> main, stage/02 -> stage/01, … */
export function listPullRequests(repo: Pick<WorkshopRepository, 'stageBranches' | 'settings' | 'stages'>, web: WebRepository | undefined): PullRequestStep[] {
  return [...repo.stageBranches.values()]
    .sort((a, b) => a.number - b.number)
    .map((ref) => {
      const stage = repo.stages.get(ref.number)!;
      const previous = repo.stageBranches.get(ref.number - 1);
      const base = previous ? previous.name : repo.settings.branch;
      return { stage, head: ref.name, base, ...(web ? { url: formatPullRequestUrl(web, ref.name, base) } : {}) };
    });
}

export async function describeLocal(repo: WorkshopRepository): Promise<LocalState> {
  const mainCommit = repo.refs.branches.get(repo.settings.branch);
  if (!mainCommit) throw new UserError(`the branch ${repo.settings.branch} (from .yo-rc.json) does not exist here.`, `Check out the workshop's branch (git switch ${repo.settings.branch}) or restore it.`);
  const stageTags = new Map([...repo.stageTags].map(([number, ref]) => [number, { ...ref, object: repo.refs.tagObjects.get(ref.name)! }]));
  return { mainBranch: repo.settings.branch, mainCommit, stageBranches: repo.stageBranches, stageTags, stages: repo.stages, mode: repo.settings.mode };
}

export async function publishRepository(options: PublishOptions): Promise<PublishResult> {
  const repo = await openRepository(options.dir);
  await refuseUncommitted(repo.dir, 'publishing');
  const remote = await chooseRemote(repo.dir, options.remote);
  const remoteRefs = await readRemoteRefs(repo.dir, remote);
  const local = await describeLocal(repo);

  const fastForwards = new Set<string>();
  const branches = new Map([[local.mainBranch, local.mainCommit!], ...[...local.stageBranches.values()].map((ref) => [ref.name, ref.commit] as const)]);
  for (const [name, commit] of branches) {
    const there = remoteRefs.branches.get(name);
    if (there && there !== commit && (await isAncestor(repo.dir, there, commit))) fastForwards.add(name);
  }

  const plan = planPush(local, { ...remoteRefs, fastForwards }, { skipTags: Boolean(options.skipTags), forcePush: Boolean(options.forcePush) });
  if (plan.conflicts.length > 0) {
    throw new UserError(
      `publishing would overwrite work on ${remote}; nothing was pushed:\n${plan.conflicts.map((line) => `  ${line}`).join('\n')}`,
      `Bring the remote's commits in first (git fetch ${remote} && git merge FETCH_HEAD on the branch named above), or, to replace what the remote holds, run again with --force-push (its commits are lost).`,
    );
  }
  if (plan.refspecs.length > 0) await pushRefs(repo.dir, remote, plan.refspecs);

  let addedOrigin = false;
  if (options.remote && !(await readRemoteUrl(repo.dir, ORIGIN))) {
    await addRemote(repo.dir, ORIGIN, options.remote);
    addedOrigin = true;
  }
  const web = parseWebRepository(remote);
  return { remote, plan, ...(web ? { web } : {}), pullRequests: listPullRequests(repo, web), addedOrigin };
}
