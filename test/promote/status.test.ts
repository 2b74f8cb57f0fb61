import { describe, expect, it } from 'vitest';
import { formatStatus } from '../../src/cli/commands/status.js';
import { countChanges, describeChanges } from '../../src/diff/diff-objects.js';
import { DEFAULT_FLAVOR, getFlavor } from '../../src/flavors/registry.js';
import { formatStageId } from '../../src/layout/layout.js';
import { formatChangeSummary } from '../../src/promote/format-promotion.js';
import { promote } from '../../src/promote/promote.js';
import { readStatus } from '../../src/promote/status.js';
import { publishRepository } from '../../src/publish/publish.js';
import { makeBareRemote, makeWorkshop } from '../helpers/workshop.js';

const STAGES = getFlavor(DEFAULT_FLAVOR).stages;
const id = (number: number) => formatStageId(STAGES[number]);
const print = (result: Awaited<ReturnType<typeof readStatus>>) => formatStatus(result, (row, indent) => formatChangeSummary(row.nextChange?.objects ?? [], indent));
const subject = (plan: { message: string }) => plan.message.split('\n')[0];

describe('status in pin mode', () => {
  it('names the pinned stage and renders what the next promotion changes, and whether the remote has the pin', async () => {
    const { root, repo, plans } = await makeWorkshop({ gitops: 'both', until: '4' });
    let result = await readStatus({ dir: repo });
    expect(result.mode).toBe('pin');
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({ participant: undefined, live: { id: id(0), tag: plans[0].tag }, next: { id: id(1), tag: plans[1].tag } });
    expect(result.rows[0].nextChange!.objects.map((diff) => `${diff.type} ${diff.label}`)).toEqual(describeChanges(plans[1].changes).map((diff) => `${diff.type} ${diff.label}`));
    expect(result.notes).toEqual([expect.stringContaining('no remote known')]);

    const remote = makeBareRemote(root);
    await publishRepository({ dir: repo, remote });
    await promote({ dir: repo });
    await promote({ dir: repo });
    result = await readStatus({ dir: repo });
    expect(result.rows[0].live!.id).toBe(id(2));
    expect(result.notes).toEqual([expect.stringContaining('only after `sockshop-mesh publish`')]);
    const text = print(result);
    expect(text).toContain(`Live: ${plans[2].tag} — ${subject(plans[2])}`);
    expect(text).toContain(`Next: ${plans[3].tag} — ${subject(plans[3])}`);
    for (const change of describeChanges(plans[3].changes)) expect(text).toContain(`${change.type.padEnd(7)} ${change.label}`);

    await publishRepository({ dir: repo });
    expect((await readStatus({ dir: repo })).notes).toEqual([]);
    await promote({ dir: repo, stage: '4', skip: true });
    expect(print(await readStatus({ dir: repo }))).toContain('Next: nothing, this is the last stage of the repository.');
  });
});

describe('status of a class', () => {
  it('shows one row per participant at their own stage, and one participant\'s whole next change with --tenant', async () => {
    const { repo, plans } = await makeWorkshop({ tenants: '3', until: '4' });
    await promote({ dir: repo, tenant: 'user2', stage: '3', skip: true });
    await promote({ dir: repo, tenant: 'user1' });
    await promote({ dir: repo, tenant: 'user3' });
    const result = await readStatus({ dir: repo });
    expect(result.rows.map((row) => `${row.participant} ${row.live?.id} ${row.next?.id}`)).toEqual([`user1 ${id(1)} ${id(2)}`, `user2 ${id(3)} ${id(4)}`, `user3 ${id(1)} ${id(2)}`]);
    expect(result.source).toContain("each participant's bootstrap files");

    const lines = print(result).split('\n');
    const header = lines.findIndex((line) => line.startsWith('participant'));
    expect(lines[header]).toMatch(/^participant +live stage +tag +next +next promotion changes$/);
    expect(lines[header + 1]).toMatch(/^-+( +-+){4}$/);
    const table = lines.slice(header + 2, header + 5).map((line) => line.split(/ {2,}/));
    for (const [index, row] of result.rows.entries()) {
      const counts = countChanges(row.nextChange!.objects);
      expect(table[index]).toEqual([row.participant, row.live!.id, plans[row.live!.number].tag, row.next!.id, `${counts.added} added, ${counts.changed} changed, ${counts.removed} removed`]);
    }
    expect(lines[header + 5]).toBe('');
    expect(print(result)).toContain('sockshop-mesh status --tenant NAME');

    // Each participant's change is rendered with their own names.
    for (const row of result.rows) {
      const namespaces = row.nextChange!.objects.map((diff) => diff.namespace).filter((namespace): namespace is string => Boolean(namespace));
      expect(namespaces.filter((namespace) => /^user\d+-/.test(namespace) && !namespace.startsWith(`${row.participant}-`)), row.participant).toEqual([]);
    }
    // user1 and user3 make the same move: the same kinds of change, each under their own names.
    const [user1, , user3] = result.rows.map((row) => row.nextChange!.objects);
    expect(user1.some((diff) => diff.namespace === 'user1-istio-system')).toBe(true);
    expect(user3.some((diff) => diff.namespace === 'user3-istio-system')).toBe(true);
    expect(user3.map((diff) => `${diff.type} ${diff.kind}`)).toEqual(user1.map((diff) => `${diff.type} ${diff.kind}`));

    const one = await readStatus({ dir: repo, tenant: 'user2' });
    expect(one.rows.map((row) => row.participant)).toEqual(['user2']);
    const text = print(one);
    expect(text).toContain(`user2: Live: ${plans[3].tag} — ${subject(plans[3])}`);
    expect(text).toContain(`Next: ${plans[4].tag} — ${subject(plans[4])}`);
    for (const diff of one.rows[0].nextChange!.objects) expect(text).toContain(`${diff.type.padEnd(7)} ${diff.label}`);
    await expect(readStatus({ dir: repo, tenant: 'user7' })).rejects.toThrow(/--tenant "user7": no such participant/);
  });
});

describe('status in follow mode', () => {
  it('reads the highest stage tag on the remote, and needs a remote', async () => {
    const { root, repo, plans } = await makeWorkshop({ mode: 'follow', until: '3' });
    await expect(readStatus({ dir: repo })).rejects.toThrow(/no remote to read the live stage from/);
    const remote = makeBareRemote(root);
    let result = await readStatus({ dir: repo, remote });
    expect(result.rows[0].live).toBeUndefined();
    expect(print(result)).toContain('Live: nothing yet.');
    await publishRepository({ dir: repo, remote });
    await promote({ dir: repo });
    result = await readStatus({ dir: repo });
    expect(result.mode).toBe('follow');
    expect(result.rows[0]).toMatchObject({ live: { id: id(1), tag: plans[1].tag }, next: { id: id(2) } });
    expect(result.source).toContain(`the highest stage tag on ${remote}`);
  });
});
