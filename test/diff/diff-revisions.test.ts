/**
 * `diff` on a real repository: every consecutive pair of stages, named by stage number, by tag and
 * (review form) by stage branch, gives exactly the changes the planner computed for the later stage.
 */
import { describe, expect, it } from 'vitest';
import { diffRevisions } from '../../src/diff/diff-revisions.js';
import { describeChanges } from '../../src/diff/diff-objects.js';
import { formatDiffReport } from '../../src/diff/format-diff.js';
import { formatStageBranch, formatStageId } from '../../src/layout/layout.js';
import { labelObject } from '../../src/diff/compare-objects.js';
import { makeWorkshop } from '../helpers/workshop.js';

const lines = (changes: ReturnType<typeof describeChanges>) => changes.map((change) => `${change.type} ${change.label}`);

describe('diffRevisions', () => {
  it('gives every consecutive pair of stages exactly the planned changes, whichever way the stages are named', async () => {
    const { repo, plans } = await makeWorkshop({ review: true, gitops: 'both' });
    for (let index = 1; index < plans.length; index += 1) {
      const previous = plans[index - 1];
      const plan = plans[index];
      const expected = lines(describeChanges(plan.changes));
      const byNumber = await diffRevisions(repo, String(previous.stage.number), String(plan.stage.number));
      expect(lines(byNumber.objects), formatStageId(plan.stage)).toEqual(expected);
      expect(byNumber.from).toMatchObject({ stageId: formatStageId(previous.stage), tag: previous.tag });
      expect(byNumber.to).toMatchObject({ stageId: formatStageId(plan.stage), tag: plan.tag });
      const byTagAndBranch = await diffRevisions(repo, previous.tag, formatStageBranch(plan.stage));
      expect(lines(byTagAndBranch.objects)).toEqual(expected);
      expect(byTagAndBranch.notes).toEqual([]);

      const text = formatDiffReport(byNumber, 'text');
      for (const change of plan.changes) expect(text).toContain(`${change.type.padEnd(7)} ${labelObject((change.after ?? change.before)!)}`);
    }
  });

  it('shows the reverse of a step as its undo, and nothing between a stage and itself', async () => {
    const { repo, plans } = await makeWorkshop({ until: '5' });
    const forward = await diffRevisions(repo, '4', '5');
    const backward = await diffRevisions(repo, '5', '4');
    const flip = { added: 'removed', removed: 'added', changed: 'changed' } as const;
    expect(lines(backward.objects).sort()).toEqual(forward.objects.map((diff) => `${flip[diff.type]} ${diff.label}`).sort());
    expect((await diffRevisions(repo, plans[5].tag, 'main')).objects).toEqual([]);
  });

  it('refuses an unknown side before rendering anything', async () => {
    const { repo } = await makeWorkshop({ until: '2' });
    await expect(diffRevisions(repo, '1', 'stage/09-nothing')).rejects.toThrow(/unknown stage, tag or branch "stage\/09-nothing"/);
  });
});
