/**
 * `sockshop-mesh status`: which stage is live and what the next promotion would change. Pin mode
 * reads the pins on the main branch (and says whether the remote has that commit yet); follow mode
 * asks the remote for its highest stage tag, since that is what the engine syncs. A class gets one
 * row per participant (each pinned to their own stage); the change to each participant's next stage
 * is rendered with that participant's names.
 */
import type { DiffReport } from '../diff/format-diff.js';
import { UserError } from '../errors.js';
import { findLiveStage } from '../publish/plan-push.js';
import { chooseRemote, ORIGIN } from '../publish/publish.js';
import { readRemoteRefs, readRemoteUrl } from '../repo/git-repo.js';
import { openRepository, type WorkshopRepository } from '../repo/open-repository.js';
import type { RepoStage } from '../repo/stage-index.js';
import type { PromotionMode } from '../settings/settings.js';
import type { Pin } from './bootstrap-pin.js';
import { findPinnedStage, readPins, renderChange, selectParticipants } from './promotion.js';

export interface StatusOptions {
  dir: string;
  remote?: string;
  /** A class: one participant only (default: every participant). */
  tenant?: string;
}

export interface StatusRow {
  /** A class participant; undefined for a one-participant repository. */
  participant?: string;
  pins: Pin[];
  /** The live stage, or undefined when nothing is live yet (follow mode, nothing pushed). */
  live?: RepoStage;
  next?: RepoStage;
  /** What promoting to the next stage changes, rendered. */
  nextChange?: DiffReport;
}

export interface StatusResult {
  mode: PromotionMode;
  /** Where the live stage was read from. */
  source: string;
  remote?: string;
  rows: StatusRow[];
  notes: string[];
}

function findNext(repo: WorkshopRepository, live: RepoStage | undefined): RepoStage | undefined {
  const stages = [...repo.stages.values()];
  return live ? stages.find((stage) => stage.number > live.number) : stages[0];
}

export async function readStatus(options: StatusOptions): Promise<StatusResult> {
  const repo = await openRepository(options.dir);
  const branch = repo.settings.branch;
  const tip = repo.refs.branches.get(branch);
  if (!tip) throw new UserError(`the branch ${branch} (from .yo-rc.json) does not exist here.`, `Restore it, or check it out: git switch ${branch}`);
  const notes: string[] = [];
  const participants = repo.settings.mode === 'follow' ? [undefined] : selectParticipants(repo, { tenant: options.tenant }, 'status');
  const rows: StatusRow[] = [];
  for (const participant of participants) rows.push({ participant, pins: await readPins(repo, tip, participant) });
  const mode = rows[0].pins[0].mode;

  let source: string;
  let remote: string | undefined;
  if (mode === 'pin') {
    for (const row of rows) row.live = findPinnedStage(repo, row.pins[0]);
    source = `pinned on ${branch} in ${rows.length === 1 ? rows[0].pins.map((pin) => `${pin.file} (${pin.field})`).join(' and ') : 'each participant\'s bootstrap files'}`;
    remote = options.remote ?? (await readRemoteUrl(repo.dir, ORIGIN));
    if (remote) {
      try {
        const there = await readRemoteRefs(repo.dir, remote);
        if (there.branches.get(branch) !== tip) notes.push(`${remote} does not have ${branch} as it is here: the engine sees these pins only after \`sockshop-mesh publish\` (and the bootstrap re-applied).`);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        notes.push(`could not compare with ${remote}: ${error.message}`);
      }
    } else {
      notes.push("no remote known (no origin, no --remote): the pins above are this repository's, not necessarily the cluster's.");
    }
  } else {
    remote = await chooseRemote(repo.dir, options.remote, 'read the live stage from (follow mode: it is the highest stage tag there)');
    const there = await readRemoteRefs(repo.dir, remote);
    const live = findLiveStage(repo.stages, there.tags);
    source = `the highest stage tag on ${remote} (the bootstrap follows ${rows[0].pins[0].value})`;
    if (live === undefined) notes.push(`${remote} has no stage tag yet: \`sockshop-mesh publish\` pushes the first one.`);
    else rows[0].live = repo.stages.get(live);
    if (repo.settings.tenants.length > 0) notes.push(`follow mode: the whole class (${repo.settings.tenants.length} participants) follows the same tags and moves together.`);
  }

  // Rendered for each participant: the same pair of stages changes the same objects, but each
  // participant's under their own names, and those names are what the change lists.
  for (const row of rows) {
    row.next = findNext(repo, row.live);
    if (!row.live || !row.next) continue;
    row.nextChange = await renderChange(repo, row.live, row.next, row.participant);
  }
  return { mode, source, ...(remote ? { remote } : {}), rows, notes };
}
