/**
 * Where a promotion may go from the live stage: the next stage by default, a named stage only one
 * step ahead unless skipping is asked for, and backwards only with --rollback. The stages are the
 * repository's own (from its content). Pure.
 */
import { UserError } from '../errors.js';
import type { RepoStage } from '../repo/stage-index.js';

export interface TargetRequest {
  /** The live stage. */
  current: number;
  /** The stage the user named, if any. */
  requested?: RepoStage;
  /** Every stage of the repository, by number. */
  stages: ReadonlyMap<number, RepoStage>;
  skip: boolean;
  rollback: boolean;
  /** Whose stage it is, for the messages (a class participant). */
  who?: string;
}

export interface Target {
  stage: RepoStage;
  /** True when the requested stage is already live: nothing to do. */
  unchanged: boolean;
}

const name = (stage: RepoStage | undefined, number: number) => (stage ? `${stage.id} (${stage.tag})` : `stage ${number}`);

export function chooseTarget(request: TargetRequest): Target {
  const { current, requested, stages, skip, rollback } = request;
  const whose = request.who ? ` for ${request.who}` : '';
  const live = stages.get(current);
  const numbers = [...stages.keys()].sort((a, b) => a - b);
  if (!requested) {
    const next = numbers.find((number) => number > current);
    if (next === undefined) {
      throw new UserError(
        `stage ${name(live, current)} is live${whose} and it is the last stage of this repository: there is nothing to promote to.`,
        'Run `sockshop-mesh status` to see where the cluster is; name a stage with --rollback to go back.',
      );
    }
    return { stage: stages.get(next)!, unchanged: false };
  }
  const target = requested.number;
  if (target === current) return { stage: requested, unchanged: true };
  if (target < current && !rollback) {
    throw new UserError(`stage ${name(requested, target)} is before the live stage ${name(live, current)}${whose}: that is a rollback.`, `Add --rollback to move back to ${requested.id}.`);
  }
  const skipped = numbers.filter((number) => number > current && number < target).map((number) => stages.get(number)!.id);
  if (target > current && skipped.length > 0 && !skip) {
    throw new UserError(
      `promoting${whose} from ${live?.id ?? `stage ${current}`} to ${requested.id} would skip ${skipped.join(', ')}.`,
      `Promote one stage at a time (sockshop-mesh promote), or add --skip to jump straight to ${requested.id}.`,
    );
  }
  return { stage: requested, unchanged: false };
}
