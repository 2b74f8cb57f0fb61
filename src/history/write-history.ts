/**
 * Writes a new repository: git init, one fast-import stream for every commit and tag, then the
 * work tree checked out from the last commit. Five git processes, whatever the number of stages.
 */
import type { StagePlan } from '../plan/plan-stages.js';
import { formatFastImport, type HistoryEntry, type Identity } from './fast-import.js';
import { runGit } from './git.js';

export function formatTagMessage(plan: StagePlan): string {
  return `Stage ${String(plan.stage.number).padStart(2, '0')} ${plan.stage.title}: ${plan.stage.summary}\n`;
}

export function toHistory(plans: readonly StagePlan[]): HistoryEntry[] {
  return plans.map((plan) => ({ message: plan.message, tag: plan.tag, tagMessage: formatTagMessage(plan), files: plan.files }));
}

/** Creates the repository in `dir` (an empty folder) on `branch`. */
export async function writeHistory(dir: string, plans: readonly StagePlan[], branch: string, identity: Identity): Promise<void> {
  await runGit(['init', '--quiet', `--initial-branch=${branch}`, dir], dir);
  await runGit(['fast-import', '--quiet', '--done'], dir, formatFastImport(toHistory(plans), branch, identity));
  await runGit(['reset', '--hard', '--quiet'], dir);
}
