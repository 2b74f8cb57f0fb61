/**
 * `promote` on real repositories with local bare remotes: pin mode walks every stage with one
 * commit each, follow mode pushes one tag at a time; refusals change nothing here or there.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../src/diff/diff-objects.js';
import { formatMessage } from '../../src/docs/messages.js';
import { DEFAULT_FLAVOR, getFlavor } from '../../src/flavors/registry.js';
import { formatStageBranch, formatStageId, formatTag, pinFile } from '../../src/layout/layout.js';
import { readPin } from '../../src/promote/bootstrap-pin.js';
import { promote } from '../../src/promote/promote.js';
import { readStatus } from '../../src/promote/status.js';
import { publishRepository } from '../../src/publish/publish.js';
import { git } from '../helpers/git.js';
import { divergeRemote, listRefs, makeBareRemote, makeWorkshop, refusePushes } from '../helpers/workshop.js';

const STAGES = getFlavor(DEFAULT_FLAVOR).stages;
const id = (number: number) => formatStageId(STAGES[number]);

const pinAt = (repo: string, revision: string) => ({
  argocd: (load(git(repo, 'show', `${revision}:${pinFile('argocd')}`)) as any).spec.source.targetRevision,
  flux: (load(git(repo, 'show', `${revision}:${pinFile('flux')}`)) as any).spec.ref.tag,
});
const remoteTags = (remote: string) => [...listRefs(remote).keys()].filter((name) => name.startsWith('v')).sort();

describe('promote in pin mode', () => {
  it('moves both bootstraps one stage per commit on main, through every stage, pushing each with --push', async () => {
    const { root, repo, plans } = await makeWorkshop({ gitops: 'both', review: true });
    const remote = makeBareRemote(root);
    await publishRepository({ dir: repo, remote });
    for (const plan of plans.slice(1)) {
      const before = git(repo, 'rev-parse', 'main').trim();
      const result = await promote({ dir: repo, push: true });
      expect(result).toMatchObject({ mode: 'pin', remote, pushed: [`refs/heads/main:refs/heads/main`] });
      expect(result.moves).toHaveLength(1);
      expect(result.moves[0]).toMatchObject({ participant: undefined, unchanged: false, from: { number: plan.stage.number - 1 }, to: { number: plan.stage.number, id: formatStageId(plan.stage), tag: plan.tag } });
      expect(result.commit).toBe(git(repo, 'rev-parse', 'main').trim());
      expect(pinAt(repo, 'main')).toEqual({ argocd: plan.tag, flux: plan.tag });
      expect(git(repo, 'rev-parse', 'main^').trim()).toBe(before);
      expect(git(repo, 'diff', '--name-only', 'main^', 'main').trim().split('\n').sort()).toEqual([pinFile('argocd'), pinFile('flux')]);
      const message = git(repo, 'show', '-s', '--format=%B', 'main');
      expect(message.split('\n')[0]).toBe(`Promote to ${formatStageId(plan.stage)}`);
      expect(message).toContain(`${id(plan.stage.number - 1)} (${plans[plan.stage.number - 1].tag}) -> ${formatStageId(plan.stage)} (${plan.tag})\n${plan.message.split('\n')[0]}\n`);
      for (const change of describeChanges(plan.changes)) expect(message).toContain(`- ${change.type} ${change.label}`);
      expect(listRefs(remote).get('main')).toBe(listRefs(repo).get('main'));
      expect(git(repo, 'status', '--porcelain')).toBe('');
    }
    await expect(promote({ dir: repo })).rejects.toThrow(/it is the last stage of this repository/);
  }, 240_000); // ten promotions with real git, each rendering two revisions

  it('refuses to skip stages unless --skip, and to go back unless --rollback', async () => {
    const { repo } = await makeWorkshop({ gitops: 'both', until: '5' });
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    await expect(promote({ dir: repo, stage: '3' })).rejects.toThrow(`would skip ${id(1)}, ${id(2)}.`);
    expect(git(repo, 'rev-parse', 'HEAD').trim()).toBe(head);
    const skipped = await promote({ dir: repo, stage: STAGES[3].slug, skip: true });
    expect(skipped.moves[0].to.id).toBe(id(3));
    expect(pinAt(repo, 'HEAD')).toEqual({ argocd: formatTag(STAGES[3]), flux: formatTag(STAGES[3]) });
    await expect(promote({ dir: repo, stage: formatTag(STAGES[1]) })).rejects.toThrow(`before the live stage ${id(3)}`);
    const back = await promote({ dir: repo, stage: formatTag(STAGES[1]), rollback: true });
    expect(back.moves[0].to.id).toBe(id(1));
    expect(git(repo, 'show', '-s', '--format=%s', 'HEAD').trim()).toBe(`Roll back to ${id(1)}`);
    const before = git(repo, 'rev-parse', 'HEAD').trim();
    const again = await promote({ dir: repo, stage: '1' });
    expect(again.moves[0].unchanged).toBe(true);
    expect(again.commit).toBeUndefined();
    expect(git(repo, 'rev-parse', 'HEAD').trim()).toBe(before);
  });

  it('refuses an unknown stage, a dirty tree, another branch and a diverged remote, changing nothing', async () => {
    const { root, repo } = await makeWorkshop({ review: true, until: '3' });
    const remote = makeBareRemote(root);
    await publishRepository({ dir: repo, remote });
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    await expect(promote({ dir: repo, stage: 'sidecar' })).rejects.toThrow(/unknown stage "sidecar"/);
    // Stage 7 exists in the flavor but not in this repository (generated --until 3).
    await expect(promote({ dir: repo, stage: '7' })).rejects.toMatchObject({ message: 'unknown stage "7".', hint: expect.stringContaining(`This repository's stages: ${STAGES.slice(0, 4).map(formatStageId).join(', ')}`) });

    writeFileSync(join(repo, 'scratch.txt'), 'mine\n');
    await expect(promote({ dir: repo })).rejects.toThrow(/uncommitted changes/);
    git(repo, 'stash', '--quiet', '--include-untracked');

    git(repo, 'switch', '--quiet', formatStageBranch(STAGES[2]));
    await expect(promote({ dir: repo })).rejects.toMatchObject({ hint: 'Switch first (git switch main) and run the command again.' });
    git(repo, 'switch', '--quiet', 'main');

    divergeRemote(root, remote);
    const theirs = listRefs(remote).get('main');
    await expect(promote({ dir: repo, push: true })).rejects.toThrow(/has commits on main that this repository does not; nothing was changed/);
    expect(git(repo, 'rev-parse', 'HEAD').trim()).toBe(head);
    expect(listRefs(remote).get('main')).toBe(theirs);
  });

  it('undoes its commit when the remote refuses the push', async () => {
    const { root, repo } = await makeWorkshop({ gitops: 'both', until: '2' });
    const remote = makeBareRemote(root);
    await publishRepository({ dir: repo, remote });
    refusePushes(remote, 'main is protected');
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    await expect(promote({ dir: repo, push: true })).rejects.toThrow(/remote: main is protected[^]*promotion commit was undone/);
    expect(git(repo, 'rev-parse', 'HEAD').trim()).toBe(head);
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(pinAt(repo, 'HEAD').argocd).toBe(formatTag(STAGES[0]));
  });
});

describe('promote in follow mode', () => {
  it('pushes the next stage tag, one at a time, and deletes later tags on --rollback', async () => {
    const { root, repo, plans } = await makeWorkshop({ mode: 'follow', gitops: 'both', until: '4' });
    const remote = makeBareRemote(root);
    await expect(promote({ dir: repo, remote })).rejects.toThrow(/has no stage tag yet/);
    await publishRepository({ dir: repo, remote });
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    for (const [index, plan] of plans.slice(1).entries()) {
      const result = await promote({ dir: repo });
      expect(result).toMatchObject({ mode: 'follow', pushed: [`refs/tags/${plan.tag}:refs/tags/${plan.tag}`] });
      expect(remoteTags(remote)).toEqual(plans.slice(0, index + 2).map((p) => p.tag).sort());
    }
    expect(git(repo, 'rev-parse', 'HEAD').trim()).toBe(head); // follow mode commits nothing

    await expect(promote({ dir: repo, stage: '1' })).rejects.toThrow(/rollback/);
    const back = await promote({ dir: repo, stage: '1', rollback: true });
    expect(back.pushed.sort()).toEqual(plans.slice(2).map((plan) => `:refs/tags/${plan.tag}`).sort());
    expect(remoteTags(remote)).toEqual([plans[0].tag, plans[1].tag].sort());

    const jump = await promote({ dir: repo, stage: '4', skip: true });
    expect(jump.pushed).toEqual(plans.slice(2).map((plan) => `refs/tags/${plan.tag}:refs/tags/${plan.tag}`));
  });

  it('reports the remote\'s refusal and leaves its tags as they were', async () => {
    const { root, repo } = await makeWorkshop({ mode: 'follow', until: '2' });
    const remote = makeBareRemote(root);
    await publishRepository({ dir: repo, remote });
    refusePushes(remote);
    await expect(promote({ dir: repo })).rejects.toThrow(/refused the push/);
    expect(remoteTags(remote)).toEqual([formatTag(STAGES[0])]);
  });
});

describe('promote in follow mode, from a teammate\'s clone', () => {
  it('knows the live stage from the remote and pushes the next tag, created from the stage\'s commit', async () => {
    const { root, repo, plans } = await makeWorkshop({ mode: 'follow', until: '3' });
    const remote = makeBareRemote(root);
    await publishRepository({ dir: repo, remote });
    await promote({ dir: repo });
    // The teammate clones now: the remote holds the first two tags and the main branch with every stage.
    const clone = join(root, 'teammate');
    git(root, 'clone', '--quiet', remote, clone);
    expect(git(clone, 'tag', '--list').trim().split('\n').sort()).toEqual([plans[0].tag, plans[1].tag].sort());
    const before = await readStatus({ dir: clone });
    expect(before.rows.map((row) => `${row.live?.id} -> ${row.next?.id}`)).toEqual([`${formatStageId(plans[1].stage)} -> ${formatStageId(plans[2].stage)}`]);
    const result = await promote({ dir: clone });
    expect(result.moves[0]).toMatchObject({ from: { id: formatStageId(plans[1].stage) }, to: { id: formatStageId(plans[2].stage) } });
    expect(result.pushed).toEqual([`refs/tags/${plans[2].tag}:refs/tags/${plans[2].tag}`]);
    // The tag it created points at the stage's own commit, with the stage's subject.
    expect(git(remote, 'rev-parse', `${plans[2].tag}^{commit}`).trim()).toBe(git(repo, 'rev-parse', `${plans[2].tag}^{commit}`).trim());
    expect(git(remote, 'cat-file', '-t', `refs/tags/${plans[2].tag}`).trim()).toBe('tag');
    expect(git(clone, 'tag', '--list', '--format=%(contents:subject)', plans[2].tag).trim()).toBe(plans[2].message.split('\n')[0]);
    expect(remoteTags(remote)).toEqual(plans.slice(0, 3).map((plan) => plan.tag).sort());
  });
});

/** A class participant's pins: the Argo CD Application's and the Flux GitRepository's, in their own bootstrap file. */
const participantPins = (repo: string, revision: string, participant: string) => ({
  argocd: readPin('argocd', git(repo, 'show', `${revision}:${pinFile('argocd', participant)}`), pinFile('argocd', participant)).value,
  flux: readPin('flux', git(repo, 'show', `${revision}:${pinFile('flux', participant)}`), pinFile('flux', participant)).value,
});
const changedFiles = (repo: string) => git(repo, 'diff', '--name-only', 'HEAD^', 'HEAD').trim().split('\n').sort();

describe('promote in a class (pin mode)', () => {
  it('moves one participant with --tenant, and nobody else', async () => {
    const { repo, plans } = await makeWorkshop({ tenants: '3', gitops: 'both', until: '4' });
    const sharedBefore = git(repo, 'show', `HEAD:${pinFile('argocd')}`);
    await expect(promote({ dir: repo })).rejects.toMatchObject({ message: 'this repository is a class of 3: say who to promote.', hint: expect.stringContaining('--tenant user1') });
    await expect(promote({ dir: repo, tenant: 'user9' })).rejects.toMatchObject({ message: expect.stringContaining('--tenant "user9": no such participant'), hint: 'Participants: user1, user2, user3.' });
    await expect(promote({ dir: repo, tenant: 'user2', all: true })).rejects.toThrow(/--tenant and --all together/);

    const first = await promote({ dir: repo, tenant: 'user2' });
    expect(first.moves.map((move) => `${move.participant} ${move.from.id} -> ${move.to.id}`)).toEqual([`user2 ${id(0)} -> ${id(1)}`]);
    // Stage 1 only brings shared parts (the operators), which the class's own pin installed already:
    // nothing of user2's changes.
    expect(Object.keys(STAGES[1].layers).every((layer) => getFlavor(DEFAULT_FLAVOR).layers.find((definition) => definition.layer === layer)?.scope === 'shared')).toBe(true);
    expect(first.moves[0].report.objects).toEqual([]);
    const second = await promote({ dir: repo, tenant: 'user2' });
    expect(second.moves.map((move) => `${move.participant} ${move.from.id} -> ${move.to.id}`)).toEqual([`user2 ${id(1)} -> ${id(2)}`]);
    expect(changedFiles(repo)).toEqual([pinFile('argocd', 'user2'), pinFile('flux', 'user2')].sort());
    expect(participantPins(repo, 'HEAD', 'user2')).toEqual({ argocd: plans[2].tag, flux: plans[2].tag });
    for (const other of ['user1', 'user3']) expect(participantPins(repo, 'HEAD', other), other).toEqual({ argocd: plans[0].tag, flux: plans[0].tag });
    expect(git(repo, 'show', `HEAD:${pinFile('argocd')}`)).toBe(sharedBefore);

    // The commit says whose stage moved, and what changes for them, rendered with their names.
    const message = git(repo, 'show', '-s', '--format=%B', 'HEAD');
    expect(message.split('\n')[0]).toBe(`Promote user2 to ${id(2)}`);
    // In the repository's language (templates/docs/<lang>/messages.yaml).
    for (const key of ['pins', 'changes', 'writtenBy']) expect(message).toContain(formatMessage('en', `promote.${key}`));
    expect(message).toContain(`user2: ${id(1)} (${plans[1].tag}) -> ${id(2)} (${plans[2].tag})`);
    const namespaces = second.moves[0].report.objects.map((diff) => diff.namespace).filter(Boolean);
    expect(namespaces).toContain('user2-istio-system');
    expect(namespaces.filter((namespace) => /^user[13]-/.test(namespace!))).toEqual([]);
    expect(message).toContain('user2-istio-system');
    expect(message).not.toMatch(/user[13]-/);
  });

  it('moves every participant one stage on from their own stage with --all, or all to a named stage', async () => {
    const { repo, plans } = await makeWorkshop({ tenants: '3', gitops: 'both', until: '4' });
    await promote({ dir: repo, tenant: 'user2', stage: '2', skip: true });
    const all = await promote({ dir: repo, all: true });
    expect(all.moves.map((move) => `${move.participant} ${move.from.id} -> ${move.to.id} ${move.unchanged}`)).toEqual([
      `user1 ${id(0)} -> ${id(1)} false`,
      `user2 ${id(2)} -> ${id(3)} false`,
      `user3 ${id(0)} -> ${id(1)} false`,
    ]);
    expect(changedFiles(repo)).toEqual(['user1', 'user2', 'user3'].flatMap((who) => [pinFile('argocd', who), pinFile('flux', who)]).sort());
    expect(git(repo, 'show', '-s', '--format=%s', 'HEAD').trim()).toBe(`Promote 3 participants to ${id(1)}, ${id(3)}`);
    expect(participantPins(repo, 'HEAD', 'user2')).toEqual({ argocd: plans[3].tag, flux: plans[3].tag });

    // All to stage 3: user1 and user3 would skip stage 2, so --skip is needed; user2 is there already.
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    await expect(promote({ dir: repo, all: true, stage: '3' })).rejects.toThrow(`promoting for user1 from ${id(1)} to ${id(3)} would skip ${id(2)}.`);
    expect(git(repo, 'rev-parse', 'HEAD').trim()).toBe(head);
    const named = await promote({ dir: repo, all: true, stage: '3', skip: true });
    expect(named.moves.map((move) => `${move.participant} ${move.unchanged}`)).toEqual(['user1 false', 'user2 true', 'user3 false']);
    expect(changedFiles(repo)).toEqual(['user1', 'user3'].flatMap((who) => [pinFile('argocd', who), pinFile('flux', who)]).sort());
    for (const who of ['user1', 'user2', 'user3']) expect(participantPins(repo, 'HEAD', who), who).toEqual({ argocd: plans[3].tag, flux: plans[3].tag });
    expect(git(repo, 'show', '-s', '--format=%s', 'HEAD').trim()).toBe(`Promote 2 participants to ${id(3)}`);

    // Nobody to move: nothing is committed.
    const still = await promote({ dir: repo, all: true, stage: '3' });
    expect(still.moves.every((move) => move.unchanged)).toBe(true);
    expect(still.commit).toBeUndefined();
  });

  it('moves the class together in follow mode, and refuses --tenant there', async () => {
    const { root, repo, plans } = await makeWorkshop({ tenants: '2', mode: 'follow', until: '2' });
    const remote = makeBareRemote(root);
    await publishRepository({ dir: repo, remote });
    await expect(promote({ dir: repo, tenant: 'user1' })).rejects.toMatchObject({ message: expect.stringContaining('in follow mode every participant follows the same stage tags'), hint: expect.stringContaining('promote --all') });
    const result = await promote({ dir: repo, all: true });
    expect(result).toMatchObject({ mode: 'follow', pushed: [`refs/tags/${plans[1].tag}:refs/tags/${plans[1].tag}`] });
    expect(remoteTags(remote)).toEqual([plans[0].tag, plans[1].tag].sort());
  });
});
