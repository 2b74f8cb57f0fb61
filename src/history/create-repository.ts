/**
 * From checked settings to a finished repository on disk: check the target and the git identity
 * before any work, plan every stage, write the history in a staging folder, move it into place.
 */
import { resolve } from 'node:path';
import { planStages, type StagePlan } from '../plan/plan-stages.js';
import type { Settings } from '../settings/settings.js';
import { readIdentity } from './git.js';
import { checkTarget, createStaging } from './target.js';
import { writeHistory } from './write-history.js';

export interface CreateOptions {
  /** Base for a relative `settings.directory`. */
  cwd: string;
  moveAside: boolean;
  /** Progress lines, one per step. */
  report?: (line: string) => void;
  /** Runs on the plans before anything is written; throw to stop (e.g. a validation failure). */
  check?: (plans: readonly StagePlan[]) => void | Promise<void>;
}

export interface CreatedRepository {
  path: string;
  plans: readonly StagePlan[];
  /** Where a non-empty target was moved aside (with `moveAside`). */
  backup?: string;
}

export async function createRepository(settings: Settings, options: CreateOptions): Promise<CreatedRepository> {
  const report = options.report ?? (() => undefined);
  const path = resolve(options.cwd, settings.directory);
  checkTarget(path, options.moveAside);
  const identity = await readIdentity(options.cwd);

  const plans = planStages(settings);
  report(`planned ${plans.length} stages (${plans.at(-1)!.files.size} files, ${plans.at(-1)!.objects.length} objects at the last stage)`);
  await options.check?.(plans);

  const staging = createStaging(path);
  try {
    await writeHistory(staging.dir, plans, settings.branch, identity, { review: settings.review });
    report(
      settings.review
        ? `wrote ${plans.length} commits and ${plans.length} annotated tags: ${settings.branch} holds the first stage, ${plans.length - 1} stage branches hold the rest`
        : `wrote ${plans.length} commits and ${plans.length} annotated tags on ${settings.branch}`,
    );
    const backup = staging.commit();
    return { path, plans, backup };
  } catch (error) {
    staging.discard();
    throw error;
  }
}
