import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { FLAVORS } from '../../src/flavors/registry.js';
import { bootstrapDir, formatStageId, layerDir, pinFile } from '../../src/layout/layout.js';
import { deriveReferenceNames } from '../../src/layout/names.js';
import { planStages, type StagePlan } from '../../src/plan/plan-stages.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { GITOPS_CHOICES, selectEngines } from '../../src/settings/settings.js';
import { assertPlansValid, checkPlans } from '../../src/validate-repo/check-plans.js';

/** The plans with one file of the last commit edited (what checkPlans reads every folder from). */
function editFile(plans: readonly StagePlan[], file: string, edit: (text: string) => string): StagePlan[] {
  const last = plans.at(-1)!;
  const files = new Map(last.files);
  const text = files.get(file);
  expect(text, file).toBeDefined();
  const edited = edit(text!);
  expect(edited, file).not.toBe(text);
  files.set(file, edited);
  return [...plans.slice(0, -1), { ...last, files }];
}

describe.each(FLAVORS.map((flavor) => [flavor.id, flavor] as const))('checkPlans (run by the generator before writing), %s', (_id, flavor) => {
  it('finds nothing wrong with the generated workshop, for every engine choice, one participant or a class', () => {
    // Every engine choice for one participant; a class (the tenancy rule, each participant's folder followed) with both engines.
    for (const gitops of GITOPS_CHOICES) {
      for (const answers of gitops === 'both' ? [{}, { tenants: '3' }] : [{}]) {
        const plans = planStages(checkSettings({ flavor: flavor.id, gitops, ...answers }));
        const engines = selectEngines(gitops);
        const reports = checkPlans(plans, flavor, engines);
        expect(reports.map((report) => report.stage)).toEqual([...flavor.stages.map(formatStageId), ...engines.map(bootstrapDir)]);
        for (const report of reports) {
          expect(report.objects, `${gitops} ${report.stage}`).toBeGreaterThan(0);
          expect(report.violations, `${gitops} ${JSON.stringify(answers)} ${report.stage}`).toEqual([]);
        }
      }
    }
  });

  it('stops generation with the whole report when a template is broken', () => {
    const settings = checkSettings({ flavor: flavor.id });
    const plans = planStages(settings);
    // The stage that adds the carts VirtualService, whichever number it has in this flavor.
    const stage = flavor.stages.find((candidate) => candidate.layers.apps?.resources?.includes('carts-virtualservice.yaml'))!;
    const broken = editFile(plans, `${layerDir(stage, 'apps')}/carts-virtualservice.yaml`, (text) => text.replace('timeout: 3s', 'timeout: 3s\n      retriez: 2'));
    const engines = selectEngines(settings.gitops);
    expect(() => assertPlansValid(broken, flavor, engines)).toThrow(ValidationError);
    const { appNamespace } = deriveReferenceNames(flavor, settings);
    const where = new RegExp(`${formatStageId(stage)}: \\d+ objects, 1 error[\\s\\S]*carts-virtualservice.yaml VirtualService/carts \\(${appNamespace}\\) spec.http\\[0\\].retriez: unknown field`);
    expect(() => assertPlansValid(broken, flavor, engines)).toThrow(where);
  });

  it("refuses a class whose participant's GitOps objects reach into another participant's namespaces", () => {
    const settings = checkSettings({ flavor: flavor.id, gitops: 'both', tenants: '3' });
    const plans = planStages(settings);
    const other = deriveReferenceNames(flavor, { tenant: 'user3', tenants: [], domain: settings.domain });
    const own = deriveReferenceNames(flavor, { tenant: 'user1', tenants: [], domain: settings.domain });
    const argocd = editFile(plans, pinFile('argocd', 'user1'), (text) => text.replace(`namespace: ${own.appNamespace}`, `namespace: ${other.appNamespace}`));
    const flux = editFile(argocd, pinFile('flux', 'user2'), (text) => text.replace('serviceAccountName: sockshop-mesh-user2', 'serviceAccountName: sockshop-mesh-user1'));
    const reports = checkPlans(flux, flavor, ['argocd', 'flux']);
    const tenancy = reports.flatMap((report) => report.violations.filter((violation) => violation.code === 'tenancy').map((violation) => ({ report: report.stage, file: violation.file, kind: violation.kind, path: violation.path })));
    expect(tenancy).toEqual([
      { report: bootstrapDir('argocd'), file: pinFile('argocd', 'user1'), kind: 'AppProject', path: expect.stringMatching(/^spec\.destinations\[\d+\]\.namespace$/) },
      { report: bootstrapDir('flux'), file: pinFile('flux', 'user2'), kind: 'Kustomization', path: 'spec.serviceAccountName' },
    ]);
  });
});

/** Flavors whose engines install something each their own way (a layer with one folder per engine). */
const PER_ENGINE = FLAVORS.filter((flavor) => flavor.layers.some((definition) => definition.perEngine));

it('some flavor has a layer with a folder per engine', () => expect(PER_ENGINE.length).toBeGreaterThan(0));

describe.each(PER_ENGINE.map((flavor) => [flavor.id, flavor] as const))('checkPlans with a folder per engine, %s', (_id, flavor) => {
  it("lints each engine's own folders, naming the file the broken object comes from", () => {
    const plans = planStages(checkSettings({ flavor: flavor.id, gitops: 'both' }));
    // Every layer with a folder per engine: break the Flux folder only (the second engine's, which the stage folder does not include).
    for (const definition of flavor.layers.filter((candidate) => candidate.perEngine)) {
      const stage = flavor.stages.find((candidate) => candidate.layers[definition.layer])!;
      const dir = layerDir(stage, definition, 'flux');
      const file = [...plans.at(-1)!.files.keys()].find((path) => path.startsWith(`${dir}/`) && !path.endsWith('kustomization.yaml'))!;
      const broken = editFile(plans, file, (text) => text.replace(/^  interval: /m, '  intervall: '));
      const reports = checkPlans(broken, flavor, ['argocd', 'flux']);
      const own = reports.find((report) => report.stage === formatStageId(stage))!;
      expect(own.violations.map((violation) => `${violation.file} ${violation.path}`)).toContain(`${file} spec.intervall`);
    }
    // And the Flux stage lint is Flux's: Flux's installers missing from its folder are caught though Argo CD's are there.
    const layer = flavor.layers.find((candidate) => candidate.perEngine && flavor.stages.some((stage) => stage.layers[candidate.layer]?.charts))!.layer;
    const emptied = plans.map((plan) => ({ ...plan, engineLayers: { ...plan.engineLayers, flux: { ...plan.engineLayers.flux, [layer]: [] } } }));
    const findings = checkPlans(emptied, flavor, ['argocd', 'flux']).flatMap((report) => report.violations);
    const missing = findings.filter((violation) => violation.code === 'ordering' && /needs \S+ \(what installs its CRD\)/.test(violation.message));
    expect(missing.length).toBeGreaterThan(0);
    for (const violation of missing) expect(violation.file).toMatch(/^stages\/\d{2}-[a-z0-9-]+\/[a-z]+\/.+\.yaml$/);
    // Argo CD's folder still has its chart Applications: with Argo CD alone, nothing is missing.
    expect(checkPlans(emptied, flavor, ['argocd']).flatMap((report) => report.violations)).toEqual([]);
  });

});
