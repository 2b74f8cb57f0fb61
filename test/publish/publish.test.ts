/**
 * `publish` against local bare repositories: what lands on the remote, the pull-request links (a
 * GitHub or GitLab URL redirected to a local bare repository with git's own `insteadOf`, so no
 * network is used), and every refusal leaving the remote untouched.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPublishResult } from '../../src/cli/commands/publish.js';
import { DEFAULT_FLAVOR, getFlavor } from '../../src/flavors/registry.js';
import { formatStageBranch, formatTag } from '../../src/layout/layout.js';
import { publishRepository } from '../../src/publish/publish.js';
import { git } from '../helpers/git.js';
import { divergeRemote, listRefs, makeBareRemote, makeWorkshop, refusePushes } from '../helpers/workshop.js';

const STAGES = getFlavor(DEFAULT_FLAVOR).stages;
const branch = (number: number) => encodeURIComponent(formatStageBranch(STAGES[number]));

describe('publish (review form)', () => {
  it('pushes main, every stage branch and every tag, and makes the remote the origin', async () => {
    const { root, repo, plans } = await makeWorkshop({ review: true });
    const remote = makeBareRemote(root);
    const result = await publishRepository({ dir: repo, remote });
    expect(listRefs(remote)).toEqual(listRefs(repo));
    expect([...listRefs(remote).keys()].sort()).toEqual(['main', ...STAGES.slice(1).map(formatStageBranch), ...plans.map((plan) => plan.tag)].sort());
    expect(git(remote, 'cat-file', '-t', `refs/tags/${plans[3].tag}`).trim()).toBe('tag');
    expect(result.addedOrigin).toBe(true);
    expect(git(repo, 'remote', 'get-url', 'origin').trim()).toBe(remote);
    expect(result.pullRequests.map((step) => `${step.head} -> ${step.base}`)).toEqual(
      STAGES.slice(1).map((stage, index) => `${formatStageBranch(stage)} -> ${index === 0 ? 'main' : formatStageBranch(STAGES[index])}`),
    );

    // A second run has nothing to do and pushes nothing.
    const again = await publishRepository({ dir: repo });
    expect(again.plan.refspecs).toEqual([]);
    expect(formatPublishResult(again)).toMatch(/^Nothing to push/);
  });

  it('prints GitHub compare links in stage order, branch names URL-encoded', async () => {
    const { root, repo } = await makeWorkshop({ review: true, until: '3' });
    const remote = makeBareRemote(root);
    const url = 'https://github.com/acme/sockshop-mesh-workshop.git';
    git(repo, 'config', `url.${remote}.insteadOf`, url);
    const text = formatPublishResult(await publishRepository({ dir: repo, remote: url }));
    const links = text.split('\n').filter((line) => line.includes('/compare/'));
    expect(links.map((line) => line.trim())).toEqual([
      `https://github.com/acme/sockshop-mesh-workshop/compare/main...${branch(1)}?expand=1`,
      `https://github.com/acme/sockshop-mesh-workshop/compare/${branch(1)}...${branch(2)}?expand=1`,
      `https://github.com/acme/sockshop-mesh-workshop/compare/${branch(2)}...${branch(3)}?expand=1`,
    ]);
    expect(branch(3)).toMatch(/^stage%2F03-/);
    expect(listRefs(remote).get(formatStageBranch(STAGES[3]))).toBe(listRefs(repo).get(formatStageBranch(STAGES[3])));
  });

  it('prints GitLab merge-request links for an scp-like remote', async () => {
    const { root, repo } = await makeWorkshop({ review: true, until: '1' });
    const remote = makeBareRemote(root);
    const url = 'git@gitlab.example.com:workshops/team/sockshop.git';
    git(repo, 'config', `url.${remote}.insteadOf`, url);
    const result = await publishRepository({ dir: repo, remote: url });
    expect(result.pullRequests.map((step) => step.url)).toEqual([
      `https://gitlab.example.com/workshops/team/sockshop/-/merge_requests/new?merge_request%5Bsource_branch%5D=${branch(1)}&merge_request%5Btarget_branch%5D=main`,
    ]);
  });
});

describe('publish (linear form and modes)', () => {
  it('pushes main and the tags, and suggests the review form for pull requests', async () => {
    const { root, repo, plans } = await makeWorkshop({ until: '2' });
    const remote = makeBareRemote(root);
    const result = await publishRepository({ dir: repo, remote });
    expect([...listRefs(remote).keys()].sort()).toEqual(['main', ...plans.map((plan) => plan.tag)].sort());
    expect(formatPublishResult(result)).toContain('sockshop-mesh new DIR --review');
  });

  it('pushes no tag with skipTags', async () => {
    const { root, repo } = await makeWorkshop({ review: true, until: '2' });
    const remote = makeBareRemote(root);
    await publishRepository({ dir: repo, remote, skipTags: true });
    expect([...listRefs(remote).keys()].sort()).toEqual(['main', ...STAGES.slice(1, 3).map(formatStageBranch)]);
  });

  it('in follow mode pushes the first stage tag only, since the engine follows the highest tag', async () => {
    const { root, repo } = await makeWorkshop({ mode: 'follow', until: '3' });
    const remote = makeBareRemote(root);
    const result = await publishRepository({ dir: repo, remote });
    expect([...listRefs(remote).keys()].filter((name) => name.startsWith('v'))).toEqual([formatTag(STAGES[0])]);
    expect(result.plan.heldBack).toEqual(STAGES.slice(1, 4).map(formatTag));
    expect(formatPublishResult(result)).toContain(`\`sockshop-mesh promote\` pushes ${formatTag(STAGES[1])}`);
  });
});

describe('publish refuses, changing nothing', () => {
  it('when the remote refuses the push (a pre-receive hook)', async () => {
    const { root, repo } = await makeWorkshop({ review: true, until: '2' });
    const remote = makeBareRemote(root);
    refusePushes(remote, 'pushes are closed for the workshop');
    const failure = publishRepository({ dir: repo, remote });
    await expect(failure).rejects.toMatchObject({ name: 'UserError', message: expect.stringContaining('remote: pushes are closed for the workshop') });
    await expect(publishRepository({ dir: repo, remote })).rejects.toThrow(/refused the push; nothing was changed there/);
    expect(listRefs(remote).size).toBe(0);
    expect(git(repo, 'remote')).toBe('');
  });

  it('when the remote branch has diverged, unless --force-push', async () => {
    const { root, repo } = await makeWorkshop({ until: '2' });
    const remote = makeBareRemote(root);
    await publishRepository({ dir: repo, remote });
    divergeRemote(root, remote);
    const theirs = listRefs(remote).get('main');
    await expect(publishRepository({ dir: repo })).rejects.toMatchObject({
      message: expect.stringMatching(/would overwrite work on .*\n  branch main: the remote has commits this repository does not/),
      hint: expect.stringContaining('--force-push'),
    });
    expect(listRefs(remote).get('main')).toBe(theirs);
    await publishRepository({ dir: repo, forcePush: true });
    expect(listRefs(remote).get('main')).toBe(listRefs(repo).get('main'));
  });

  it('when the remote holds a different tag of a stage name', async () => {
    const { root, repo, plans } = await makeWorkshop({ until: '1' });
    const remote = makeBareRemote(root);
    const other = await makeWorkshop({ until: '1', tenant: 'user9' });
    git(other.repo, 'push', '--quiet', remote, `refs/tags/${plans[1].tag}`);
    await expect(publishRepository({ dir: repo, remote })).rejects.toThrow(`tag ${plans[1].tag}: the remote has a different tag of that name`);
    expect([...listRefs(remote).keys()]).toEqual([plans[1].tag]);
  });

  it('when the working tree has uncommitted changes', async () => {
    const { root, repo } = await makeWorkshop({ until: '1' });
    const remote = makeBareRemote(root);
    writeFileSync(join(repo, 'notes.txt'), 'mine\n');
    await expect(publishRepository({ dir: repo, remote })).rejects.toMatchObject({ message: expect.stringContaining('?? notes.txt'), hint: expect.stringContaining('git stash') });
    expect(listRefs(remote).size).toBe(0);
  });

  it('when there is no remote, or it cannot be reached', async () => {
    const { root, repo } = await makeWorkshop({ until: '1' });
    await expect(publishRepository({ dir: repo })).rejects.toMatchObject({ hint: expect.stringContaining('--remote URL') });
    await expect(publishRepository({ dir: repo, remote: join(root, 'missing.git') })).rejects.toThrow(/cannot read the remote/);
  });
});
