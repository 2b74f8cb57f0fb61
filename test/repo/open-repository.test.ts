import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { DEFAULT_FLAVOR, getFlavor } from '../../src/flavors/registry.js';
import type { Layer } from '../../src/flavors/types.js';
import { formatStageBranch, formatStageId, formatTag, layerDir } from '../../src/layout/layout.js';
import { publishRepository } from '../../src/publish/publish.js';
import { openRepository } from '../../src/repo/open-repository.js';
import { hashBlob, renderFromAnswers } from '../../src/repo/render-revision.js';
import { resolveRevision } from '../../src/repo/resolve-revision.js';
import { git } from '../helpers/git.js';
import { makeTempDir } from '../helpers/temp.js';
import { makeBareRemote, makeWorkshop } from '../helpers/workshop.js';

const STAGES = getFlavor(DEFAULT_FLAVOR).stages;

/** The repository path of a resource template of a stage (whichever layer the flavor puts it in). */
function resourcePath(stageNumber: number, file: string): string {
  const stage = STAGES[stageNumber];
  const layer = (Object.keys(stage.layers) as Layer[]).find((name) => stage.layers[name]?.resources?.includes(file));
  expect(layer, `${file} in stage ${stageNumber}`).toBeDefined();
  return `${layerDir(stage, layer!)}/${file}`;
}

describe('openRepository', () => {
  it('reads the answers, the stages from the content, their tags and, in review form, the stage branches', async () => {
    const { repo, plans } = await makeWorkshop({ review: true, until: '4', tenant: 'user4' });
    const opened = await openRepository(join(repo, 'stages'));
    expect(opened.dir).toBe(repo);
    expect(opened.settings).toMatchObject({ tenant: 'user4', review: true, until: 4, branch: 'main', flavor: DEFAULT_FLAVOR });
    expect(opened.flavor.id).toBe(DEFAULT_FLAVOR);
    expect([...opened.stages.values()].map((stage) => stage.id)).toEqual(plans.map((plan) => formatStageId(plan.stage)));
    expect([...opened.stages.values()].every((stage) => stage.tagged)).toBe(true);
    expect([...opened.stageTags.values()].map((ref) => ref.name)).toEqual(plans.map((plan) => plan.tag));
    expect([...opened.stageBranches.values()].map((ref) => ref.name)).toEqual(STAGES.slice(1, 5).map(formatStageBranch));
    for (const [number, ref] of opened.stageTags) expect(ref.commit).toBe(git(repo, 'rev-parse', `${formatTag(STAGES[number])}^{commit}`).trim());
    // The subject is the stage's commit subject, in the repository's language.
    for (const plan of plans) expect(opened.stages.get(plan.stage.number)!.subject).toBe(plan.tagMessage.split('\n')[0]);
  });

  it('knows every stage in a clone that holds only the pushed tags (a follow-mode remote)', async () => {
    const { root, repo, plans } = await makeWorkshop({ mode: 'follow', until: '3' });
    const remote = makeBareRemote(root);
    await publishRepository({ dir: repo, remote });
    expect(git(remote, 'tag', '--list').trim()).toBe(plans[0].tag);
    const clone = join(root, 'clone');
    git(root, 'clone', '--quiet', remote, clone);
    const opened = await openRepository(clone);
    expect([...opened.stages.values()].map((stage) => `${stage.id} ${stage.tagged}`)).toEqual(plans.map((plan, index) => `${formatStageId(plan.stage)} ${index === 0}`));
    expect([...opened.stageTags.keys()]).toEqual([0]);
    for (const plan of plans) {
      const stage = opened.stages.get(plan.stage.number)!;
      expect(stage.tag).toBe(plan.tag);
      expect(stage.commit, plan.tag).toBe(git(repo, 'rev-parse', `${plan.tag}^{commit}`).trim());
      expect(stage.subject).toBe(plan.message.split('\n')[0]);
    }
  });

  it('opens a repository from before flavors as ossm2, whatever stage its answers\' until names', async () => {
    const { repo, plans } = await makeWorkshop({ flavor: 'ossm2', until: '3' });
    const answers = JSON.parse(readFileSync(join(repo, '.yo-rc.json'), 'utf8'));
    const own = answers['generator-sockshop-mesh'];
    delete own.flavor;
    own.until = '08-observability'; // the old table's last stage; stage 8 is another one today
    writeFileSync(join(repo, '.yo-rc.json'), `${JSON.stringify(answers, null, 2)}\n`);
    git(repo, 'commit', '--quiet', '-am', 'An answers file from before flavors');
    const opened = await openRepository(repo);
    expect(opened.flavor.id).toBe('ossm2');
    expect(opened.settings.until).toBe(getFlavor('ossm2').stages.at(-1)!.number);
    // The stages are the repository's own, not today's table up to that until.
    expect([...opened.stages.values()].map((stage) => stage.id)).toEqual(plans.map((plan) => formatStageId(plan.stage)));
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
    const typo = formatTag(STAGES[4]).replace('injection', 'injectoin');
    await expect(resolveRevision(opened, typo)).rejects.toThrow(`unknown stage, tag or branch ${JSON.stringify(typo)} (did you mean ${formatTag(STAGES[4])}?)`);
    await expect(resolveRevision(opened, STAGES[3].slug.slice(0, -1))).rejects.toThrow(`did you mean ${STAGES[3].slug}?`);
    const held = STAGES.slice(0, 5).map(formatStageId).join(', ');
    await expect(resolveRevision(opened, String(STAGES[7].number))).rejects.toMatchObject({ message: expect.stringMatching(/this repository has no stage 7\./), hint: `Its stages: ${held}.` });
    await expect(resolveRevision(opened, '--output')).rejects.toThrow(UserError);
  });
});

describe('renderFromAnswers', () => {
  it('renders what the planner renders for the newest stage folder of the revision', async () => {
    const { repo, plans } = await makeWorkshop({ gitops: 'flux' });
    for (const plan of plans) {
      const rendered = await renderFromAnswers(repo, git(repo, 'rev-parse', `${plan.tag}^{commit}`).trim(), plan.tag);
      expect(rendered.stage).toEqual({ number: plan.stage.number, slug: plan.stage.slug, id: formatStageId(plan.stage) });
      expect(rendered.objects).toEqual(plan.objects);
      expect(rendered.notes).toEqual([]);
    }
  });

  it('says so when the manifests at the revision were edited by hand', async () => {
    const { repo } = await makeWorkshop({ until: '2' });
    const file = resourcePath(2, 'control-plane.yaml');
    writeFileSync(join(repo, file), `${git(repo, 'show', `HEAD:${file}`)}# edited\n`);
    git(repo, 'commit', '--quiet', '-am', 'edit by hand');
    const rendered = await renderFromAnswers(repo, git(repo, 'rev-parse', 'HEAD').trim(), 'HEAD');
    expect(rendered.notes).toEqual([expect.stringContaining(`1 manifest file(s) differ from what its answers generate for stage ${formatStageId(STAGES[2])}`)]);
    expect(rendered.notes[0]).toContain(file);

    // A manifest added by hand counts too.
    writeFileSync(join(repo, 'cluster/extra.yaml'), 'kind: ConfigMap\n');
    git(repo, 'add', 'cluster/extra.yaml');
    git(repo, 'commit', '--quiet', '-m', 'add by hand');
    const added = await renderFromAnswers(repo, git(repo, 'rev-parse', 'HEAD').trim(), 'HEAD');
    expect(added.notes).toEqual([expect.stringContaining('2 manifest file(s) differ')]);
  });

  it('hashes blobs as git does', () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'f'), 'héllo\n');
    expect(hashBlob('héllo\n')).toBe(git(dir, 'hash-object', 'f').trim());
  });
});
