/**
 * Rendering a revision: its own cluster/ built in-process (the same objects the planner computed
 * at every stage), a hand edit visible as such, and the fallbacks: a real kustomize for what the
 * in-process subset refuses, and re-planning from the answers, with a note, when there is none.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diffRevisions } from '../../src/diff/diff-revisions.js';
import { DEFAULT_FLAVOR, getFlavor } from '../../src/flavors/registry.js';
import { findOnPath } from '../../src/kustomize/kustomize-binary.js';
import { ENTRY_DIR, formatStageId, layerDir, tenantDir } from '../../src/layout/layout.js';
import { renderFromTree, renderRevision } from '../../src/repo/render-revision.js';
import { git } from '../helpers/git.js';
import { buildWithKustomize } from '../helpers/kustomize.js';
import { makeTempDir } from '../helpers/temp.js';
import { makeWorkshop } from '../helpers/workshop.js';

const savedPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = savedPath;
});

const flavor = getFlavor(DEFAULT_FLAVOR);

const commitOf = (repo: string, revision: string) => git(repo, 'rev-parse', `${revision}^{commit}`).trim();

/** Adds a kustomize field the in-process renderer does not build (it is valid for kustomize). */
function addUnsupportedField(repo: string): void {
  const file = join(repo, 'cluster/apps/kustomization.yaml');
  writeFileSync(file, `${git(repo, 'show', 'HEAD:cluster/apps/kustomization.yaml')}commonAnnotations:\n  workshop/owner: team-a\n`);
  git(repo, 'commit', '--quiet', '-am', 'Annotate the apps');
}

describe('renderFromTree', () => {
  it('builds every stage tag into exactly the objects the planner computed', async () => {
    const { repo, plans } = await makeWorkshop({ gitops: 'both', review: true });
    for (const plan of plans) {
      const rendered = await renderFromTree(repo, commitOf(repo, plan.tag), plan.tag);
      expect(rendered.stage, plan.tag).toEqual({ number: plan.stage.number, slug: plan.stage.slug, id: formatStageId(plan.stage) });
      expect(rendered.objects, plan.tag).toEqual(plan.objects);
      expect(rendered.notes).toEqual([]);
    }
  });

  it('shows a manifest edited by hand as it is', async () => {
    const { repo } = await makeWorkshop({ until: '2' });
    const stage = flavor.stages[2];
    const file = `${layerDir(stage, 'participant')}/control-plane.yaml`;
    expect(stage.layers.participant?.resources).toContain('control-plane.yaml');
    const version = flavor.facts.pins.istioVersion.value;
    const older = version.replace(/\.(\d+)$/, (_, patch: string) => `.${Number(patch) - 1}`);
    const text = git(repo, 'show', `HEAD:${file}`);
    expect(text).toContain(`version: ${version}`);
    writeFileSync(join(repo, file), text.replace(`version: ${version}`, `version: ${older}`));
    git(repo, 'commit', '--quiet', '-am', `Pin the control plane to ${older}`);
    const report = await diffRevisions(repo, '2', 'main');
    expect(report.objects.map((diff) => `${diff.type} ${diff.kind}`)).toEqual([`changed ${flavor.injection.controlPlaneKind}`]);
    expect(report.objects[0].fields).toEqual([{ type: 'changed', path: 'spec.version', before: version, after: older }]);
  });
});

describe('renderFromTree for a class', () => {
  it('builds what a participant\'s pin moves: their tenant folder, with their names, and none of the shared parts', async () => {
    const { root, repo, plans } = await makeWorkshop({ tenants: '2', until: '3' });
    const checkout = join(root, 'checkout');
    git(root, 'clone', '--quiet', repo, checkout);
    for (const plan of plans) {
      git(checkout, 'checkout', '--quiet', plan.tag);
      const rendered = await renderFromTree(repo, commitOf(repo, plan.tag), plan.tag, { participant: 'user2' });
      expect(rendered.objects, plan.tag).toEqual(buildWithKustomize(join(checkout, tenantDir('user2'))));
      // The shared parts (cluster/) follow the class's own pin, not the participant's.
      const shared = new Set(buildWithKustomize(join(checkout, ENTRY_DIR)).map((object) => `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`));
      expect(rendered.objects.filter((object) => shared.has(`${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`)), plan.tag).toEqual([]);
      const namespaces = new Set(rendered.objects.map((object) => object.metadata.namespace).filter(Boolean));
      expect([...namespaces].some((namespace) => String(namespace).startsWith('user1-')), plan.tag).toBe(false);
      expect(rendered.notes).toEqual([]);
    }
    // Without a participant: the whole stage folder, written for the placeholder participant.
    const last = plans.at(-1)!;
    expect((await renderFromTree(repo, commitOf(repo, last.tag), last.tag)).objects).toEqual(last.objects);
    await expect(renderFromTree(repo, commitOf(repo, last.tag), last.tag, { participant: 'user3' })).rejects.toMatchObject({
      message: expect.stringContaining('has no participant "user3" (no tenants/user3/)'),
      hint: 'Participants: user1, user2.',
    });
  });
});

describe('renderRevision fallbacks', () => {
  it('builds with the real kustomize what the in-process subset does not support, and says so', async () => {
    if (!findOnPath('kustomize') && !findOnPath('kubectl') && !findOnPath('oc')) throw new Error('these tests need kubectl or kustomize on PATH (see test/helpers/kustomize.ts)');
    const { repo } = await makeWorkshop({ until: '1' });
    addUnsupportedField(repo);
    const rendered = await renderRevision(repo, commitOf(repo, 'main'), 'main');
    expect(rendered.notes).toEqual([expect.stringMatching(/^main: cluster built with (kubectl kustomize|kustomize), since cluster\/apps\/kustomization\.yaml: .*commonAnnotations/)]);
    const deployments = rendered.objects.filter((object) => object.kind === 'Deployment');
    expect(deployments.length).toBeGreaterThan(0);
    for (const deployment of deployments) expect(deployment.metadata.annotations).toMatchObject({ 'workshop/owner': 'team-a' });
  });

  it('re-plans from the answers, with notes, when no kustomize can build the revision', async () => {
    const { repo, plans } = await makeWorkshop({ until: '1' });
    addUnsupportedField(repo);
    const bin = makeTempDir();
    mkdirSync(join(bin, 'only-git'));
    symlinkSync(findOnPath('git')!, join(bin, 'only-git', 'git'));
    process.env.PATH = join(bin, 'only-git');
    const rendered = await renderRevision(repo, commitOf(repo, 'main'), 'main');
    expect(rendered.objects).toEqual(plans[1].objects);
    expect(rendered.notes[0]).toMatch(/^main: kustomize was not found on PATH\. The objects shown are what its answers generate\./);
    expect(rendered.notes[1]).toContain('cluster/apps/kustomization.yaml');
  });
});
