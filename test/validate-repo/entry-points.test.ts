/**
 * `validate` checks what the engines sync, not only the stage folders: the entry point `cluster/`
 * and its layer folders and, in a class, each participant's folders. A hand edit there breaks the
 * cluster even when every stage folder still builds, so it must be reported, under that folder.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFlavor } from '../../src/flavors/registry.js';
import { FLUX_TENANCY_DIR } from '../../src/plan/plan-class.js';
import { createRepository } from '../../src/history/create-repository.js';
import { BOOTSTRAP_DIR, ENTRY_DIR, entryLayerDir, formatStageId, tenantDir } from '../../src/layout/layout.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { selectEngines } from '../../src/settings/settings.js';
import { runValidate, type RunValidateOptions } from '../../src/validate-repo/run-validate.js';
import { git } from '../helpers/git.js';
import { makeTempDir } from '../helpers/temp.js';

const defaults: Omit<RunValidateOptions, 'dir'> = { output: 'text', validator: 'embedded', crds: [], schemaLocations: [], ignoreMissingSchemas: false, fallback: true };
const validate = (dir: string) => runValidate({ ...defaults, dir });

const settings = checkSettings({ directory: 'class', tenants: 'ann,bob', gitops: 'both' });
const flavor = getFlavor(settings.flavor);
let shared: string;
let template: string;

beforeAll(async () => {
  // Not makeTempDir: that folder is removed after each test, and this one serves them all.
  shared = mkdtempSync(join(tmpdir(), 'sockshop-mesh-entry-points-'));
  template = (await createRepository(settings, { cwd: shared, moveAside: false })).path;
});
afterAll(() => rmSync(shared, { recursive: true, force: true }));

/** A fresh clone of the generated class for one test to break. */
function copyRepository(): string {
  const dir = join(makeTempDir(), 'class');
  git('/', 'clone', '--quiet', template, dir);
  return dir;
}

/** The folders the engines sync, from the flavor's layers, the engines and the tenant list. */
function expectedEntryPoints(): string[] {
  const engines = selectEngines(settings.gitops);
  const layers = [...new Set(flavor.layers.flatMap((definition) => engines.map((engine) => entryLayerDir(definition, engine))))];
  const participantLayers = flavor.layers.filter((definition) => definition.scope === 'participant');
  const tenants = settings.tenants.flatMap((participant) => [tenantDir(participant), ...participantLayers.map((definition) => tenantDir(participant, definition.layer))]);
  return [ENTRY_DIR, ...layers, FLUX_TENANCY_DIR, ...tenants].sort();
}

describe('validate: the folders the engines sync', () => {
  it('checks cluster/ and every participant’s folders beside the stages and the bootstraps, all clean', async () => {
    const { valid, reports } = await validate(template);
    const names = reports.map((report) => report.stage);
    expect(names.filter((name) => /^\d\d-/.test(name))).toEqual(flavor.stages.map(formatStageId));
    expect(names.filter((name) => name.startsWith(`${ENTRY_DIR}`) || name.startsWith('tenants/')).sort()).toEqual(expectedEntryPoints());
    expect(names.filter((name) => name.startsWith(`${BOOTSTRAP_DIR}/`))).toEqual(selectEngines(settings.gitops).map((engine) => `${BOOTSTRAP_DIR}/${engine}`));
    for (const report of reports) expect(report.violations, report.stage).toEqual([]);
    // Each participant's folder holds their objects (their values are left out, as kustomize does).
    for (const participant of settings.tenants) expect(reports.find((report) => report.stage === tenantDir(participant))!.objects).toBeGreaterThan(0);
    expect(valid).toBe(true);
  });

  it('reports a broken entry point under cluster/ and a broken participant folder, while the stages stay clean', async () => {
    const dir = copyRepository();
    const platform = entryLayerDir(flavor.layers.find((definition) => definition.layer === 'platform')!);
    writeFileSync(join(dir, platform, 'kustomization.yaml'), dump({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['../../stages/99-missing/platform'] }));
    const apps = tenantDir('bob', 'apps');
    writeFileSync(join(dir, apps, 'extra.yaml'), dump({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'extra', namespace: 'bob-sockshop' }, spec: { portz: [{ port: 80 }] } }));
    writeFileSync(join(dir, apps, 'kustomization.yaml'), dump({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['../../../cluster/apps', '../values', 'extra.yaml'], components: ['../../../components/participant'] }));

    const { valid, reports, text } = await validate(dir);
    expect(valid).toBe(false);
    const byName = new Map(reports.map((report) => [report.stage, report]));
    // The platform folder, and the entry point that includes it, cannot render.
    for (const name of [platform, ENTRY_DIR]) {
      expect(byName.get(name)!.violations.map((violation) => violation.code), name).toEqual(['render']);
      expect(byName.get(name)!.violations[0].message).toMatch(/99-missing/);
    }
    // bob's apps folder: the field, the file and the object are named.
    expect(byName.get(apps)!.violations).toEqual([expect.objectContaining({ file: `${apps}/extra.yaml`, kind: 'Service', name: 'extra', code: 'schema', severity: 'error' })]);
    expect(byName.get(apps)!.violations[0].path).toMatch(/portz/);
    expect(text).toContain(`${apps}/extra.yaml`);
    // Each bootstrap follows its Application / Kustomizations into the folders they sync, so it names the
    // broken one too.
    const bootstraps = selectEngines(settings.gitops).map((engine) => `${BOOTSTRAP_DIR}/${engine}`);
    for (const name of bootstraps) expect(byName.get(name)!.violations.some((violation) => violation.message.includes('99-missing') || violation.message.includes(platform)), name).toBe(true);
    // Nothing else is blamed: not the stages, not ann, not bob's other folders.
    const blamed = reports.filter((report) => report.violations.length > 0).map((report) => report.stage).sort();
    expect(blamed).toEqual([ENTRY_DIR, platform, apps, ...bootstraps].sort());
  });
});
