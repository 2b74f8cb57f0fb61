/**
 * The rendered diff of every consecutive pair of stages, checked against what the stage table
 * says the later stage does: its resource files add objects, its patches change (or delete) the
 * objects they target, and nothing else moves. Expectations come from src/scenario/stages.ts and
 * the files the planner wrote, never from a hand-written list.
 */
import { describe, expect, it } from 'vitest';
import { countChanges, describeChanges, diffObjects, type ObjectDiff } from '../../src/diff/diff-objects.js';
import { diffFields } from '../../src/diff/field-diff.js';
import { formatDiffReport, type DiffReport } from '../../src/diff/format-diff.js';
import { formatFieldSummary } from '../../src/diff/summarize-fields.js';
import { formatStageId, layerDir } from '../../src/layout/layout.js';
import { labelObject } from '../../src/diff/compare-objects.js';
import { planStages, type StagePlan } from '../../src/plan/plan-stages.js';
import { identifyObject, parseObjects, type KubeObject } from '../../src/render/manifest.js';
import { LAYERS } from '../../src/scenario/stages.js';
import { checkSettings } from '../../src/settings/check-settings.js';

const plans = planStages(checkSettings({ gitops: 'both' }));
const pairs = plans.slice(1).map((plan, index) => [plans[index], plan] as const);

/** What the stage table says a stage does, read from the files the planner wrote for it. */
function expectFromStageTable(previous: StagePlan, plan: StagePlan) {
  const added = new Set<string>();
  const changed = new Map<string, Set<string>>(); // object -> field paths its patches may touch
  const removed = new Set<string>();
  for (const layer of LAYERS) {
    const content = plan.stage.layers[layer];
    if (!content) continue;
    const dir = layerDir(plan.stage, layer);
    for (const file of content.resources ?? []) {
      for (const object of parseObjects(plan.files.get(`${dir}/${file}`)!, file)) added.add(identifyObject(object));
    }
    for (const { file, target } of content.patches ?? []) {
      const [patch] = parseObjects(plan.files.get(`${dir}/patches/${file}`)!, file);
      const { apiVersion: _a, kind: _k, metadata: _m, $patch: deletion, ...body } = patch as KubeObject & { $patch?: string };
      const targets = target
        ? previous.objects.filter((object) => object.kind === target.kind && (!target.name || object.metadata.name === target.name))
        : previous.objects.filter((object) => identifyObject(object) === identifyObject(patch));
      expect(targets.length, `${file} targets something`).toBeGreaterThan(0);
      const patchedPaths = new Set(diffFields(undefined, body).map((field) => field.path));
      for (const object of targets) {
        if (deletion === 'delete') removed.add(identifyObject(object));
        else changed.set(identifyObject(object), patchedPaths);
      }
    }
  }
  return { added, changed, removed };
}

const identities = (diffs: readonly ObjectDiff[], type: ObjectDiff['type']) =>
  new Set(diffs.filter((diff) => diff.type === type).map((diff) => `${diff.apiVersion.includes('/') ? diff.apiVersion.split('/')[0] : ''}/${diff.kind}/${diff.namespace ?? ''}/${diff.name}`));

describe.each(pairs.map(([previous, plan]) => [`${formatStageId(previous.stage)} -> ${formatStageId(plan.stage)}`, previous, plan] as const))(
  'rendered diff %s',
  (_name, previous, plan) => {
    const diffs = diffObjects(previous.objects, plan.objects);

    it('adds exactly the objects of the stage\'s resource files, and changes or removes exactly what its patches target', () => {
      const expected = expectFromStageTable(previous, plan);
      expect(identities(diffs, 'added')).toEqual(expected.added);
      expect(identities(diffs, 'changed')).toEqual(new Set(expected.changed.keys()));
      expect(identities(diffs, 'removed')).toEqual(expected.removed);
    });

    it('changes only fields the patches set', () => {
      const expected = expectFromStageTable(previous, plan);
      for (const diff of diffs.filter((object) => object.type === 'changed')) {
        const id = `${diff.apiVersion.split('/')[0]}/${diff.kind}/${diff.namespace ?? ''}/${diff.name}`;
        const allowed = expected.changed.get(id)!;
        expect(diff.fields.length, diff.label).toBeGreaterThan(0);
        for (const field of diff.fields) expect(allowed.has(field.path), `${diff.label} ${field.path}`).toBe(true);
        expect(diff.yamlDiff.some((line) => line.startsWith('+') || line.startsWith('-')), diff.label).toBe(true);
      }
    });

    it('agrees with the planner\'s own change list, and prints one line per object', () => {
      const fromPlan = describeChanges(plan.changes);
      expect(diffs.map((diff) => `${diff.type} ${diff.label}`).sort()).toEqual(fromPlan.map((diff) => `${diff.type} ${diff.label}`).sort());
      const report: DiffReport = {
        from: { input: previous.tag, commit: 'a'.repeat(40), stageId: formatStageId(previous.stage), tag: previous.tag },
        to: { input: plan.tag, commit: 'b'.repeat(40), stageId: formatStageId(plan.stage), tag: plan.tag },
        objects: diffs,
        notes: [],
      };
      const text = formatDiffReport(report, 'text');
      for (const change of plan.changes) {
        const object = (change.after ?? change.before)!;
        expect(text).toContain(`${change.type.padEnd(7)} ${labelObject(object)}`);
      }
      const json = JSON.parse(formatDiffReport(report, 'json'));
      expect(json.summary).toEqual(countChanges(diffs));
      expect(json.objects).toHaveLength(plan.changes.length);
      const markdown = formatDiffReport(report, 'markdown');
      expect(markdown.match(/^\| (added|changed|removed) \|/gm) ?? []).toHaveLength(plan.changes.length);
    });

    it('puts the changed fields into the stage commit message', () => {
      for (const line of formatFieldSummary(diffs, { maxLines: 40 })) expect(plan.message).toContain(line);
      if (diffs.some((diff) => diff.type === 'changed')) expect(plan.message).toContain('```diff');
      else expect(plan.message).not.toContain('```diff');
    });
  },
);

describe('grouping in the summary', () => {
  it('lists objects changed in the same way once, and cuts a long list short with a count', () => {
    const sidecars = pairs.find(([, plan]) => plan.stage.slug === 'sidecar-injection')!;
    const diffs = diffObjects(sidecars[0].objects, sidecars[1].objects);
    const deployments = diffs.filter((diff) => diff.kind === 'Deployment');
    const summary = formatFieldSummary(diffs);
    expect(summary[0]).toBe(`@@ ${deployments.length} × Deployment (user1-sockshop): ${deployments.map((diff) => diff.name).join(', ')} @@`);
    // One line per annotation the sidecar patch adds to every Deployment's pod template.
    const deployment = sidecars[1].objects.find((object) => object.kind === 'Deployment')!;
    const added = Object.keys((deployment.spec as any).template.metadata.annotations).length;
    expect(summary).toHaveLength(1 + added);
    expect(formatFieldSummary(diffs, { maxLines: 0 })).toEqual([`@@ … ${added} more field lines @@`]);
  });

  it('reports no change between a stage and itself', () => {
    expect(diffObjects(plans[3].objects, plans[3].objects)).toEqual([]);
    expect(countChanges([])).toEqual({ added: 0, changed: 0, removed: 0 });
  });
});
