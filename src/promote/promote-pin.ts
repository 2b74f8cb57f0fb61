/**
 * Pin mode: rewrite the pin in every bootstrap file to the next (or named) stage's tag, as one
 * commit on the main branch whose message carries the rendered change; with --push, push that
 * commit (and the tag, if the remote lacks it). Every check runs before the commit is made, and a
 * refused push undoes it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { chooseRemote, refuseUncommitted } from '../publish/publish.js';
import { commitPaths, isAncestor, pushRefs, readCurrentBranch, readFileAt, readRemoteRefs, resetTo, resolveCommit } from '../repo/git-repo.js';
import type { WorkshopRepository } from '../repo/open-repository.js';
import { STAGES } from '../scenario/stages.js';
import { setPin, type Pin } from './bootstrap-pin.js';
import { chooseTarget } from './choose-target.js';
import { formatPromotionMessage } from './format-promotion.js';
import { renderChange, resolveRequested, type PromoteOptions, type PromoteResult } from './promotion.js';

export async function promotePinned(repo: WorkshopRepository, options: PromoteOptions, pins: Pin[]): Promise<PromoteResult> {
  const branch = repo.settings.branch;
  const current = await readCurrentBranch(repo.dir);
  if (current !== branch) {
    throw new UserError(
      `a promotion is a commit on ${branch}, but ${current ? `the branch ${current}` : 'a detached HEAD'} is checked out.`,
      `Switch first (git switch ${branch}) and run the command again.`,
    );
  }
  await refuseUncommitted(repo.dir, 'a promotion commit');
  const from = STAGES[pins[0].stage!];
  if (!repo.stageTags.has(from.number)) {
    throw new UserError(`the bootstrap pins ${pins[0].value}, a tag this repository does not have.`, 'Fetch the tags (git fetch --tags) or pin a stage tag that exists, commit, and run the command again.');
  }
  const target = chooseTarget({
    current: from.number,
    requested: resolveRequested(options.stage),
    available: [...repo.stageTags.keys()],
    skip: Boolean(options.skip),
    rollback: Boolean(options.rollback),
  });
  const report = await renderChange(repo, from, target.stage);
  const result: PromoteResult = { mode: 'pin', from, to: target.stage, unchanged: target.unchanged, pins, pushed: [], report };
  if (target.unchanged) return result;

  const tag = repo.stageTags.get(target.stage.number)!;
  const head = (await resolveCommit(repo.dir, 'HEAD'))!;
  const edits = new Map<string, string>();
  for (const pin of pins) edits.set(pin.file, setPin((await readFileAt(repo.dir, head, pin.file))!, pin, tag.name));

  // With --push, everything the push needs is checked before the commit is made.
  let remote: string | undefined;
  const refspecs: string[] = [];
  if (options.push) {
    remote = await chooseRemote(repo.dir, options.remote, 'push the promotion to');
    const there = await readRemoteRefs(repo.dir, remote);
    const remoteMain = there.branches.get(branch);
    if (remoteMain && !(await isAncestor(repo.dir, remoteMain, head))) {
      throw new UserError(
        `${remote} has commits on ${branch} that this repository does not; nothing was changed.`,
        `Bring them in first (git pull ${remote} ${branch}), then promote again.`,
      );
    }
    refspecs.push(`refs/heads/${branch}:refs/heads/${branch}`);
    if (!there.tags.has(tag.name)) refspecs.push(`refs/tags/${tag.name}:refs/tags/${tag.name}`);
  }

  for (const [file, text] of edits) writeFileSync(join(repo.dir, file), text);
  const message = formatPromotionMessage(from, target.stage, pins, report.objects);
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
