import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { planStages } from '../../src/plan/plan-stages.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { selectEngines } from '../../src/settings/settings.js';
import { assertPlansValid, checkPlans } from '../../src/validate-repo/check-plans.js';

describe('checkPlans (run by the generator before writing)', () => {
  it('finds nothing wrong with the generated workshop, for every engine choice', () => {
    for (const gitops of ['argocd', 'flux', 'both'] as const) {
      const reports = checkPlans(planStages(checkSettings({ gitops })), selectEngines(gitops));
      for (const report of reports) expect(report.violations, `${gitops} ${report.stage}`).toEqual([]);
    }
  });

  it('stops generation with the whole report when a template is broken', () => {
    const plans = planStages(checkSettings({}));
    const last = plans.at(-1)!;
    const file = 'stages/06-resilience/apps/carts-virtualservice.yaml';
    const files = new Map(last.files);
    files.set(file, files.get(file)!.replace('timeout: 3s', 'timeout: 3s\n      retriez: 2'));
    const broken = [...plans.slice(0, -1), { ...last, files }];
    expect(() => assertPlansValid(broken, ['argocd'])).toThrow(ValidationError);
    expect(() => assertPlansValid(broken, ['argocd'])).toThrow(/06-resilience: \d+ objects, 1 error[\s\S]*carts-virtualservice.yaml VirtualService\/carts \(user1-sockshop\) spec.http\[0\].retriez: unknown field/);
  });
});
