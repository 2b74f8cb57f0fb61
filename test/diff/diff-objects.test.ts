/**
 * The rendered diff of every consecutive pair of stages, checked against what the stage table
 * says the later stage does: its resource files (and workload tables) add objects, its patches
 * change (or delete) the objects they target, and nothing else moves. Expectations come from the
 * flavor's stage table (src/flavors/) and the files the planner wrote, never from a hand-written list.
 */
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { countChanges, describeChanges, diffObjects, type ObjectDiff } from '../../src/diff/diff-objects.js';
import { diffFields } from '../../src/diff/field-diff.js';
import { formatDiffReport, type DiffReport } from '../../src/diff/format-diff.js';
import { formatFieldSummary } from '../../src/diff/summarize-fields.js';
import { formatStageId, layerDir } from '../../src/layout/layout.js';
import { labelObject } from '../../src/diff/compare-objects.js';
import { planStages, type StagePlan } from '../../src/plan/plan-stages.js';
import { identifyObject, parseObjects, type KubeObject } from '../../src/render/manifest.js';
import { FLAVORS, getFlavor } from '../../src/flavors/registry.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { selectEngines, type Settings } from '../../src/settings/settings.js';

const settings = checkSettings({ gitops: 'both' });
const plans = planStages(settings);
const pairs = plans.slice(1).map((plan, index) => [plans[index], plan] as const);
/** Every flavor's stage pairs: the default one's from above, the others' planned the same way. */
const allPairs = FLAVORS.flatMap((candidate) => {
  const own = candidate.id === settings.flavor ? settings : checkSettings({ gitops: 'both', flavor: candidate.id });
  const flavorPlans = own === settings ? plans : planStages(own);
  return flavorPlans.slice(1).map((plan, index) => [own, flavorPlans[index], plan] as const);
});

/** What the stage table says a stage does, read from the files the planner wrote for it. */
function expectFromStageTable(settings: Settings, previous: StagePlan, plan: StagePlan) {
  const flavor = getFlavor(settings.flavor);
  const added = new Set<string>();
  const changed = new Map<string, Set<string>>(); // object -> field paths its patches may touch
  const removed = new Set<string>();
  for (const definition of flavor.layers) {
    const content = plan.stage.layers[definition.layer];
    if (!content) continue;
    const dir = layerDir(plan.stage, definition, selectEngines(settings.gitops)[0]);
    // The resource files, and one file per workload of a workload table, as the layer's kustomization lists them.
    const listed = ((load(plan.files.get(`${dir}/kustomization.yaml`)!) as { resources?: string[] }).resources ?? []) as string[];
    const files = listed.filter((file) => plan.files.has(`${dir}/${file}`));
    for (const file of content.resources ?? []) expect(files, `${dir}/kustomization.yaml`).toContain(file);
    if (content.workloads) expect(files.length, `${dir}: the workload table's files`).toBeGreaterThan((content.resources ?? []).length);
    for (const file of files) {
      for (const object of parseObjects(plan.files.get(`${dir}/${file}`)!, file)) added.add(identifyObject(object));
    }
    for (const { file, target } of content.patches ?? []) {
      const [patch] = parseObjects(plan.files.get(`${dir}/patches/${file}`)!, file);
      const { apiVersion: _a, kind: _k, metadata, $patch: deletion, ...rest } = patch as KubeObject & { $patch?: string };
      // The patch names its object with metadata.name (and namespace); any other metadata (labels) it sets.
      const { name: _n, namespace: _ns, ...setMetadata } = metadata;
      const body = Object.keys(setMetadata).length > 0 ? { metadata: setMetadata, ...rest } : rest;
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

const identify = (diff: ObjectDiff) => `${diff.apiVersion.includes('/') ? diff.apiVersion.split('/')[0] : ''}/${diff.kind}/${diff.namespace ?? ''}/${diff.name}`;
const identities = (diffs: readonly ObjectDiff[], type: ObjectDiff['type']) => new Set(diffs.filter((diff) => diff.type === type).map(identify));

describe.each(allPairs.map(([own, previous, plan]) => [`${own.flavor} ${formatStageId(previous.stage)} -> ${formatStageId(plan.stage)}`, own, previous, plan] as const))(
  'rendered diff %s',
  (_name, own, previous, plan) => {
    const diffs = diffObjects(previous.objects, plan.objects);

    it('adds exactly the objects of the stage\'s resource files, and changes or removes exactly what its patches target', () => {
      const expected = expectFromStageTable(own, previous, plan);
      expect(identities(diffs, 'added')).toEqual(expected.added);
      expect(identities(diffs, 'changed')).toEqual(new Set(expected.changed.keys()));
      expect(identities(diffs, 'removed')).toEqual(expected.removed);
    });

    it('changes only fields the patches set', () => {
      const expected = expectFromStageTable(own, previous, plan);
      for (const diff of diffs.filter((object) => object.type === 'changed')) {
        const allowed = expected.changed.get(identify(diff));
        expect(allowed, diff.label).toBeDefined();
        expect(diff.fields.length, diff.label).toBeGreaterThan(0);
        for (const field of diff.fields) expect(allowed!.has(field.path), `${diff.label} ${field.path}`).toBe(true);
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
    expect(summary[0]).toBe(`@@ ${deployments.length} × Deployment (${deployments[0].namespace}): ${deployments.map((diff) => diff.name).join(', ')} @@`);
    // One line per field (pod label, annotation) the sidecar patch adds to every Deployment's pod template.
    const { file } = sidecars[1].stage.layers.apps!.patches![0];
    const [patch] = parseObjects(sidecars[1].files.get(`${layerDir(sidecars[1].stage, 'apps')}/patches/${file}`)!, file);
    const added = diffFields(undefined, patch.spec).length;
    expect(added).toBeGreaterThan(0);
    expect(summary).toHaveLength(1 + added);
    expect(formatFieldSummary(diffs, { maxLines: 0 })).toEqual([`@@ … ${added} more field lines @@`]);
  });

  it('reports no change between a stage and itself', () => {
    expect(diffObjects(plans[3].objects, plans[3].objects)).toEqual([]);
    expect(countChanges([])).toEqual({ added: 0, changed: 0, removed: 0 });
  });
});
