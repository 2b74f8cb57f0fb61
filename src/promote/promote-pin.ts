/**
 * Pin mode: rewrite the pin of every bootstrap file of each participant promoted (or of the
 * repository) to their next (or named) stage's tag, as one commit on the main branch whose message
 * carries the rendered change; with --push, push that commit (and the tags the remote lacks). Every
 * check runs before the commit is made, and a refused push undoes it. A clone that lacks a stage's
 * tag (only the stage's commit) gets it created first, as the generator writes it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { chooseRemote, refuseUncommitted } from '../publish/publish.js';
import { commitPaths, createTag, isAncestor, pushRefs, readCurrentBranch, readFileAt, readRemoteRefs, resetTo, resolveCommit } from '../repo/git-repo.js';
import type { WorkshopRepository } from '../repo/open-repository.js';
import type { RepoStage } from '../repo/stage-index.js';
import { setPin } from './bootstrap-pin.js';
import { chooseTarget } from './choose-target.js';
import { formatPromotionMessage } from './format-promotion.js';
import { findPinnedStage, readPins, renderChange, resolveRequested, type Move, type PromoteOptions, type PromoteResult } from './promotion.js';

/** The stage's tag, created at the stage's commit when this clone does not have it. */
export async function ensureStageTag(repo: WorkshopRepository, stage: RepoStage): Promise<string> {
  const existing = repo.refs.tagObjects.get(stage.tag);
  if (existing) return existing;
  const object = await createTag(repo.dir, stage.tag, stage.commit, `${stage.subject}\n`);
  repo.refs.tags.set(stage.tag, stage.commit);
  repo.refs.tagObjects.set(stage.tag, object);
  return object;
}

export async function promotePinned(repo: WorkshopRepository, options: PromoteOptions, participants: readonly (string | undefined)[]): Promise<PromoteResult> {
  const branch = repo.settings.branch;
  const current = await readCurrentBranch(repo.dir);
  if (current !== branch) {
    throw new UserError(
      `a promotion is a commit on ${branch}, but ${current ? `the branch ${current}` : 'a detached HEAD'} is checked out.`,
      `Switch first (git switch ${branch}) and run the command again.`,
    );
  }
  await refuseUncommitted(repo.dir, 'a promotion commit');
  const head = (await resolveCommit(repo.dir, 'HEAD'))!;
  const requested = resolveRequested(repo, options.stage);

  const moves: Move[] = [];
  const edits = new Map<string, string>();
  for (const participant of participants) {
    const pins = await readPins(repo, head, participant);
    const from = findPinnedStage(repo, pins[0]);
    const target = chooseTarget({ current: from.number, requested, stages: repo.stages, skip: Boolean(options.skip), rollback: Boolean(options.rollback), who: participant });
    const report = await renderChange(repo, from, target.stage, participant);
    moves.push({ participant, from, to: target.stage, unchanged: target.unchanged, pins, report });
    if (target.unchanged) continue;
    for (const pin of pins) edits.set(pin.file, setPin(edits.get(pin.file) ?? (await readFileAt(repo.dir, head, pin.file))!, pin, target.stage.tag));
  }
  const result: PromoteResult = { mode: 'pin', moves, pushed: [] };
  if (edits.size === 0) return result;

  const targets = [...new Map(moves.filter((move) => !move.unchanged).map((move) => [move.to.number, move.to])).values()];
  // With --push, everything the push needs is checked before the commit is made.
  let remote: string | undefined;
  const refspecs: string[] = [];
  if (options.push) {
    remote = await chooseRemote(repo.dir, options.remote, 'push the promotion to');
    const there = await readRemoteRefs(repo.dir, remote);
    const remoteMain = there.branches.get(branch);
    if (remoteMain && !(await isAncestor(repo.dir, remoteMain, head))) {
      throw new UserError(`${remote} has commits on ${branch} that this repository does not; nothing was changed.`, `Bring them in first (git pull ${remote} ${branch}), then promote again.`);
    }
    refspecs.push(`refs/heads/${branch}:refs/heads/${branch}`);
    for (const stage of targets) if (!there.tags.has(stage.tag)) refspecs.push(`refs/tags/${stage.tag}:refs/tags/${stage.tag}`);
  }
  for (const stage of targets) await ensureStageTag(repo, stage);

  for (const [file, text] of edits) writeFileSync(join(repo.dir, file), text);
  const message = formatPromotionMessage(moves.filter((move) => !move.unchanged).map((move) => ({ ...move, objects: move.report.objects })), repo.settings.lang);
  let commit: string;
  try {
    commit = await commitPaths(repo.dir, [...edits.keys()], message);
  } catch (error) {
    await resetTo(repo.dir, head);
    throw error;
  }
  if (remote) {
    try {
      await pushRefs(repo.dir, remote, refspecs);
    } catch (error) {
      // The tree was clean before the edit, so going back to the previous commit loses nothing.
      await resetTo(repo.dir, head);
      if (error instanceof UserError) throw new UserError(`${error.message}\nThe promotion commit was undone; nothing changed here either.`, error.hint);
      throw error;
    }
  }
  return { ...result, commit, ...(remote ? { remote } : {}), pushed: refspecs };
}
