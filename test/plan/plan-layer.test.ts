import { describe, expect, it } from 'vitest';
import { FLAVORS } from '../../src/flavors/registry.js';
import type { Flavor } from '../../src/flavors/types.js';
import { formatStageId, layerDir } from '../../src/layout/layout.js';
import { MANIFESTS } from '../../src/plan/plan-layer.js';
import { planStages } from '../../src/plan/plan-stages.js';
import { findTemplate, readTemplate } from '../../src/render/template.js';
import { parseWorkloads, type Workload } from '../../src/scenario/workloads.js';
import { checkSettings } from '../../src/settings/check-settings.js';

/** The flavor's first stage, whose apps layer names the workload table. */
function readTable(flavor: Flavor): Workload[] {
  const table = flavor.stages[0].layers.apps!.workloads;
  expect(typeof table, `${flavor.id} baseline workloads`).toBe('string');
  const source = findTemplate(MANIFESTS, flavor.templateRoots, table as string);
  return parseWorkloads(readTemplate(source), source);
}

const withList = (flavor: Flavor, list: readonly Workload[]) =>
  flavor.stages.map((stage, index) => (index === 0 ? { ...stage, layers: { ...stage.layers, apps: { ...stage.layers.apps, workloads: list } } } : stage));

describe('a layer\'s workloads given as data', () => {
  for (const flavor of FLAVORS) {
    it(`plans exactly what the workload table plans (${flavor.id})`, () => {
      const settings = checkSettings({ flavor: flavor.id, gitops: 'both' });
      const fromTable = planStages(settings);
      const fromList = planStages(settings, withList(flavor, readTable(flavor)));
      expect(fromList).toHaveLength(flavor.stages.length);
      expect(fromList.map((plan) => [...plan.files])).toEqual(fromTable.map((plan) => [...plan.files]));
      expect(fromList.map((plan) => plan.message)).toEqual(fromTable.map((plan) => plan.message));
    });

    it(`renders one file and two objects per workload of a longer list (${flavor.id})`, () => {
      const workloads = readTable(flavor);
      const more = [...workloads, ...workloads.map((workload) => ({ ...workload, name: `${workload.name}-2` }))];
      const [baseline] = planStages(checkSettings({ flavor: flavor.id, until: '0' }), withList(flavor, more));
      const dir = layerDir(baseline.stage, 'apps');
      expect(dir).toBe(`stages/${formatStageId(flavor.stages[0])}/apps`);
      const files = [...baseline.files.keys()].filter((path) => path.startsWith(`${dir}/`) && !path.slice(dir.length + 1).includes('/'));
      for (const workload of more) expect(files).toContain(`${dir}/${workload.name}.yaml`);
      expect(baseline.objects.filter((object) => ['Deployment', 'Service'].includes(object.kind))).toHaveLength(2 * more.length);
    });
  }
});
