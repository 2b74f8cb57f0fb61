/**
 * Writes a new repository: git init, one fast-import stream for every commit, branch and tag, then
 * the work tree checked out from the branch. Three git processes, whatever the number of stages.
 *
 * Linear form: every stage commit on `branch`. Review form: `branch` holds the first stage only and
 * each later stage is the single commit of its branch `stage/NN-name`, on top of the stage before,
 * so a host shows one mesh change per pull request (stage/01 -> main, stage/02 -> stage/01, ...).
 * The annotated tags point at the stage commits either way.
 */
import { formatStageBranch } from '../layout/layout.js';
import type { StagePlan } from '../plan/plan-stages.js';
import { formatFastImport, type HistoryEntry, type Identity } from './fast-import.js';
import { runGit } from './git.js';

export interface HistoryForm {
  /** Review form: main holds the first stage, every later stage its own branch. */
  review?: boolean;
}

export function toHistory(plans: readonly StagePlan[], form: HistoryForm = {}): HistoryEntry[] {
  return plans.map((plan, index) => ({
    ...(form.review && index > 0 ? { branch: formatStageBranch(plan.stage) } : {}),
    message: plan.message,
    tag: plan.tag,
    tagMessage: plan.tagMessage,
    files: plan.files,
  }));
}

/** Creates the repository in `dir` (an empty folder) on `branch`. */
export async function writeHistory(dir: string, plans: readonly StagePlan[], branch: string, identity: Identity, form: HistoryForm = {}): Promise<void> {
  await runGit(['init', '--quiet', `--initial-branch=${branch}`, dir], dir);
  await runGit(['fast-import', '--quiet', '--done'], dir, formatFastImport(toHistory(plans, form), branch, identity));
  await runGit(['reset', '--hard', '--quiet'], dir);
}
