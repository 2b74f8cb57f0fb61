import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { formatTag, pinFile, TAG_RANGE } from '../../src/layout/layout.js';
import { planStages } from '../../src/plan/plan-stages.js';
import { STAGES } from '../../src/scenario/stages.js';
import { checkSettings } from '../../src/settings/check-settings.js';

const read = (files: ReadonlyMap<string, string>, engine: 'argocd' | 'flux') => load(files.get(pinFile(engine))!) as any;

describe('the bootstrap in each promotion mode', () => {
  it('pins the first stage tag in pin mode (the default), at every stage', () => {
    for (const plan of planStages(checkSettings({ gitops: 'both' }))) {
      expect(read(plan.files, 'argocd').spec.source.targetRevision).toBe(formatTag(STAGES[0]));
      expect(read(plan.files, 'flux').spec.ref).toEqual({ tag: formatTag(STAGES[0]) });
    }
  });

  it('follows the stage tag range in follow mode, so pushing the next tag is the promotion', () => {
    for (const plan of planStages(checkSettings({ gitops: 'both', mode: 'follow' }))) {
      expect(read(plan.files, 'argocd').spec.source.targetRevision).toBe(TAG_RANGE);
      expect(read(plan.files, 'flux').spec.ref).toEqual({ semver: TAG_RANGE });
    }
  });
});
