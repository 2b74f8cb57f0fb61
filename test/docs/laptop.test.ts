/** The laptop path of the upstream flavor's README: kind, then one engine at the exact versions the flavor pins. */
import { describe, expect, it } from 'vitest';
import { FLAVORS } from '../../src/flavors/registry.js';
import { LANGUAGE_IDS } from '../../src/languages/registry.js';
import { planStages } from '../../src/plan/plan-stages.js';
import { checkSettings } from '../../src/settings/check-settings.js';

describe('the generated README on a laptop', () => {
  for (const flavor of FLAVORS) {
    for (const lang of LANGUAGE_IDS) {
      it(`${flavor.id} (${lang}): ${flavor.platform.kind === 'kubernetes' ? 'walks through kind with pinned engine versions' : 'has no kind path (an OpenShift flavor)'}`, () => {
        for (const gitops of ['argocd', 'flux'] as const) {
          const readme = planStages(checkSettings({ flavor: flavor.id, gitops, lang, until: '0' })).at(-1)!.files.get('README.md')!;
          if (flavor.platform.kind !== 'kubernetes') {
            expect(readme).not.toContain('kind create cluster');
            continue;
          }
          const pins = flavor.facts.pins;
          expect(readme).toContain(`kind create cluster`);
          expect(readme).toContain(pins.kind.value);
          // Only the chosen engine is installed, at its pinned release.
          const argocd = `https://raw.githubusercontent.com/argoproj/argo-cd/${pins.argocd.value}/manifests/install.yaml`;
          const flux = `flux install --version=v${pins.flux.value}`;
          expect(readme.includes(argocd)).toBe(gitops === 'argocd');
          expect(readme.includes(flux)).toBe(gitops === 'flux');
          expect(readme).toContain('kubectl port-forward');
          expect(readme).not.toMatch(/\boc (apply|get|patch)\b/);
        }
      });
    }
  }
});
