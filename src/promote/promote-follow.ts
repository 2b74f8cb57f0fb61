/**
 * Follow mode: the bootstrap follows the stage tag range and the engine syncs the highest tag it
 * sees, so promoting is pushing the next stage's tag (created from the stage's commit when this
 * clone lacks it), and rolling back is deleting the later tags from the remote. Nothing is
 * committed. A class in follow mode moves together: every participant follows the same tags.
 */
import { UserError } from '../errors.js';
import { parseTag } from '../layout/layout.js';
import { findLiveStage } from '../publish/plan-push.js';
import { chooseRemote } from '../publish/publish.js';
import { pushRefs, readRemoteRefs } from '../repo/git-repo.js';
import type { WorkshopRepository } from '../repo/open-repository.js';
import type { Pin } from './bootstrap-pin.js';
import { chooseTarget } from './choose-target.js';
import { ensureStageTag } from './promote-pin.js';
import { renderChange, resolveRequested, type PromoteOptions, type PromoteResult } from './promotion.js';

export async function promoteFollowing(repo: WorkshopRepository, options: PromoteOptions, pins: Pin[]): Promise<PromoteResult> {
  const remote = await chooseRemote(repo.dir, options.remote, 'push the next stage tag to');
  const there = await readRemoteRefs(repo.dir, remote);
  const live = findLiveStage(repo.stages, there.tags);
  if (live === undefined) {
    throw new UserError(`${remote} has no stage tag yet, so no stage is live.`, 'Publish first (sockshop-mesh publish): in follow mode it pushes the first stage tag only.');
  }
  const from = repo.stages.get(live)!;
  const target = chooseTarget({ current: live, requested: resolveRequested(repo, options.stage), stages: repo.stages, skip: Boolean(options.skip), rollback: Boolean(options.rollback) });
  const report = await renderChange(repo, from, target.stage);
  const result: PromoteResult = { mode: 'follow', moves: [{ from, to: target.stage, unchanged: target.unchanged, pins, report }], remote, pushed: [] };
  if (target.unchanged) return result;

  const refspecs: string[] = [];
  if (target.stage.number > live) {
    // Every tag up to the target, so the remote's tags stay a contiguous record of what went live.
    for (const stage of repo.stages.values()) {
      if (stage.number <= live || stage.number > target.stage.number) continue;
      const object = await ensureStageTag(repo, stage);
      const existing = there.tags.get(stage.tag);
      if (existing !== undefined && existing !== object) {
        throw new UserError(`${remote} holds a different tag ${stage.tag}; nothing was pushed.`, `Compare them (git ls-remote ${remote} ${stage.tag}) and resolve it by hand.`);
      }
      if (existing === undefined) refspecs.push(`refs/tags/${stage.tag}:refs/tags/${stage.tag}`);
    }
  } else {
    // Rolling back: the engine follows the highest tag it sees, so the later ones leave the remote.
    for (const name of there.tags.keys()) {
      const parsed = parseTag(name);
      if (parsed && parsed.number > target.stage.number) refspecs.push(`:refs/tags/${name}`);
    }
  }
  if (refspecs.length > 0) await pushRefs(repo.dir, remote, refspecs.sort());
  return { ...result, pushed: refspecs };
}
