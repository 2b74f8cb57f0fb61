import { describe, expect, it } from 'vitest';
import { DEFAULT_FLAVOR, getFlavor } from '../../src/flavors/registry.js';
import { formatStageBranch, formatStageId, formatTag } from '../../src/layout/layout.js';
import { findLiveStage, planPush, type LocalState, type RemoteState } from '../../src/publish/plan-push.js';
import type { RepoStage } from '../../src/repo/stage-index.js';

const stages = getFlavor(DEFAULT_FLAVOR).stages.slice(0, 4);
/** Every stage as the repository's content holds it; `tagged` says which tags this clone has. */
const repoStages = (tagged: (number: number) => boolean = () => true): Map<number, RepoStage> =>
  new Map(stages.map((stage) => [stage.number, { number: stage.number, slug: stage.slug, id: formatStageId(stage), tag: formatTag(stage), tagged: tagged(stage.number), commit: `c${stage.number}`, subject: '' }]));
const local = (mode: 'pin' | 'follow' = 'pin', review = true): LocalState => ({
  mainBranch: 'main',
  mainCommit: 'c0',
  stageBranches: new Map(review ? stages.slice(1).map((stage) => [stage.number, { number: stage.number, name: formatStageBranch(stage), commit: `c${stage.number}` }]) : []),
  stageTags: new Map(stages.map((stage) => [stage.number, { number: stage.number, name: formatTag(stage), commit: `c${stage.number}`, object: `t${stage.number}` }])),
  stages: repoStages(),
  mode,
});
const empty: RemoteState = { branches: new Map(), tags: new Map(), fastForwards: new Set() };
const options = { skipTags: false, forcePush: false };

describe('planPush', () => {
  it('pushes main, every stage branch and every tag to an empty remote in pin mode', () => {
    const plan = planPush(local(), empty, options);
    expect(plan.branches).toEqual(['main', ...stages.slice(1).map(formatStageBranch)]);
    expect(plan.tags).toEqual(stages.map(formatTag));
    expect(plan.refspecs).toContain(`refs/heads/${formatStageBranch(stages[1])}:refs/heads/${formatStageBranch(stages[1])}`);
    expect(plan.refspecs.every((refspec) => !refspec.startsWith('+'))).toBe(true);
    expect(plan.conflicts).toEqual([]);
    expect(plan.heldBack).toEqual([]);
  });

  it('skips what the remote has, fast-forwards what it is behind on, and stops at a diverged branch or a different tag', () => {
    const [, first, second, third] = stages.map(formatStageBranch);
    const remote: RemoteState = {
      branches: new Map([['main', 'old'], [first, 'c1'], [second, 'elsewhere']]),
      tags: new Map([[formatTag(stages[0]), 't0'], [formatTag(stages[1]), 'other']]),
      fastForwards: new Set(['main']),
    };
    const plan = planPush(local(), remote, options);
    expect(plan.upToDate).toEqual([first, formatTag(stages[0])]);
    expect(plan.branches).toEqual(['main', third]);
    expect(plan.conflicts).toEqual([
      `branch ${second}: the remote has commits this repository does not (diverged at elsewhere)`,
      `tag ${formatTag(stages[1])}: the remote has a different tag of that name`,
    ]);
    const forced = planPush(local(), remote, { ...options, forcePush: true });
    expect(forced.conflicts).toEqual([]);
    expect(forced.refspecs).toContain(`+refs/heads/${second}:refs/heads/${second}`);
    expect(forced.refspecs).toContain(`+refs/tags/${formatTag(stages[1])}:refs/tags/${formatTag(stages[1])}`);
  });

  it('in follow mode pushes only the first tag to a fresh remote, and never past the live stage', () => {
    const fresh = planPush(local('follow'), empty, options);
    expect(fresh.tags).toEqual([formatTag(stages[0])]);
    expect(fresh.heldBack).toEqual(stages.slice(1).map(formatTag));
    expect(fresh.note).toContain(`pushes ${formatTag(stages[1])} (${formatStageId(stages[1])}) next`);
    const live = { ...empty, tags: new Map([[formatTag(stages[0]), 't0'], [formatTag(stages[1]), 't1']]) };
    expect(findLiveStage(local().stages, live.tags)).toBe(1);
    const again = planPush(local('follow'), live, options);
    expect(again.tags).toEqual([]);
    expect(again.upToDate).toEqual([formatTag(stages[0]), formatTag(stages[1])]);
    expect(again.heldBack).toEqual(stages.slice(2).map(formatTag));
  });

  it('finds the live stage from the repository\'s stages, not from the tags this clone has', () => {
    // A teammate's clone of a follow-mode remote: it has only the tags pushed so far (stage 0 here),
    // but its content holds every stage, and the remote has since been promoted to stage 2.
    const clone = repoStages((number) => number === 0);
    const remoteTags = new Map(stages.slice(0, 3).map((stage) => [formatTag(stage), `t${stage.number}`]));
    expect(findLiveStage(clone, remoteTags)).toBe(2);
    // A tag of another workshop's stage (same number, other slug) is not this repository's stage.
    expect(findLiveStage(clone, new Map([[formatTag(stages[0]), 't0'], [formatTag({ number: 3, slug: 'something-else' }), 'x']]))).toBe(0);
    // A later patch of a stage tag counts as that stage.
    expect(findLiveStage(clone, new Map([[`v1.${stages[1].number}.1+${stages[1].slug}`, 'p']]))).toBe(1);
    expect(findLiveStage(clone, new Map())).toBeUndefined();
  });

  it('in follow mode, a clone that lacks the live tags still holds back only what is past the live stage', () => {
    const clone: LocalState = { ...local('follow', false), stageTags: new Map([[0, { number: 0, name: formatTag(stages[0]), commit: 'c0', object: 't0' }]]), stages: repoStages((number) => number === 0) };
    const remote = { ...empty, tags: new Map(stages.slice(0, 3).map((stage) => [formatTag(stage), `t${stage.number}`])) };
    const plan = planPush(clone, remote, options);
    expect(plan.heldBack).toEqual([]);
    expect(plan.upToDate).toContain(formatTag(stages[0]));
    expect(plan.tags).toEqual([]);
  });

  it('pushes no tag with skipTags, and no stage branch in linear form', () => {
    const plan = planPush(local('pin', false), empty, { ...options, skipTags: true });
    expect(plan.branches).toEqual(['main']);
    expect(plan.tags).toEqual([]);
  });
});
