import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { FLAVORS } from '../../src/flavors/registry.js';
import { formatStageId, layerDir } from '../../src/layout/layout.js';
import { deriveReferenceNames } from '../../src/layout/names.js';
import { planStages } from '../../src/plan/plan-stages.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { GITOPS_CHOICES, selectEngines } from '../../src/settings/settings.js';
import { assertPlansValid, checkPlans } from '../../src/validate-repo/check-plans.js';

describe.each(FLAVORS.map((flavor) => [flavor.id, flavor] as const))('checkPlans (run by the generator before writing), %s', (_id, flavor) => {
  it('finds nothing wrong with the generated workshop, for every engine choice', () => {
    for (const gitops of GITOPS_CHOICES) {
      const plans = planStages(checkSettings({ flavor: flavor.id, gitops }));
      const reports = checkPlans(plans, flavor, selectEngines(gitops));
      expect(reports.map((report) => report.stage)).toEqual(flavor.stages.map(formatStageId));
      for (const report of reports) {
        expect(report.objects, `${gitops} ${report.stage}`).toBeGreaterThan(0);
        expect(report.violations, `${gitops} ${report.stage}`).toEqual([]);
      }
    }
  });

  it('stops generation with the whole report when a template is broken', () => {
    const settings = checkSettings({ flavor: flavor.id });
    const plans = planStages(settings);
    // The stage that adds the carts VirtualService, whichever number it has in this flavor.
    const stage = flavor.stages.find((candidate) => candidate.layers.apps?.resources?.includes('carts-virtualservice.yaml'))!;
    const file = `${layerDir(stage, 'apps')}/carts-virtualservice.yaml`;
    const last = plans.at(-1)!;
    const files = new Map(last.files);
    expect(files.get(file)).toContain('timeout: 3s');
    files.set(file, files.get(file)!.replace('timeout: 3s', 'timeout: 3s\n      retriez: 2'));
    const broken = [...plans.slice(0, -1), { ...last, files }];
    const engines = selectEngines(settings.gitops);
    expect(() => assertPlansValid(broken, flavor, engines)).toThrow(ValidationError);
    const { appNamespace } = deriveReferenceNames(flavor, settings);
    const where = new RegExp(`${formatStageId(stage)}: \\d+ objects, 1 error[\\s\\S]*carts-virtualservice.yaml VirtualService/carts \\(${appNamespace}\\) spec.http\\[0\\].retriez: unknown field`);
    expect(() => assertPlansValid(broken, flavor, engines)).toThrow(where);
  });
});
