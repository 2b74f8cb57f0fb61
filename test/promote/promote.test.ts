/**
 * `promote` on real repositories with local bare remotes: pin mode walks every stage with one
 * commit each, follow mode pushes one tag at a time; refusals change nothing here or there.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../src/diff/diff-objects.js';
import { formatTag, pinFile } from '../../src/layout/layout.js';
import { promote } from '../../src/promote/promote.js';
import { publishRepository } from '../../src/publish/publish.js';
import { STAGES } from '../../src/scenario/stages.js';
import { git } from '../helpers/git.js';
import { divergeRemote, listRefs, makeBareRemote, makeWorkshop, refusePushes } from '../helpers/workshop.js';

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
      expect(result).toMatchObject({ mode: 'pin', unchanged: false });
      expect(result.to).toBe(plan.stage);
      expect(pinAt(repo, 'main')).toEqual({ argocd: plan.tag, flux: plan.tag });
      expect(git(repo, 'rev-parse', 'main^').trim()).toBe(before);
      expect(git(repo, 'diff', '--name-only', 'main^', 'main').trim().split('\n').sort()).toEqual([pinFile('argocd'), pinFile('flux')]);
      const message = git(repo, 'show', '-s', '--format=%B', 'main');
      expect(message.split('\n')[0]).toBe(`Promote to stage ${String(plan.stage.number).padStart(2, '0')} ${plan.stage.title} (${plan.tag})`);
      for (const change of describeChanges(plan.changes)) expect(message).toContain(`- ${change.type} ${change.label}`);
      expect(listRefs(remote).get('main')).toBe(listRefs(repo).get('main'));
      expect(git(repo, 'status', '--porcelain')).toBe('');
    }
    await expect(promote({ dir: repo })).rejects.toThrow(/it is the last stage of this repository/);
  });

  it('refuses to skip stages unless --skip, and to go back unless --rollback', async () => {
    const { repo } = await makeWorkshop({ gitops: 'both', until: '5' });
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    await expect(promote({ dir: repo, stage: '3' })).rejects.toThrow(/would skip 01-operators, 02-control-plane/);
    expect(git(repo, 'rev-parse', 'HEAD').trim()).toBe(head);
    const skipped = await promote({ dir: repo, stage: 'member-roll', skip: true });
    expect(skipped.to).toBe(STAGES[3]);
    expect(pinAt(repo, 'HEAD').argocd).toBe(formatTag(STAGES[3]));
    await expect(promote({ dir: repo, stage: formatTag(STAGES[1]) })).rejects.toThrow(/before the live stage 03-member-roll/);
    const back = await promote({ dir: repo, stage: formatTag(STAGES[1]), rollback: true });
    expect(back.to).toBe(STAGES[1]);
    expect(git(repo, 'show', '-s', '--format=%s', 'HEAD').trim()).toBe(`Roll back to stage 01 ${STAGES[1].title} (${formatTag(STAGES[1])})`);
    const again = await promote({ dir: repo, stage: '1' });
    expect(again.unchanged).toBe(true);
  });

  it('refuses an unknown stage, a dirty tree, another branch and a diverged remote, changing nothing', async () => {
    const { root, repo } = await makeWorkshop({ review: true, until: '3' });
    const remote = makeBareRemote(root);
    await publishRepository({ dir: repo, remote });
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    await expect(promote({ dir: repo, stage: 'sidecar' })).rejects.toThrow(/unknown stage "sidecar"/);
    await expect(promote({ dir: repo, stage: '7' })).rejects.toThrow(/07-traffic-split \(v1.7.0\+traffic-split\) has no tag/);

    writeFileSync(join(repo, 'scratch.txt'), 'mine\n');
    await expect(promote({ dir: repo })).rejects.toThrow(/uncommitted changes/);
    git(repo, 'stash', '--quiet', '--include-untracked');

    git(repo, 'switch', '--quiet', 'stage/02-control-plane');
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
