/**
 * The workshops the benchmark generates: the default scenario, and synthetic ones with many more
 * services (each Sock Shop workload copied N times: carts, carts-2, …, carts-N), planned with the
 * package's own pipeline. Also dumps a plan as the inputs of bench/baseline.sh.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFAULT_FLAVOR, getFlavor } from '../../dist/src/flavors/registry.js';
import { WORKLOADS_TABLE } from '../../dist/src/flavors/shared.js';
import { planStages } from '../../dist/src/plan/plan-stages.js';
import { findTemplate, readTemplate } from '../../dist/src/render/template.js';
import { parseWorkloads } from '../../dist/src/scenario/workloads.js';
import { checkSettings } from '../../dist/src/settings/check-settings.js';

const FLAVOR = getFlavor(DEFAULT_FLAVOR);
const STAGES = FLAVOR.stages;
const readWorkloads = (table) => {
  const file = findTemplate('manifests', FLAVOR.templateRoots, table);
  return parseWorkloads(readTemplate(file), `templates/${file}`);
};

/** The stage table with every workload table copied `copies` times (1: the workshop's own table). */
export function buildScenario(copies) {
  if (copies === 1) return STAGES;
  const multiply = (file) => {
    const workloads = readWorkloads(file);
    return Array.from({ length: copies }, (_, index) =>
      workloads.map((workload) => (index === 0 ? workload : { ...workload, name: `${workload.name}-${index + 1}` })),
    ).flat();
  };
  return STAGES.map((stage) => ({
    ...stage,
    layers: Object.fromEntries(
      Object.entries(stage.layers).map(([layer, content]) => [
        layer,
        typeof content.workloads === 'string' ? { ...content, workloads: multiply(content.workloads) } : content,
      ]),
    ),
  }));
}

export function countWorkloads(scenario) {
  return scenario.reduce(
    (sum, stage) => sum + Object.values(stage.layers).reduce((n, content) => n + (Array.isArray(content.workloads) ? content.workloads.length : 0), 0),
    0,
  );
}

/** A class of `participants` (user1..userN) on the default scenario, planned as `new --tenants N` plans it. */
export function planClass(answers, participants) {
  const settings = checkSettings({ ...answers, tenants: String(participants) });
  const plans = planStages(settings);
  return { settings, plans, objects: plans.reduce((sum, plan) => sum + plan.objects.length, 0), files: plans.at(-1).files.size };
}

export function planWorkshop(answers, copies) {
  const settings = checkSettings(answers);
  const scenario = buildScenario(copies);
  const plans = planStages(settings, scenario);
  return {
    settings,
    plans,
    workloads: copies === 1 ? readWorkloads(WORKLOADS_TABLE).length : countWorkloads(scenario),
    /** Rendered objects summed over the stages: what validating every stage checks. */
    objects: plans.reduce((sum, plan) => sum + plan.objects.length, 0),
    files: plans.at(-1).files.size,
  };
}

/**
 * Writes `<dir>/NN/tree/…` (the stage's whole repository tree), `message`, `tag` and `tag-message`
 * per stage, in order: everything bench/baseline.sh needs, prepared outside the timed part.
 */
export function dumpBaselineInputs(plans, dir) {
  plans.forEach((plan, index) => {
    const stage = join(dir, String(index).padStart(2, '0'));
    for (const [path, text] of plan.files) {
      const file = join(stage, 'tree', path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    writeFileSync(join(stage, 'message'), plan.message);
    writeFileSync(join(stage, 'tag'), `${plan.tag}\n`);
    writeFileSync(join(stage, 'tag-message'), plan.tagMessage);
  });
}
