/**
 * Rendering a revision: its own cluster/ built in-process (the same objects the planner computed
 * at every stage), a hand edit visible as such, and the fallbacks: a real kustomize for what the
 * in-process subset refuses, and re-planning from the answers, with a note, when there is none.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diffRevisions } from '../../src/diff/diff-revisions.js';
import { findOnPath } from '../../src/kustomize/kustomize-binary.js';
import { renderFromTree, renderRevision } from '../../src/repo/render-revision.js';
import { git } from '../helpers/git.js';
import { makeTempDir } from '../helpers/temp.js';
import { makeWorkshop } from '../helpers/workshop.js';

const savedPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = savedPath;
});

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
      expect(rendered.stage, plan.tag).toBe(plan.stage);
      expect(rendered.objects, plan.tag).toEqual(plan.objects);
      expect(rendered.notes).toEqual([]);
    }
  });

  it('shows a manifest edited by hand as it is', async () => {
    const { repo } = await makeWorkshop({ until: '2' });
    const file = 'stages/02-control-plane/mesh/control-plane.yaml';
    writeFileSync(join(repo, file), git(repo, 'show', `HEAD:${file}`).replace(/version: v2\.6/, 'version: v2.5'));
    git(repo, 'commit', '--quiet', '-am', 'Pin the control plane to 2.5');
    const report = await diffRevisions(repo, '2', 'main');
    expect(report.objects.map((diff) => `${diff.type} ${diff.kind}`)).toEqual(['changed ServiceMeshControlPlane']);
    expect(report.objects[0].fields).toEqual([{ type: 'changed', path: 'spec.version', before: 'v2.6', after: 'v2.5' }]);
  });
});

describe('renderRevision fallbacks', () => {
  it('builds with the real kustomize what the in-process subset does not support, and says so', async () => {
    if (!findOnPath('kustomize') && !findOnPath('kubectl') && !findOnPath('oc')) throw new Error('these tests need kubectl or kustomize on PATH (see test/helpers/kustomize.ts)');
    const { repo } = await makeWorkshop({ until: '1' });
    addUnsupportedField(repo);
    const rendered = await renderRevision(repo, commitOf(repo, 'main'), 'main');
    expect(rendered.notes).toEqual([expect.stringMatching(/^main: built with (kubectl kustomize|kustomize), since .*commonAnnotations/)]);
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
