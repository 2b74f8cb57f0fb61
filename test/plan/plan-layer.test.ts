import { describe, expect, it } from 'vitest';
import { planStages } from '../../src/plan/plan-stages.js';
import { readTemplate } from '../../src/render/template.js';
import { STAGES } from '../../src/scenario/stages.js';
import { parseWorkloads } from '../../src/scenario/workloads.js';
import { checkSettings } from '../../src/settings/check-settings.js';

const settings = checkSettings({ gitops: 'both' });
const table = STAGES[0].layers.apps!.workloads as string;
const workloads = parseWorkloads(readTemplate(table), table);
const withList = (list: typeof workloads) =>
  STAGES.map((stage, index) => (index === 0 ? { ...stage, layers: { ...stage.layers, apps: { ...stage.layers.apps, workloads: list } } } : stage));

describe('a layer\'s workloads given as data', () => {
  it('plans exactly what the workload table plans', () => {
    const fromTable = planStages(settings);
    const fromList = planStages(settings, withList(workloads));
    expect(fromList.map((plan) => [...plan.files])).toEqual(fromTable.map((plan) => [...plan.files]));
    expect(fromList.map((plan) => plan.message)).toEqual(fromTable.map((plan) => plan.message));
  });

  it('renders one file and two objects per workload of a longer list', () => {
    const more = [...workloads, ...workloads.map((workload) => ({ ...workload, name: `${workload.name}-2` }))];
    const [baseline] = planStages(checkSettings({ until: '0' }), withList(more));
    const files = [...baseline.files.keys()].filter((path) => /^stages\/00-baseline\/apps\/[^/]+\.yaml$/.test(path) && !path.endsWith('kustomization.yaml'));
    expect(files).toContain('stages/00-baseline/apps/carts-2.yaml');
    expect(baseline.objects.filter((object) => ['Deployment', 'Service'].includes(object.kind))).toHaveLength(2 * more.length);
  });
});
