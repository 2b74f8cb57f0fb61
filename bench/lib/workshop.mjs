/**
 * The workshops the benchmark generates: the default scenario, and synthetic ones with many more
 * services (each Sock Shop workload copied N times: carts, carts-2, …, carts-N), planned with the
 * package's own pipeline. Also dumps a plan as the inputs of bench/baseline.sh.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { planStages } from '../../dist/src/plan/plan-stages.js';
import { readTemplate } from '../../dist/src/render/template.js';
import { STAGES } from '../../dist/src/scenario/stages.js';
import { parseWorkloads } from '../../dist/src/scenario/workloads.js';
import { checkSettings } from '../../dist/src/settings/check-settings.js';
import { formatTagMessage } from '../../dist/src/history/write-history.js';

/** The stage table with every workload table copied `copies` times (1: the workshop's own table). */
export function buildScenario(copies) {
  if (copies === 1) return STAGES;
  const multiply = (file) => {
    const workloads = parseWorkloads(readTemplate(file), `templates/${file}`);
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

export function planWorkshop(answers, copies) {
  const settings = checkSettings(answers);
  const scenario = buildScenario(copies);
  const plans = planStages(settings, scenario);
  return {
    settings,
    plans,
    workloads: copies === 1 ? parseWorkloads(readTemplate('sockshop/workloads.yaml'), 'workloads').length : countWorkloads(scenario),
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
    writeFileSync(join(stage, 'tag-message'), formatTagMessage(plan));
  });
}
