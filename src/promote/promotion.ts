/**
 * What both promotion modes share: the options and result of a promotion, the pins of a
 * repository's bootstrap (which must agree), the stage a user names, and the rendered change.
 */
import { compareSides, renderSide } from '../diff/diff-revisions.js';
import type { DiffReport } from '../diff/format-diff.js';
import { UserError } from '../errors.js';
import { parseTag, pinFile } from '../layout/layout.js';
import { readFileAt } from '../repo/git-repo.js';
import type { WorkshopRepository } from '../repo/open-repository.js';
import { STAGES, type StageDefinition } from '../scenario/stages.js';
import { findStage } from '../settings/check-settings.js';
import { selectEngines, type PromotionMode } from '../settings/settings.js';
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
}

export interface PromoteResult {
  mode: PromotionMode;
  from: StageDefinition;
  to: StageDefinition;
  /** The target was already live: nothing changed. */
  unchanged: boolean;
  pins: Pin[];
  /** Pin mode: the promotion commit. */
  commit?: string;
  remote?: string;
  /** Refs sent to the remote (`refs/tags/…`, `refs/heads/…`, `:refs/tags/…` for deletions). */
  pushed: string[];
  report: DiffReport;
}

/** The pins of every engine the repository bootstraps, read at a commit; they must agree. */
export async function readPins(repo: WorkshopRepository, commit: string): Promise<Pin[]> {
  const pins: Pin[] = [];
  for (const engine of selectEngines(repo.settings.gitops)) {
    const text = await readFileAt(repo.dir, commit, pinFile(engine));
    if (text === undefined) throw new UserError(`${pinFile(engine)} is missing on ${repo.settings.branch}.`, `Restore it from any stage tag: git checkout v1.0.0+baseline -- ${pinFile(engine)}`);
    pins.push(readPin(engine, text));
  }
  const modes = new Set(pins.map((pin) => pin.mode));
  const stages = new Set(pins.map((pin) => pin.stage));
  if (modes.size > 1 || stages.size > 1) {
    throw new UserError(
      `the bootstrap files disagree about the live stage:\n${pins.map((pin) => `  ${pin.file}: ${pin.field} = ${pin.value}`).join('\n')}`,
      'Make them name the same stage tag (or both the tag range), commit, and run the command again.',
    );
  }
  return pins;
}

export function resolveRequested(input: string | undefined): StageDefinition | undefined {
  if (input === undefined) return undefined;
  const parsed = parseTag(input);
  const stage = findStage(input) ?? (parsed ? STAGES.find((candidate) => candidate.number === parsed.number && candidate.slug === parsed.slug) : undefined);
  if (!stage) {
    throw new UserError(
      `unknown stage ${JSON.stringify(input)}.`,
      `Name a stage by number (0-${STAGES.length - 1}), id (04-sidecar-injection), name (sidecar-injection) or tag (v1.4.0+sidecar-injection).`,
    );
  }
  return stage;
}

export async function renderChange(repo: WorkshopRepository, from: StageDefinition, to: StageDefinition): Promise<DiffReport> {
  const tagOf = (stage: StageDefinition) => repo.stageTags.get(stage.number)!.name;
  return compareSides(await renderSide(repo, tagOf(from)), await renderSide(repo, tagOf(to)));
}
