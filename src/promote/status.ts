/**
 * `sockshop-mesh status`: which stage is live and what the next promotion would change. Pin mode
 * reads the pin on the main branch (and says whether the remote has that commit yet); follow mode
 * asks the remote for its highest stage tag, since that is what the engine syncs.
 */
import type { DiffReport } from '../diff/format-diff.js';
import { compareSides, renderSide } from '../diff/diff-revisions.js';
import { UserError } from '../errors.js';
import { findLiveStage } from '../publish/plan-push.js';
import { chooseRemote, ORIGIN } from '../publish/publish.js';
import { readRemoteRefs, readRemoteUrl } from '../repo/git-repo.js';
import { openRepository } from '../repo/open-repository.js';
import { STAGES, type StageDefinition } from '../scenario/stages.js';
import type { PromotionMode } from '../settings/settings.js';
import type { Pin } from './bootstrap-pin.js';
import { readPins } from './promotion.js';

export interface StatusOptions {
  dir: string;
  remote?: string;
}

export interface StatusResult {
  mode: PromotionMode;
  pins: Pin[];
  /** The live stage, or undefined when nothing is live yet (follow mode, nothing pushed). */
  live?: StageDefinition;
  liveTag?: string;
  /** Where the live stage was read from. */
  source: string;
  remote?: string;
  next?: StageDefinition;
  nextTag?: string;
  /** What promoting to the next stage changes, rendered. */
  nextChange?: DiffReport;
  notes: string[];
}

export async function readStatus(options: StatusOptions): Promise<StatusResult> {
  const repo = await openRepository(options.dir);
  const branch = repo.settings.branch;
  const tip = repo.refs.branches.get(branch);
  if (!tip) throw new UserError(`the branch ${branch} (from .yo-rc.json) does not exist here.`, `Restore it, or check it out: git switch ${branch}`);
  const pins = await readPins(repo, tip);
  const mode = pins[0].mode;
  const notes: string[] = [];

  let live: number | undefined;
  let source: string;
  let remote: string | undefined;
  if (mode === 'pin') {
    live = pins[0].stage;
    source = `pinned on ${branch} in ${pins.map((pin) => `${pin.file} (${pin.field})`).join(' and ')}`;
    remote = options.remote ?? (await readRemoteUrl(repo.dir, ORIGIN));
    if (remote) {
      try {
        const there = await readRemoteRefs(repo.dir, remote);
        if (there.branches.get(branch) !== tip) notes.push(`${remote} does not have ${branch} as it is here: the engine sees this pin only after \`sockshop-mesh publish\` (and the bootstrap re-applied).`);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        notes.push(`could not compare with ${remote}: ${error.message}`);
      }
    } else {
      notes.push('no remote known (no origin, no --remote): the pin above is this repository\'s, not necessarily the cluster\'s.');
    }
  } else {
    remote = await chooseRemote(repo.dir, options.remote, 'read the live stage from (follow mode: it is the highest stage tag there)');
    const there = await readRemoteRefs(repo.dir, remote);
    live = findLiveStage(repo.stageTags, there.tags);
    source = `the highest stage tag on ${remote} (the bootstrap follows ${pins[0].value})`;
    if (live === undefined) notes.push(`${remote} has no stage tag yet: \`sockshop-mesh publish\` pushes the first one.`);
  }

  const result: StatusResult = { mode, pins, source, ...(remote ? { remote } : {}), notes };
  if (live === undefined) {
    const first = repo.stageTags.get(0);
    return first ? { ...result, next: STAGES[0], nextTag: first.name } : result;
  }
  result.live = STAGES[live];
  result.liveTag = repo.stageTags.get(live)?.name ?? pins[0].value;
  const next = repo.stageTags.get(live + 1);
  const current = repo.stageTags.get(live);
  if (next && current) {
    result.next = STAGES[live + 1];
    result.nextTag = next.name;
    result.nextChange = compareSides(await renderSide(repo, current.name), await renderSide(repo, next.name));
  }
  return result;
}
