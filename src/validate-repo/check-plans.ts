/**
 * The check the generator runs on its own plans before writing anything: every YAML manifest of the
 * repository against the strict schemas, every stage through the lint (once per engine), and each
 * engine's bootstrap with what it points at (src/validate-repo/lint-engines.ts). A failure here is a bug
 * in a template (or a hand-edited package), reported like `validate` would.
 */
import { loadAll } from 'js-yaml';
import { ValidationError } from '../errors.js';
import type { Flavor } from '../flavors/types.js';
import { createMemoryReader, renderKustomization, type RenderCache } from '../kustomize/index.js';
import { BOOTSTRAP_FILES, bootstrapDir, formatStageId, PATCHES_DIR } from '../layout/layout.js';
import type { StagePlan } from '../plan/plan-stages.js';
import { formatReport } from '../report/format-report.js';
import { countReport, type StageReport } from '../report/types.js';
import type { GitOpsEngine } from '../settings/settings.js';
import type { SourcedObject } from '../validate/types.js';
import { getSchemaStore } from '../validate/schema-store.js';
import { validateObjects } from '../validate/validate-objects.js';
import { dedupeViolations, formatViolationKey, lintBootstrap } from './lint-engines.js';
import { checkStage } from '../lint/check-stage.js';

/** Manifests among a tree's files: YAML that is neither a kustomization, a patch (of a stage, or of the ArgoCD CR) nor a CI workflow. */
function listManifests(files: ReadonlyMap<string, string>, prefix: (path: string) => boolean): SourcedObject[] {
  return [...files]
    .filter(([path]) => /\.ya?ml$/.test(path) && prefix(path) && !path.endsWith('kustomization.yaml') && !path.includes(`/${PATCHES_DIR}/`) && !path.endsWith(`/${BOOTSTRAP_FILES.argocd.healthPatch}`) && !path.startsWith('.'))
    .flatMap(([file, text]) => (loadAll(text) as unknown[]).map((object, index) => ({ file, index, object })));
}

export function checkPlans(plans: readonly StagePlan[], flavor: Flavor, engines: readonly GitOpsEngine[]): StageReport[] {
  const files = plans[plans.length - 1].files;
  const store = getSchemaStore(flavor.schemaSet);
  // The repository as its last commit holds it: every stage folder, the bootstraps and what they point at.
  const reader = createMemoryReader(files);
  // Stage folders never change once written: the planner's renders of them hold for the last commit's tree too.
  const cache: RenderCache = new Map(plans[plans.length - 1].renderCache);
  const stageDirs = plans.map((plan) => formatStageId(plan.stage));
  const reports: StageReport[] = plans.map((plan, index) => {
    const own = `stages/${stageDirs[index]}/`;
    // Stage folders never change after their own commit, so each file is checked once, with its stage;
    // the bootstrap goes with the first stage.
    const objects = listManifests(files, (path) => path.startsWith(own) || (plan === plans[0] && !path.startsWith('stages/')));
    // Linted once per engine, with that engine's folders (a layer with a folder per engine differs), naming the source files.
    const lint = dedupeViolations(
      engines.flatMap((engine) => checkStage({ flavor, layers: plan.engineLayers[engine] ?? {}, engines: [engine], sourceOf: (object) => plan.sources.get(object) ?? { file: own } })),
    );
    return { stage: stageDirs[index], renderer: 'in-process', objects: plan.objects.length, violations: [...validateObjects(objects, { store }), ...lint] };
  });
  const reported = new Set(reports.flatMap((report) => report.violations.map(formatViolationKey)));
  for (const engine of engines) {
    const dir = bootstrapDir(engine);
    const bootstrap = renderKustomization(reader, dir, cache).objects;
    const violations = lintBootstrap(reader, flavor, engine, bootstrap, cache).filter((violation) => !reported.has(formatViolationKey(violation)));
    reports.push({ stage: dir, renderer: 'in-process', objects: bootstrap.length, violations });
  }
  return reports;
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
