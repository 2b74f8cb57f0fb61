/**
 * Real kustomize builds every stage folder and the entry point at every stage, and its output must
 * equal the in-process render object for object.
 */
import { describe, expect, it } from 'vitest';
import { ENTRY_DIR, stageDir } from '../../src/layout/layout.js';
import { planStages } from '../../src/plan/plan-stages.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { buildWithKustomize, KUSTOMIZE } from '../helpers/kustomize.js';
import { makeTempDir } from '../helpers/temp.js';
import { writeTree } from '../helpers/tree.js';

describe(`kustomize (${KUSTOMIZE.command} ${KUSTOMIZE.args.join(' ')})`, () => {
  for (const answers of [{ gitops: 'both' }, { gitops: 'flux', tenant: '' }]) {
    it(`builds every stage as rendered in-process (${JSON.stringify(answers)})`, () => {
      for (const plan of planStages(checkSettings(answers))) {
        const root = makeTempDir();
        writeTree(root, plan.files);
        expect(buildWithKustomize(`${root}/${ENTRY_DIR}`), plan.tag).toEqual(plan.objects);
        expect(buildWithKustomize(`${root}/${stageDir(plan.stage)}`), plan.tag).toEqual(plan.objects);
      }
    });
  }
});
