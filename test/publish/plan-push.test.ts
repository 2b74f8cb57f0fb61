import { describe, expect, it } from 'vitest';
import { formatStageBranch, formatTag } from '../../src/layout/layout.js';
import { findLiveStage, planPush, type LocalState, type RemoteState } from '../../src/publish/plan-push.js';
import { STAGES } from '../../src/scenario/stages.js';

const stages = STAGES.slice(0, 4);
const local = (mode: 'pin' | 'follow' = 'pin', review = true): LocalState => ({
  mainBranch: 'main',
  mainCommit: 'c0',
  stageBranches: new Map(review ? stages.slice(1).map((stage) => [stage.number, { number: stage.number, name: formatStageBranch(stage), commit: `c${stage.number}` }]) : []),
  stageTags: new Map(stages.map((stage) => [stage.number, { number: stage.number, name: formatTag(stage), commit: `c${stage.number}`, object: `t${stage.number}` }])),
  mode,
});
const empty: RemoteState = { branches: new Map(), tags: new Map(), fastForwards: new Set() };
const options = { skipTags: false, forcePush: false };

describe('planPush', () => {
  it('pushes main, every stage branch and every tag to an empty remote in pin mode', () => {
    const plan = planPush(local(), empty, options);
    expect(plan.branches).toEqual(['main', ...stages.slice(1).map(formatStageBranch)]);
    expect(plan.tags).toEqual(stages.map(formatTag));
    expect(plan.refspecs).toContain('refs/heads/stage/01-operators:refs/heads/stage/01-operators');
    expect(plan.refspecs.every((refspec) => !refspec.startsWith('+'))).toBe(true);
    expect(plan.conflicts).toEqual([]);
  });

  it('skips what the remote has, fast-forwards what it is behind on, and stops at a diverged branch or a different tag', () => {
    const remote: RemoteState = {
      branches: new Map([['main', 'old'], ['stage/01-operators', 'c1'], ['stage/02-control-plane', 'elsewhere']]),
      tags: new Map([[formatTag(stages[0]), 't0'], [formatTag(stages[1]), 'other']]),
      fastForwards: new Set(['main']),
    };
    const plan = planPush(local(), remote, options);
    expect(plan.upToDate).toEqual(['stage/01-operators', formatTag(stages[0])]);
    expect(plan.branches).toEqual(['main', 'stage/03-member-roll']);
    expect(plan.conflicts).toEqual([
      'branch stage/02-control-plane: the remote has commits this repository does not (diverged at elsewhere)',
      `tag ${formatTag(stages[1])}: the remote has a different tag of that name`,
    ]);
    const forced = planPush(local(), remote, { ...options, forcePush: true });
    expect(forced.conflicts).toEqual([]);
    expect(forced.refspecs).toContain('+refs/heads/stage/02-control-plane:refs/heads/stage/02-control-plane');
    expect(forced.refspecs).toContain(`+refs/tags/${formatTag(stages[1])}:refs/tags/${formatTag(stages[1])}`);
  });

  it('in follow mode pushes only the first tag to a fresh remote, and never past the live stage', () => {
    const fresh = planPush(local('follow'), empty, options);
    expect(fresh.tags).toEqual([formatTag(stages[0])]);
    expect(fresh.heldBack).toEqual(stages.slice(1).map(formatTag));
    expect(fresh.note).toContain(`pushes ${formatTag(stages[1])}`);
    const live = { ...empty, tags: new Map([[formatTag(stages[0]), 't0'], [formatTag(stages[1]), 't1']]) };
    expect(findLiveStage(local().stageTags, live.tags)).toBe(1);
    expect(planPush(local('follow'), live, options).tags).toEqual([]);
  });

  it('pushes no tag with skipTags, and no stage branch in linear form', () => {
    const plan = planPush(local('pin', false), empty, { ...options, skipTags: true });
    expect(plan.branches).toEqual(['main']);
    expect(plan.tags).toEqual([]);
  });
});
