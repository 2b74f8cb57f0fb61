/**
 * `sockshop-mesh promote [stage]`: move the cluster one stage on.
 *
 * Pin mode (the bootstrap names a stage tag): rewrite the pin in every bootstrap file to the next
 * (or named) stage's tag, as one commit on the main branch whose message carries the rendered
 * change; with --push, push that commit (and the tag, if the remote lacks it).
 * Follow mode (the bootstrap follows the tag range): push the next stage's tag, since the engine
 * syncs the highest tag it sees; with --rollback, delete the later tags from the remote instead.
 *
 * Every check runs before anything changes; a refused push undoes the local commit.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareSides, renderSide } from '../diff/diff-revisions.js';
import type { DiffReport } from '../diff/format-diff.js';
import { UserError } from '../errors.js';
import { parseTag, pinFile } from '../layout/layout.js';
import { chooseRemote, refuseUncommitted } from '../publish/publish.js';
import { findLiveStage } from '../publish/plan-push.js';
import { commitPaths, isAncestor, pushRefs, readCurrentBranch, readFileAt, readRemoteRefs, resetTo, resolveCommit } from '../repo/git-repo.js';
import { openRepository, type WorkshopRepository } from '../repo/open-repository.js';
import { STAGES, type StageDefinition } from '../scenario/stages.js';
import { findStage } from '../settings/check-settings.js';
import { selectEngines, type PromotionMode } from '../settings/settings.js';
import { readPin, setPin, type Pin } from './bootstrap-pin.js';
import { chooseTarget } from './choose-target.js';
import { formatPromotionMessage } from './format-promotion.js';

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

function resolveRequested(input: string | undefined): StageDefinition | undefined {
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

async function renderChange(repo: WorkshopRepository, from: StageDefinition, to: StageDefinition): Promise<DiffReport> {
  const tagOf = (stage: StageDefinition) => repo.stageTags.get(stage.number)!.name;
  return compareSides(await renderSide(repo, tagOf(from)), await renderSide(repo, tagOf(to)));
}

async function promotePinned(repo: WorkshopRepository, options: PromoteOptions, pins: Pin[]): Promise<PromoteResult> {
  const branch = repo.settings.branch;
  const current = await readCurrentBranch(repo.dir);
  if (current !== branch) {
    throw new UserError(
      `a promotion is a commit on ${branch}, but ${current ? `the branch ${current}` : 'a detached HEAD'} is checked out.`,
      `Switch first (git switch ${branch}) and run the command again.`,
    );
  }
  await refuseUncommitted(repo.dir, 'a promotion commit');
  const from = STAGES[pins[0].stage!];
  if (!repo.stageTags.has(from.number)) {
    throw new UserError(`the bootstrap pins ${pins[0].value}, a tag this repository does not have.`, 'Fetch the tags (git fetch --tags) or pin a stage tag that exists, commit, and run the command again.');
  }
  const target = chooseTarget({
    current: from.number,
    requested: resolveRequested(options.stage),
    available: [...repo.stageTags.keys()],
    skip: Boolean(options.skip),
    rollback: Boolean(options.rollback),
  });
  const report = await renderChange(repo, from, target.stage);
  const result: PromoteResult = { mode: 'pin', from, to: target.stage, unchanged: target.unchanged, pins, pushed: [], report };
  if (target.unchanged) return result;

  const tag = repo.stageTags.get(target.stage.number)!;
  const head = (await resolveCommit(repo.dir, 'HEAD'))!;
  const edits = new Map<string, string>();
  for (const pin of pins) edits.set(pin.file, setPin((await readFileAt(repo.dir, head, pin.file))!, pin, tag.name));

  // With --push, everything the push needs is checked before the commit is made.
  let remote: string | undefined;
  const refspecs: string[] = [];
  if (options.push) {
    remote = await chooseRemote(repo.dir, options.remote, 'push the promotion to');
    const there = await readRemoteRefs(repo.dir, remote);
    const remoteMain = there.branches.get(branch);
    if (remoteMain && !(await isAncestor(repo.dir, remoteMain, head))) {
      throw new UserError(
        `${remote} has commits on ${branch} that this repository does not; nothing was changed.`,
        `Bring them in first (git pull ${remote} ${branch}), then promote again.`,
      );
    }
    refspecs.push(`refs/heads/${branch}:refs/heads/${branch}`);
    if (!there.tags.has(tag.name)) refspecs.push(`refs/tags/${tag.name}:refs/tags/${tag.name}`);
  }

  for (const [file, text] of edits) writeFileSync(join(repo.dir, file), text);
  const message = formatPromotionMessage(from, target.stage, pins, report.objects);
  let commit: string;
  try {
    commit = await commitPaths(repo.dir, [...edits.keys()], message);
  } catch (error) {
    await resetTo(repo.dir, head);
    throw error;
  }
  if (remote) {
    try {
      await pushRefs(repo.dir, remote, refspecs);
    } catch (error) {
      // The tree was clean before the edit, so going back to the previous commit loses nothing.
      await resetTo(repo.dir, head);
      if (error instanceof UserError) throw new UserError(`${error.message}\nThe promotion commit was undone; nothing changed here either.`, error.hint);
      throw error;
    }
  }
  return { ...result, commit, ...(remote ? { remote } : {}), pushed: refspecs };
}

async function promoteFollowing(repo: WorkshopRepository, options: PromoteOptions, pins: Pin[]): Promise<PromoteResult> {
  const remote = await chooseRemote(repo.dir, options.remote, 'push the next stage tag to');
  const there = await readRemoteRefs(repo.dir, remote);
  const live = findLiveStage(repo.stageTags, there.tags);
  if (live === undefined) {
    throw new UserError(`${remote} has no stage tag yet, so no stage is live.`, 'Publish first (sockshop-mesh publish): in follow mode it pushes the first stage tag only.');
  }
  const from = STAGES[live];
  const target = chooseTarget({
    current: live,
    requested: resolveRequested(options.stage),
    available: [...repo.stageTags.keys()],
    skip: Boolean(options.skip),
    rollback: Boolean(options.rollback),
  });
  const report = await renderChange(repo, from, target.stage);
  const result: PromoteResult = { mode: 'follow', from, to: target.stage, unchanged: target.unchanged, pins, remote, pushed: [], report };
  if (target.unchanged) return result;

  const refspecs: string[] = [];
  if (target.stage.number > live) {
    // Every tag up to the target, so the remote's tags stay a contiguous record of what went live.
    for (const ref of [...repo.stageTags.values()].sort((a, b) => a.number - b.number)) {
      if (ref.number <= live || ref.number > target.stage.number) continue;
      const object = repo.refs.tagObjects.get(ref.name)!;
      const existing = there.tags.get(ref.name);
      if (existing !== undefined && existing !== object) {
        throw new UserError(`${remote} holds a different tag ${ref.name}; nothing was pushed.`, `Compare them (git ls-remote ${remote} ${ref.name}) and resolve it by hand.`);
      }
      if (existing === undefined) refspecs.push(`refs/tags/${ref.name}:refs/tags/${ref.name}`);
    }
  } else {
    // Rolling back: the engine follows the highest tag it sees, so the later ones leave the remote.
    for (const name of there.tags.keys()) {
      const parsed = parseTag(name);
      if (parsed && parsed.number > target.stage.number) refspecs.push(`:refs/tags/${name}`);
    }
  }
  if (refspecs.length > 0) await pushRefs(repo.dir, remote, refspecs.sort());
  return { ...result, pushed: refspecs };
}

export async function promote(options: PromoteOptions): Promise<PromoteResult> {
  const repo = await openRepository(options.dir);
  const tip = repo.refs.branches.get(repo.settings.branch);
  if (!tip) throw new UserError(`the branch ${repo.settings.branch} (from .yo-rc.json) does not exist here.`, `Restore it, or check it out: git switch ${repo.settings.branch}`);
  const pins = await readPins(repo, tip);
  return pins[0].mode === 'follow' ? promoteFollowing(repo, options, pins) : promotePinned(repo, options, pins);
}
