import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { DEFAULT_FLAVOR, getFlavor } from '../../src/flavors/registry.js';
import { formatStageId, formatTag } from '../../src/layout/layout.js';
import { chooseTarget } from '../../src/promote/choose-target.js';
import type { RepoStage } from '../../src/repo/stage-index.js';

/** The default flavor's stages as a repository holds them (from its content). */
const STAGES: RepoStage[] = getFlavor(DEFAULT_FLAVOR).stages.map((stage) => ({
  number: stage.number,
  slug: stage.slug,
  id: formatStageId(stage),
  tag: formatTag(stage),
  tagged: true,
  commit: `c${stage.number}`,
  subject: `Stage ${stage.number}`,
}));
const all = new Map(STAGES.map((stage) => [stage.number, stage]));
const request = { current: 3, stages: all, skip: false, rollback: false };

describe('chooseTarget', () => {
  it('goes to the next stage by default, and allows naming it', () => {
    expect(chooseTarget(request)).toEqual({ stage: STAGES[4], unchanged: false });
    expect(chooseTarget({ ...request, requested: STAGES[4] })).toEqual({ stage: STAGES[4], unchanged: false });
  });

  it('refuses to skip stages unless asked, naming the skipped ones', () => {
    expect(() => chooseTarget({ ...request, requested: STAGES[6] })).toThrow(new RegExp(`would skip ${STAGES[4].id}, ${STAGES[5].id}\\.`));
    expect(chooseTarget({ ...request, requested: STAGES[6], skip: true }).stage).toBe(STAGES[6]);
  });

  it('refuses to move backwards unless asked', () => {
    expect(() => chooseTarget({ ...request, requested: STAGES[1] })).toThrow(new RegExp(`before the live stage ${STAGES[3].id}.*rollback`));
    expect(chooseTarget({ ...request, requested: STAGES[1], rollback: true }).stage).toBe(STAGES[1]);
  });

  it('names the participant whose stage it is, in a class', () => {
    expect(() => chooseTarget({ ...request, requested: STAGES[1], who: 'user2' })).toThrow(new RegExp(`before the live stage ${STAGES[3].id} \\(${STAGES[3].tag.replace(/[.+]/g, '\\$&')}\\) for user2`));
    expect(() => chooseTarget({ ...request, requested: STAGES[6], who: 'user2' })).toThrow(/promoting for user2 from/);
  });

  it('does nothing for the live stage, and refuses past the last stage of the repository', () => {
    expect(chooseTarget({ ...request, requested: STAGES[3] }).unchanged).toBe(true);
    expect(() => chooseTarget({ ...request, current: STAGES.at(-1)!.number })).toThrow(/it is the last stage of this repository/);
    // A repository generated with --until 3 holds stages 0-3 only: stage 3 is its last.
    const short = new Map(STAGES.slice(0, 4).map((stage) => [stage.number, stage]));
    expect(() => chooseTarget({ ...request, stages: short })).toThrow(UserError);
    expect(() => chooseTarget({ ...request, stages: short })).toThrow(new RegExp(`stage ${STAGES[3].id} .* is live and it is the last stage`));
  });
});
