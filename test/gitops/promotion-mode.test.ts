import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { FLAVORS } from '../../src/flavors/registry.js';
import { formatTag, pinFile, TAG_RANGE } from '../../src/layout/layout.js';
import { planStages } from '../../src/plan/plan-stages.js';
import { checkSettings } from '../../src/settings/check-settings.js';

const read = (files: ReadonlyMap<string, string>, engine: 'argocd' | 'flux', participant?: string) => {
  const text = files.get(pinFile(engine, participant));
  expect(text, pinFile(engine, participant)).toBeDefined();
  return load(text!) as any;
};
describe('the bootstrap in each promotion mode', () => {
  for (const flavor of FLAVORS) {
    it(`pins the first stage tag in pin mode (the default), at every stage (${flavor.id})`, () => {
      for (const plan of planStages(checkSettings({ gitops: 'both', flavor: flavor.id }))) {
        expect(read(plan.files, 'argocd').spec.source.targetRevision).toBe(formatTag(flavor.stages[0]));
        expect(read(plan.files, 'flux').spec.ref).toEqual({ tag: formatTag(flavor.stages[0]) });
      }
    });

    it(`follows the stage tag range in follow mode, so pushing the next tag is the promotion (${flavor.id})`, () => {
      for (const plan of planStages(checkSettings({ gitops: 'both', mode: 'follow', flavor: flavor.id }))) {
        expect(read(plan.files, 'argocd').spec.source.targetRevision).toBe(TAG_RANGE);
        expect(read(plan.files, 'flux').spec.ref).toEqual({ semver: TAG_RANGE });
      }
    });
  }
});
