/**
 * `sockshop-mesh promote [stage]`: move the cluster one stage on.
 *
 * Pin mode (the bootstrap names a stage tag): rewrite the pin in every bootstrap file to the next
 * (or named) stage's tag, as one commit on the main branch whose message carries the rendered
 * change; with --push, push that commit (and the tag, if the remote lacks it). In a class, the pins
 * are each participant's: `--tenant NAME` moves one participant, `--all` every participant one step.
 * Follow mode (the bootstrap follows the tag range): push the next stage's tag, since the engine
 * syncs the highest tag it sees; with --rollback, delete the later tags from the remote instead. A
 * class in follow mode moves together.
 *
 * Every check runs before anything changes; a refused push undoes the local commit.
 */
import { UserError } from '../errors.js';
import { openRepository } from '../repo/open-repository.js';
import { promoteFollowing } from './promote-follow.js';
import { promotePinned } from './promote-pin.js';
import { readPins, selectParticipants, type PromoteOptions, type PromoteResult } from './promotion.js';

export type { PromoteOptions, PromoteResult } from './promotion.js';

export async function promote(options: PromoteOptions): Promise<PromoteResult> {
  const repo = await openRepository(options.dir);
  const tip = repo.refs.branches.get(repo.settings.branch);
  if (!tip) throw new UserError(`the branch ${repo.settings.branch} (from .yo-rc.json) does not exist here.`, `Restore it, or check it out: git switch ${repo.settings.branch}`);
  if (repo.settings.mode === 'follow' && options.tenant !== undefined) {
    throw new UserError(
      `--tenant ${options.tenant}: in follow mode every participant follows the same stage tags, so the class moves together.`,
      'Run `sockshop-mesh promote --all` to move the class; to move participants one by one, generate the class with --mode pin.',
    );
  }
  const participants = repo.settings.mode === 'follow' ? [undefined] : selectParticipants(repo, options);
  const pins = await readPins(repo, tip, participants[0]);
  const result = pins[0].mode === 'follow' ? await promoteFollowing(repo, options, pins) : await promotePinned(repo, options, participants);
  return { ...result, cli: repo.flavor.platform.cli };
}
