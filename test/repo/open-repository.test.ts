import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { formatStageBranch, formatStageId, formatTag } from '../../src/layout/layout.js';
import { openRepository } from '../../src/repo/open-repository.js';
import { hashBlob, renderFromAnswers } from '../../src/repo/render-revision.js';
import { resolveRevision } from '../../src/repo/resolve-revision.js';
import { STAGES } from '../../src/scenario/stages.js';
import { git } from '../helpers/git.js';
import { makeTempDir } from '../helpers/temp.js';
import { makeWorkshop } from '../helpers/workshop.js';

describe('openRepository', () => {
  it('reads the answers, the stage tags and, in review form, the stage branches', async () => {
    const { repo, plans } = await makeWorkshop({ review: true, until: '4', tenant: 'user4' });
    const opened = await openRepository(join(repo, 'stages'));
    expect(opened.dir).toBe(repo);
    expect(opened.settings).toMatchObject({ tenant: 'user4', review: true, until: 4, branch: 'main' });
    expect([...opened.stageTags.values()].map((ref) => ref.name)).toEqual(plans.map((plan) => plan.tag));
    expect([...opened.stageBranches.values()].map((ref) => ref.name)).toEqual(STAGES.slice(1, 5).map(formatStageBranch));
    for (const [number, ref] of opened.stageTags) expect(ref.commit).toBe(git(repo, 'rev-parse', `${formatTag(STAGES[number])}^{commit}`).trim());
  });

  it('refuses a missing folder, a folder outside git, and a repository this tool did not make', async () => {
    const dir = makeTempDir();
    await expect(openRepository(join(dir, 'nope'))).rejects.toThrow(/is not a folder/);
    await expect(openRepository(dir)).rejects.toThrow(/is not a git repository/);
    git(dir, 'init', '--quiet');
    await expect(openRepository(dir)).rejects.toThrow(/has no commit yet/);
    writeFileSync(join(dir, 'README.md'), 'mine\n');
    git(dir, 'add', 'README.md');
    git(dir, 'commit', '--quiet', '-m', 'mine');
    await expect(openRepository(dir)).rejects.toMatchObject({ message: expect.stringMatching(/has no \.yo-rc\.json/), hint: expect.stringContaining('sockshop-mesh new') });
  });
});

describe('resolveRevision', () => {
  it('takes stage numbers, ids, names and tags to the stage tag, and branches and commits as git does', async () => {
    const { repo } = await makeWorkshop({ review: true, until: '4' });
    const opened = await openRepository(repo);
    const commitOf = (ref: string) => git(repo, 'rev-parse', `${ref}^{commit}`).trim();
    const tag = formatTag(STAGES[4]);
    for (const input of ['4', '04', formatStageId(STAGES[4]), STAGES[4].slug, tag, formatStageBranch(STAGES[4]), commitOf(tag).slice(0, 10)]) {
      expect((await resolveRevision(opened, input)).commit, input).toBe(commitOf(tag));
    }
    expect((await resolveRevision(opened, 'main')).commit).toBe(commitOf('main'));
  });

  it('refuses an unknown name with the nearest real one, and a stage this repository does not hold', async () => {
    const { repo } = await makeWorkshop({ until: '4' });
    const opened = await openRepository(repo);
    await expect(resolveRevision(opened, 'v1.4.0+sidecar-injectoin')).rejects.toThrow(/unknown stage, tag or branch "v1.4.0\+sidecar-injectoin" \(did you mean v1.4.0\+sidecar-injection\?\)/);
    await expect(resolveRevision(opened, 'member-rol')).rejects.toThrow(/did you mean member-roll\?/);
    await expect(resolveRevision(opened, '7')).rejects.toMatchObject({ message: expect.stringMatching(/07-traffic-split has no tag/), hint: expect.stringContaining('--until 04-sidecar-injection') });
    await expect(resolveRevision(opened, '--output')).rejects.toThrow(UserError);
  });
});

describe('renderFromAnswers', () => {
  it('renders what the planner renders for the newest stage folder of the revision', async () => {
    const { repo, plans } = await makeWorkshop({ gitops: 'flux' });
    for (const plan of plans) {
      const rendered = await renderFromAnswers(repo, git(repo, 'rev-parse', `${plan.tag}^{commit}`).trim(), plan.tag);
      expect(rendered.stage).toBe(plan.stage);
      expect(rendered.objects).toEqual(plan.objects);
      expect(rendered.notes).toEqual([]);
    }
  });

  it('says so when the manifests at the revision were edited by hand', async () => {
    const { repo } = await makeWorkshop({ until: '2' });
    const file = 'stages/02-control-plane/mesh/control-plane.yaml';
    writeFileSync(join(repo, file), `${git(repo, 'show', `HEAD:${file}`)}# edited\n`);
    git(repo, 'commit', '--quiet', '-am', 'edit by hand');
    const rendered = await renderFromAnswers(repo, git(repo, 'rev-parse', 'HEAD').trim(), 'HEAD');
    expect(rendered.notes).toEqual([expect.stringContaining(`1 manifest file(s) differ from what its answers generate for stage 02-control-plane`)]);
    expect(rendered.notes[0]).toContain(file);
  });

  it('hashes blobs as git does', () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'f'), 'héllo\n');
    expect(hashBlob('héllo\n')).toBe(git(dir, 'hash-object', 'f').trim());
  });
});
