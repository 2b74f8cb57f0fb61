/**
 * The check the generator runs on its own plans before writing anything: every YAML manifest of the
 * repository against the strict schemas, and every stage through the lint. A failure here is a bug
 * in a template (or a hand-edited package), reported like `validate` would.
 */
import { loadAll } from 'js-yaml';
import { ValidationError } from '../errors.js';
import type { Flavor } from '../flavors/types.js';
import { checkStage } from '../lint/check-stage.js';
import { BOOTSTRAP_FILES, formatStageId, PATCHES_DIR } from '../layout/layout.js';
import type { StagePlan } from '../plan/plan-stages.js';
import { formatReport } from '../report/format-report.js';
import { countReport, type StageReport } from '../report/types.js';
import type { GitOpsEngine } from '../settings/settings.js';
import type { SourcedObject } from '../validate/types.js';
import { getSchemaStore } from '../validate/schema-store.js';
import { validateObjects } from '../validate/validate-objects.js';

/** Manifests among a tree's files: YAML that is neither a kustomization, a patch (of a stage, or of the ArgoCD CR) nor a CI workflow. */
function listManifests(files: ReadonlyMap<string, string>, prefix: (path: string) => boolean): SourcedObject[] {
  return [...files]
    .filter(([path]) => /\.ya?ml$/.test(path) && prefix(path) && !path.endsWith('kustomization.yaml') && !path.includes(`/${PATCHES_DIR}/`) && !path.endsWith(`/${BOOTSTRAP_FILES.argocd.healthPatch}`) && !path.startsWith('.'))
    .flatMap(([file, text]) => (loadAll(text) as unknown[]).map((object, index) => ({ file, index, object })));
}

export function checkPlans(plans: readonly StagePlan[], flavor: Flavor, engines: readonly GitOpsEngine[]): StageReport[] {
  const files = plans[plans.length - 1].files;
  const store = getSchemaStore(flavor.schemaSet);
  return plans.map((plan) => {
    const own = `stages/${formatStageId(plan.stage)}/`;
    // Stage folders never change after their own commit, so each file is checked once, with its stage;
    // the bootstrap goes with the first stage.
    const objects = listManifests(files, (path) => path.startsWith(own) || (plan === plans[0] && !path.startsWith('stages/')));
    const violations = [...validateObjects(objects, { store }), ...checkStage({ flavor, layers: plan.layers, engines })];
    return { stage: formatStageId(plan.stage), renderer: 'in-process', objects: plan.objects.length, violations };
  });
}

export function assertPlansValid(plans: readonly StagePlan[], flavor: Flavor, engines: readonly GitOpsEngine[]): void {
  const reports = checkPlans(plans, flavor, engines);
  if (countReport(reports).errors === 0) return;
  throw new ValidationError(
    'the generated manifests do not validate; nothing was written:',
    formatReport(reports, 'text'),
    'This is a bug in the templates (or a modified installation of generator-sockshop-mesh): please report it with the output above.',
  );
}
