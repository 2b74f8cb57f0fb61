/**
 * From checked settings to a finished repository on disk: check the target and the git identity
 * before any work, plan every stage, write the history in a staging folder, move it into place.
 */
import { planStages, type StagePlan } from '../plan/plan-stages.js';
import { getFlavor } from '../flavors/registry.js';
import type { StageDefinition } from '../flavors/types.js';
import { selectEngines, type Settings } from '../settings/settings.js';
import { assertPlansValid } from '../validate-repo/check-plans.js';
import { basename, relative, resolve } from 'node:path';
import { onInterrupt } from '../util/interrupt.js';
import { readIdentity, stopGit } from './git.js';
import { checkTarget, clearLeftovers, createStaging } from './target.js';
import { writeHistory } from './write-history.js';

export interface CreateOptions {
  /** Base for a relative `settings.directory`. */
  cwd: string;
  moveAside: boolean;
  /** Progress lines, one per step. */
  report?: (line: string) => void;
  /** Runs on the plans before anything is written; throw to stop. Default: strict schemas and the stage lint. */
  check?: (plans: readonly StagePlan[]) => void | Promise<void>;
  /** Skip the default check (for speed; the repository can be checked later with `validate`). */
  skipValidation?: boolean;
  /** The stage table; the workshop's own when absent (the benchmark passes a larger, synthetic one). */
  scenario?: readonly StageDefinition[];
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

  const plans = planStages(settings, options.scenario);
  report(`planned ${plans.length} stages (${plans.at(-1)!.files.size} files, ${plans.at(-1)!.objects.length} objects at the last stage)`);
  if (options.check) await options.check(plans);
  else if (!options.skipValidation) {
    assertPlansValid(plans, getFlavor(settings.flavor), selectEngines(settings.gitops));
    report(`validated every stage: ${plans.reduce((sum, plan) => sum + plan.objects.length, 0)} objects, strict schemas and ordering checks`);
  }

  for (const leftover of clearLeftovers(path)) {
    const shown = relative(options.cwd, leftover.path) || leftover.path;
    report(
      leftover.removed
        ? `removed ${shown}, the unfinished repository of an earlier run that was killed`
        : `left ${shown} alone: process ${leftover.pid} is still writing it (another run into the same folder?)`,
    );
  }
  const staging = createStaging(path);
  // Ctrl-C or SIGTERM while git writes: stop git, remove the staging folder, then exit 130 / 143.
  const release = onInterrupt(async (signal) => {
    await stopGit();
    staging.discard();
    process.stderr.write(`sockshop-mesh: interrupted (${signal}); removed the unfinished ${basename(staging.dir)}, nothing was written to ${relative(options.cwd, path) || path}.\n`);
  });
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
  } finally {
    release();
  }
}
