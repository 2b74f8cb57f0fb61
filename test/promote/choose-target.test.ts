import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { chooseTarget } from '../../src/promote/choose-target.js';
import { STAGES } from '../../src/scenario/stages.js';

const all = STAGES.map((stage) => stage.number);
const request = { current: 3, available: all, skip: false, rollback: false };

describe('chooseTarget', () => {
  it('goes to the next stage by default, and allows naming it', () => {
    expect(chooseTarget(request)).toEqual({ stage: STAGES[4], unchanged: false });
    expect(chooseTarget({ ...request, requested: STAGES[4] })).toEqual({ stage: STAGES[4], unchanged: false });
  });

  it('refuses to skip stages unless asked, naming the skipped ones', () => {
    expect(() => chooseTarget({ ...request, requested: STAGES[6] })).toThrow(/would skip 04-sidecar-injection, 05-ingress-gateway/);
    expect(chooseTarget({ ...request, requested: STAGES[6], skip: true }).stage).toBe(STAGES[6]);
  });

  it('refuses to move backwards unless asked', () => {
    expect(() => chooseTarget({ ...request, requested: STAGES[1] })).toThrow(/before the live stage 03-member-roll.*rollback/);
    expect(chooseTarget({ ...request, requested: STAGES[1], rollback: true }).stage).toBe(STAGES[1]);
  });

  it('does nothing for the live stage, and refuses past the last stage or to a stage without a tag', () => {
    expect(chooseTarget({ ...request, requested: STAGES[3] }).unchanged).toBe(true);
    expect(() => chooseTarget({ ...request, current: 8 })).toThrow(/last stage/);
    expect(() => chooseTarget({ ...request, available: [0, 1, 2, 3] })).toThrow(UserError);
    expect(() => chooseTarget({ ...request, available: [0, 1, 2, 3], requested: STAGES[4] })).toThrow(/has no tag in this repository/);
  });
});
