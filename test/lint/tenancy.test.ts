/**
 * The tenancy rule: a participant's GitOps objects name only that participant's namespaces, project,
 * ServiceAccount and folder. Checked on hand-made objects, on real `--tenants 3` repositories of
 * every flavor and engine (clean as generated), and on those repositories edited by hand the way a
 * participant might, through `validate` itself.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLAVORS } from '../../src/flavors/registry.js';
import { bootstrapDir, pinFile, tenantDir } from '../../src/layout/layout.js';
import { deriveParticipantNames } from '../../src/layout/names.js';
import { checkTenancy, type ParticipantScope } from '../../src/lint/tenancy.js';
import type { KubeObject } from '../../src/render/manifest.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { selectEngines, type GitOpsChoice } from '../../src/settings/settings.js';
import { runValidate } from '../../src/validate-repo/run-validate.js';
import { makeWorkshop } from '../helpers/workshop.js';

const scope: ParticipantScope = {
  participant: 'user1',
  namespaces: ['user1-istio-system', 'user1-sockshop'],
  gitopsName: 'sockshop-mesh-user1',
  dir: 'tenants/user1',
  privileged: ['tenants/user1/participant'],
};
const at = (object: KubeObject, line = 1) => ({ object, file: 'bootstrap/x/participants/user1.yaml', line });
const project = (destinations: object[]): KubeObject => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'sockshop-mesh-user1', namespace: 'argocd' }, spec: { destinations } });
const application = (spec: object): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'sockshop-mesh-user1', namespace: 'argocd' },
  spec: { project: 'sockshop-mesh-user1', source: { path: 'tenants/user1' }, destination: { server: 'https://kubernetes.default.svc' }, ...spec },
});
const kustomization = (spec: object): KubeObject => ({
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: { name: 'sockshop-mesh-user1-apps', namespace: 'flux-system' },
  spec: { path: './tenants/user1/apps', serviceAccountName: 'sockshop-mesh-user1', ...spec },
});
const found = (objects: KubeObject[]) => checkTenancy(objects.map((object) => at(object)), scope).map((violation) => [violation.kind, violation.path, violation.message]);

describe('checkTenancy', () => {
  it("passes a participant's own objects, and their cluster-scoped folder applied with Flux's rights", () => {
    const own = [
      project(scope.namespaces.map((namespace) => ({ server: 'https://kubernetes.default.svc', namespace }))),
      application({ destination: { server: 'https://kubernetes.default.svc', namespace: 'user1-sockshop' } }),
      kustomization({ targetNamespace: 'user1-sockshop' }),
      kustomization({ path: './tenants/user1/participant/', serviceAccountName: undefined }),
    ];
    expect(found(own)).toEqual([]);
  });

  it("refuses an AppProject destination in another participant's namespace, or any namespace", () => {
    expect(found([project([{ server: 'x', namespace: 'user1-sockshop' }, { server: 'x', namespace: 'user2-sockshop' }, { server: 'x', namespace: '*' }])])).toEqual([
      ['AppProject', 'spec.destinations[1].namespace', expect.stringContaining('"user2-sockshop", which is not participant user1\'s: only user1-istio-system, user1-sockshop')],
      ['AppProject', 'spec.destinations[2].namespace', expect.stringContaining('"*"')],
    ]);
  });

  it("refuses an Application outside the participant's namespaces, project or folder", () => {
    expect(found([application({ destination: { server: 'x', namespace: 'istio-system' }, project: 'sockshop-mesh', source: { path: 'cluster' } })])).toEqual([
      ['Application', 'spec.destination.namespace', expect.stringContaining('"istio-system"')],
      ['Application', 'spec.project', expect.stringContaining('belongs in their own project sockshop-mesh-user1')],
      ['Application', 'spec.source.path', expect.stringContaining('syncs cluster, outside participant user1\'s folder tenants/user1')],
    ]);
    // A folder whose name merely starts with the participant's is someone else's.
    expect(found([application({ source: { path: 'tenants/user10' } })])).toEqual([['Application', 'spec.source.path', expect.stringContaining('tenants/user10')]]);
  });

  it("refuses a Kustomization with another participant's target namespace, ServiceAccount or folder, or Flux's own rights", () => {
    expect(found([kustomization({ targetNamespace: 'user2-sockshop', serviceAccountName: 'sockshop-mesh-user2', path: './tenants/user2/apps' })])).toEqual([
      ['Kustomization', 'spec.targetNamespace', expect.stringContaining('"user2-sockshop"')],
      ['Kustomization', 'spec.path', expect.stringContaining('outside participant user1\'s folder')],
      ['Kustomization', 'spec.serviceAccountName', expect.stringContaining('run as their own ServiceAccount sockshop-mesh-user1')],
    ]);
    expect(found([kustomization({ serviceAccountName: undefined })])).toEqual([
      ['Kustomization', 'spec.serviceAccountName', expect.stringContaining("is missing: Flux would apply ./tenants/user1/apps with its own rights")],
    ]);
  });

  it('names the file and line of each object', () => {
    const [violation] = checkTenancy([at(kustomization({ targetNamespace: 'default' }), 42)], scope);
    expect(violation).toMatchObject({ file: 'bootstrap/x/participants/user1.yaml', line: 42, kind: 'Kustomization', name: 'sockshop-mesh-user1-apps', code: 'tenancy', severity: 'error' });
  });
});

const validate = (dir: string) => runValidate({ dir, output: 'text', validator: 'embedded', crds: [], schemaLocations: [], ignoreMissingSchemas: false, fallback: false });
const PARTICIPANTS = 3;

describe.each(FLAVORS.flatMap((flavor) => (['argocd', 'flux', 'both'] as GitOpsChoice[]).map((gitops) => [flavor.id, gitops] as const)))('a generated --tenants %s class (%s)', (flavorId, gitops) => {
  it('validates clean: every stage, every bootstrap, every participant inside their fence', async () => {
    const { repo } = await makeWorkshop({ flavor: flavorId, gitops, tenants: String(PARTICIPANTS) });
    const { valid, reports, text } = await validate(repo);
    expect(valid, text).toBe(true);
    const engines = selectEngines(gitops);
    expect(reports.filter((report) => report.stage.startsWith('bootstrap/')).map((report) => report.stage)).toEqual(engines.map(bootstrapDir));
    // What the rule looks at is there: each participant's bootstrap file, with their namespaces in their own folder.
    const settings = checkSettings({ flavor: flavorId, gitops, tenants: String(PARTICIPANTS) });
    expect(settings.tenants).toHaveLength(PARTICIPANTS);
    for (const engine of engines) for (const participant of settings.tenants) expect(readFileSync(join(repo, pinFile(engine, participant)), 'utf8')).toContain(tenantDir(participant));
  });
});

describe.each(FLAVORS.map((flavor) => [flavor.id] as const))('validate, on a class edited by hand (%s)', (flavorId) => {
  it("reports each participant's GitOps object that reaches outside their fence, at its file and line", async () => {
    const { repo } = await makeWorkshop({ flavor: flavorId, gitops: 'both', tenants: String(PARTICIPANTS) });
    const flavor = FLAVORS.find((candidate) => candidate.id === flavorId)!;
    const user2 = deriveParticipantNames(flavor, 'user2', 'apps.example.com');
    const user3 = deriveParticipantNames(flavor, 'user3', 'apps.example.com');
    const edit = (file: string, from: string, to: string) => {
      const path = join(repo, file);
      const text = readFileSync(path, 'utf8');
      expect(text, file).toContain(from);
      writeFileSync(path, text.replace(from, to));
    };
    // user2's project allows user3's app namespace; user3's Application joins the shared project; user2's Flux apps run as user3.
    edit(pinFile('argocd', 'user2'), `namespace: ${user2.appNamespace}`, `namespace: ${user3.appNamespace}`);
    edit(pinFile('argocd', 'user3'), `project: ${user3.gitopsName}`, 'project: sockshop-mesh');
    edit(pinFile('flux', 'user2'), `path: ./${tenantDir('user2', 'apps')}\n`, `path: ./${tenantDir('user2', 'apps')}\n  targetNamespace: ${user3.appNamespace}\n`);
    edit(pinFile('flux', 'user2'), `serviceAccountName: ${user2.gitopsName}\n  dependsOn:\n    - name: ${user2.gitopsName}-mesh`, `serviceAccountName: ${user3.gitopsName}\n  dependsOn:\n    - name: ${user2.gitopsName}-mesh`);

    const { valid, reports } = await validate(repo);
    expect(valid).toBe(false);
    const tenancy = reports.flatMap((report) => report.violations.filter((violation) => violation.code === 'tenancy').map((violation) => ({ report: report.stage, file: violation.file, name: violation.name, path: violation.path })));
    expect(tenancy).toEqual([
      { report: bootstrapDir('argocd'), file: pinFile('argocd', 'user2'), name: user2.gitopsName, path: expect.stringMatching(/^spec\.destinations\[\d\]\.namespace$/) },
      { report: bootstrapDir('argocd'), file: pinFile('argocd', 'user3'), name: user3.gitopsName, path: 'spec.project' },
      { report: bootstrapDir('flux'), file: pinFile('flux', 'user2'), name: `${user2.gitopsName}-apps`, path: 'spec.targetNamespace' },
      { report: bootstrapDir('flux'), file: pinFile('flux', 'user2'), name: `${user2.gitopsName}-apps`, path: 'spec.serviceAccountName' },
    ]);
    for (const report of reports.filter((candidate) => !candidate.stage.startsWith('bootstrap/'))) expect(report.violations, report.stage).toEqual([]);
    // Each finding has the line of its object in the participant's file.
    const lines = reports.flatMap((report) => report.violations).map((violation) => violation.line);
    for (const line of lines) expect(line).toBeGreaterThan(0);
  });
});
