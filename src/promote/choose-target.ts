/**
 * Where a promotion may go from the live stage: the next stage by default, a named stage only one
 * step ahead unless skipping is asked for, and backwards only with --rollback. Pure.
 */
import { UserError } from '../errors.js';
import { formatStageId, formatTag } from '../layout/layout.js';
import { STAGES, type StageDefinition } from '../scenario/stages.js';

export interface TargetRequest {
  /** The live stage. */
  current: number;
  /** The stage the user named, if any. */
  requested?: StageDefinition;
  /** Stage numbers that have a tag to move to. */
  available: readonly number[];
  skip: boolean;
  rollback: boolean;
}

export interface Target {
  stage: StageDefinition;
  /** True when the requested stage is already live: nothing to do. */
  unchanged: boolean;
}

const name = (number: number) => `${formatStageId(STAGES[number])} (${formatTag(STAGES[number])})`;

export function chooseTarget(request: TargetRequest): Target {
  const { current, requested, available, skip, rollback } = request;
  if (!requested) {
    const next = current + 1;
    if (!available.includes(next)) {
      throw new UserError(
        `stage ${name(current)} is live and it is the last stage of this repository: there is nothing to promote to.`,
        'Run `sockshop-mesh status` to see where the cluster is; name a stage with --rollback to go back.',
      );
    }
    return { stage: STAGES[next], unchanged: false };
  }
  const target = requested.number;
  if (!available.includes(target)) {
    throw new UserError(
      `stage ${name(target)} has no tag in this repository.`,
      `Stages with tags here: ${[...available].sort((a, b) => a - b).map((number) => formatStageId(STAGES[number])).join(', ')}.`,
    );
  }
  if (target === current) return { stage: requested, unchanged: true };
  if (target < current && !rollback) {
    throw new UserError(
      `stage ${name(target)} is before the live stage ${name(current)}: that is a rollback.`,
      `Add --rollback to move the cluster back to ${formatStageId(requested)}.`,
    );
  }
  if (target > current + 1 && !skip) {
    const skipped = STAGES.filter((stage) => stage.number > current && stage.number < target).map((stage) => formatStageId(stage));
    throw new UserError(
      `promoting from ${formatStageId(STAGES[current])} to ${formatStageId(requested)} would skip ${skipped.join(', ')}.`,
      `Promote one stage at a time (sockshop-mesh promote), or add --skip to jump straight to ${formatStageId(requested)}.`,
    );
  }
  return { stage: requested, unchanged: false };
}
