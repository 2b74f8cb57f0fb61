import { describe, expect, it } from 'vitest';
import { formatStatus } from '../../src/cli/commands/status.js';
import { describeChanges } from '../../src/diff/diff-objects.js';
import { formatChangeSummary } from '../../src/promote/format-promotion.js';
import { promote } from '../../src/promote/promote.js';
import { readStatus } from '../../src/promote/status.js';
import { publishRepository } from '../../src/publish/publish.js';
import { STAGES } from '../../src/scenario/stages.js';
import { makeBareRemote, makeWorkshop } from '../helpers/workshop.js';

const print = (result: Awaited<ReturnType<typeof readStatus>>) => formatStatus(result, (indent) => formatChangeSummary(result.nextChange?.objects ?? [], indent));

describe('status in pin mode', () => {
  it('names the pinned stage and renders what the next promotion changes, and whether the remote has the pin', async () => {
    const { root, repo, plans } = await makeWorkshop({ gitops: 'both', until: '4' });
    let result = await readStatus({ dir: repo });
    expect(result).toMatchObject({ mode: 'pin', live: STAGES[0], liveTag: plans[0].tag, next: STAGES[1], nextTag: plans[1].tag });
    expect(result.nextChange!.objects.map((diff) => `${diff.type} ${diff.label}`)).toEqual(describeChanges(plans[1].changes).map((diff) => `${diff.type} ${diff.label}`));
    expect(result.notes).toEqual([expect.stringContaining('no remote known')]);

    const remote = makeBareRemote(root);
    await publishRepository({ dir: repo, remote });
    await promote({ dir: repo });
    await promote({ dir: repo });
    result = await readStatus({ dir: repo });
    expect(result.live).toBe(STAGES[2]);
    expect(result.notes).toEqual([expect.stringContaining('only after `sockshop-mesh publish`')]);
    const text = print(result);
    expect(text).toContain(`Live: ${plans[2].tag} — stage 02 ${STAGES[2].title}`);
    expect(text).toContain(`Next: ${plans[3].tag} — stage 03 ${STAGES[3].title}`);
    for (const change of describeChanges(plans[3].changes)) expect(text).toContain(`${change.type.padEnd(7)} ${change.label}`);

    await publishRepository({ dir: repo });
    expect((await readStatus({ dir: repo })).notes).toEqual([]);
    await promote({ dir: repo, stage: '4', skip: true });
    expect(print(await readStatus({ dir: repo }))).toContain('Next: nothing, this is the last stage of the repository.');
  });
});

describe('status in follow mode', () => {
  it('reads the highest stage tag on the remote, and needs a remote', async () => {
    const { root, repo, plans } = await makeWorkshop({ mode: 'follow', until: '3' });
    await expect(readStatus({ dir: repo })).rejects.toThrow(/no remote to read the live stage from/);
    const remote = makeBareRemote(root);
    let result = await readStatus({ dir: repo, remote });
    expect(result.live).toBeUndefined();
    expect(print(result)).toContain('Live: nothing yet.');
    await publishRepository({ dir: repo, remote });
    await promote({ dir: repo });
    result = await readStatus({ dir: repo });
    expect(result).toMatchObject({ mode: 'follow', live: STAGES[1], liveTag: plans[1].tag, next: STAGES[2] });
    expect(result.source).toContain(`the highest stage tag on ${remote}`);
  });
});
