/**
 * Follow mode: the bootstrap follows the stage tag range and the engine syncs the highest tag it
 * sees, so promoting is pushing the next stage's tag, and rolling back is deleting the later tags
 * from the remote. Nothing is committed.
 */
import { UserError } from '../errors.js';
import { parseTag } from '../layout/layout.js';
import { findLiveStage } from '../publish/plan-push.js';
import { chooseRemote } from '../publish/publish.js';
import { pushRefs, readRemoteRefs } from '../repo/git-repo.js';
import type { WorkshopRepository } from '../repo/open-repository.js';
import { STAGES } from '../scenario/stages.js';
import type { Pin } from './bootstrap-pin.js';
import { chooseTarget } from './choose-target.js';
import { renderChange, resolveRequested, type PromoteOptions, type PromoteResult } from './promotion.js';

export async function promoteFollowing(repo: WorkshopRepository, options: PromoteOptions, pins: Pin[]): Promise<PromoteResult> {
  const remote = await chooseRemote(repo.dir, options.remote, 'push the next stage tag to');
  const there = await readRemoteRefs(repo.dir, remote);
  const live = findLiveStage(repo.stageTags, there.tags);
  if (live === undefined) {
    throw new UserError(`${remote} has no stage tag yet, so no stage is live.`, 'Publish first (sockshop-mesh publish): in follow mode it pushes the first stage tag only.');
  }
  const from = STAGES[live];
  const target = chooseTarget({
    current: live,
    requested: resolveRequested(options.stage),
    available: [...repo.stageTags.keys()],
    skip: Boolean(options.skip),
    rollback: Boolean(options.rollback),
  });
  const report = await renderChange(repo, from, target.stage);
  const result: PromoteResult = { mode: 'follow', from, to: target.stage, unchanged: target.unchanged, pins, remote, pushed: [], report };
  if (target.unchanged) return result;

  const refspecs: string[] = [];
  if (target.stage.number > live) {
    // Every tag up to the target, so the remote's tags stay a contiguous record of what went live.
    for (const ref of [...repo.stageTags.values()].sort((a, b) => a.number - b.number)) {
      if (ref.number <= live || ref.number > target.stage.number) continue;
      const object = repo.refs.tagObjects.get(ref.name)!;
      const existing = there.tags.get(ref.name);
      if (existing !== undefined && existing !== object) {
        throw new UserError(`${remote} holds a different tag ${ref.name}; nothing was pushed.`, `Compare them (git ls-remote ${remote} ${ref.name}) and resolve it by hand.`);
      }
      if (existing === undefined) refspecs.push(`refs/tags/${ref.name}:refs/tags/${ref.name}`);
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
