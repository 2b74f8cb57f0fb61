/**
 * What both promotion modes share: the options and result of a promotion, who is promoted (the
 * repository's one participant, one class participant, or the whole class), the pins of their
 * bootstrap files (which must agree), the stage a user names, and the rendered change.
 */
import { compareSides, renderSide } from '../diff/diff-revisions.js';
import type { DiffReport } from '../diff/format-diff.js';
import { UserError } from '../errors.js';
import { pinFile } from '../layout/layout.js';
import { readFileAt } from '../repo/git-repo.js';
import type { WorkshopRepository } from '../repo/open-repository.js';
import { findRepoStage, type RepoStage } from '../repo/stage-index.js';
import { describeStages } from '../repo/resolve-revision.js';
import { selectEngines, selectLayout, type PromotionMode } from '../settings/settings.js';
import { suggestNearest } from '../settings/rules.js';
import { readPin, type Pin } from './bootstrap-pin.js';

export interface PromoteOptions {
  dir: string;
  /** The stage to move to (number, id, name or tag); the next one when absent. */
  stage?: string;
  skip?: boolean;
  rollback?: boolean;
  /** Pin mode: push the promotion commit. Follow mode always pushes. */
  push?: boolean;
  remote?: string;
  /** A class: the participant to move. */
  tenant?: string;
  /** A class: move every participant. */
  all?: boolean;
}

export interface Move {
  /** A class participant; undefined for a one-participant repository. */
  participant?: string;
  from: RepoStage;
  to: RepoStage;
  /** True when the target was already live: nothing changed for this participant. */
  unchanged: boolean;
  pins: Pin[];
  report: DiffReport;
}

export interface PromoteResult {
  mode: PromotionMode;
  moves: Move[];
  /** Pin mode: the promotion commit. */
  commit?: string;
  remote?: string;
  /** Refs sent to the remote (`refs/tags/…`, `refs/heads/…`, `:refs/tags/…` for deletions). */
  pushed: string[];
  /** The command a learner types on the repository's platform (`oc`, `kubectl`), for the next steps. */
  cli?: 'oc' | 'kubectl';
}

/** Who a promotion or status is about: `[undefined]` for one participant, else class participants. */
export function selectParticipants(repo: WorkshopRepository, options: Pick<PromoteOptions, 'tenant' | 'all'>, command = 'promote'): (string | undefined)[] {
  const participants = repo.settings.tenants;
  if (selectLayout(repo.settings) === 'single') {
    if (options.tenant !== undefined || options.all) {
      throw new UserError(`${options.all ? '--all' : `--tenant ${options.tenant}`}: this repository is for one participant, not a class.`, `Run \`sockshop-mesh ${command}\` without it.`);
    }
    return [undefined];
  }
  if (options.tenant !== undefined && options.all) throw new UserError('--tenant and --all together: give one.', `--tenant NAME moves one participant, --all the whole class.`);
  if (options.all) return [...participants];
  if (options.tenant === undefined) {
    if (command === 'status') return [...participants];
    throw new UserError(
      `this repository is a class of ${participants.length}: say who to promote.`,
      `--tenant ${participants[0]} moves one participant, --all moves everybody one stage on.`,
    );
  }
  if (!participants.includes(options.tenant)) {
    const near = suggestNearest(options.tenant, participants);
    throw new UserError(`--tenant ${JSON.stringify(options.tenant)}: no such participant${near ? ` (did you mean ${near}?)` : ''}.`, `Participants: ${participants.join(', ')}.`);
  }
  return [options.tenant];
}

/** The pins of one participant's (or the repository's) bootstrap files at a commit; they must agree. */
export async function readPins(repo: WorkshopRepository, commit: string, participant?: string): Promise<Pin[]> {
  const pins: Pin[] = [];
  for (const engine of selectEngines(repo.settings.gitops)) {
    const file = pinFile(engine, participant);
    const text = await readFileAt(repo.dir, commit, file);
    const first = repo.stages.values().next().value as RepoStage | undefined;
    if (text === undefined) throw new UserError(`${file} is missing on ${repo.settings.branch}.`, `Restore it from any stage tag: git checkout ${first?.tag ?? '<tag>'} -- ${file}`);
    pins.push(readPin(engine, text, file));
  }
  const modes = new Set(pins.map((pin) => pin.mode));
  const stages = new Set(pins.map((pin) => pin.stage));
  if (modes.size > 1 || stages.size > 1) {
    throw new UserError(
      `the bootstrap files disagree about the live stage${participant ? ` of ${participant}` : ''}:\n${pins.map((pin) => `  ${pin.file}: ${pin.field} = ${pin.value}`).join('\n')}`,
      'Make them name the same stage tag (or both the tag range), commit, and run the command again.',
    );
  }
  return pins;
}

export function resolveRequested(repo: Pick<WorkshopRepository, 'stages'>, input: string | undefined): RepoStage | undefined {
  if (input === undefined) return undefined;
  const stage = findRepoStage(repo.stages, input);
  if (!stage) throw new UserError(`unknown stage ${JSON.stringify(input)}.`, `This repository's stages: ${describeStages(repo)} (a number, an id, a name or a tag).`);
  return stage;
}

/** The stage a pin names, in this repository. */
export function findPinnedStage(repo: Pick<WorkshopRepository, 'stages'>, pin: Pin): RepoStage {
  const stage = pin.stage === undefined ? undefined : repo.stages.get(pin.stage);
  if (!stage) {
    throw new UserError(`${pin.file} pins ${pin.value}, a stage this repository does not have.`, `Pin one of its stages (${describeStages(repo)}), commit, and run the command again.`);
  }
  return stage;
}

export async function renderChange(repo: WorkshopRepository, from: RepoStage, to: RepoStage, participant?: string): Promise<DiffReport> {
  const view = participant === undefined ? {} : { participant };
  return compareSides(await renderSide(repo, from.id, undefined, view), await renderSide(repo, to.id, undefined, view));
}
