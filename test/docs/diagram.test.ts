/**
 * The picture in every stage README is computed from that stage's objects and claims nothing they
 * do not contain: every edge cites the objects it comes from, each of them is needed (remove one and
 * the edge goes), and mutating the objects (a route, a gateway, a Route, the control plane, a
 * sidecar) changes the picture in every language.
 */
import { describe, expect, it } from 'vitest';
import { formatMermaid } from '../../src/docs/diagram.js';
import { buildMeshGraph, type GraphEdge, type GraphOptions } from '../../src/docs/mesh-graph.js';
import { labelObject } from '../../src/diff/compare-objects.js';
import { FLAVORS } from '../../src/flavors/registry.js';
import type { Flavor } from '../../src/flavors/types.js';
import { LANGUAGES } from '../../src/languages/registry.js';
import { stageDir } from '../../src/layout/layout.js';
import { planStages, type StagePlan } from '../../src/plan/plan-stages.js';
import type { KubeObject } from '../../src/render/manifest.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { listBlocks, normalizeBlock } from './markdown.js';

const optionsOf = (flavor: Flavor): GraphOptions => ({ injection: flavor.injection, entry: flavor.platform.kind === 'openshift' ? 'route' : 'port-forward' });
const sameEdge = (a: GraphEdge) => (b: GraphEdge) => a.from === b.from && a.to === b.to && a.kind === b.kind && a.weight === b.weight;
const clone = (objects: readonly KubeObject[]) => JSON.parse(JSON.stringify(objects)) as KubeObject[];
const diagramOf = (plan: StagePlan) => listBlocks(plan.files.get(`${stageDir(plan.stage)}/README.md`)!).find((block) => block.lang === 'mermaid')!.body.trimEnd();

describe.each(FLAVORS.map((flavor) => ({ flavor: flavor.id, definition: flavor })))('the diagrams of $flavor', ({ flavor, definition }) => {
  const plansByLang = new Map(LANGUAGES.map(({ id }) => [id, planStages(checkSettings({ directory: 'ws', flavor, lang: id } as never))]));
  const plans = plansByLang.get(LANGUAGES[0].id)!;
  const options = optionsOf(definition);
  const last = plans[plans.length - 1];

  it('are the stage objects drawn, in every language, with the same shape', () => {
    for (const { id } of LANGUAGES) {
      for (const plan of plansByLang.get(id)!) expect(diagramOf(plan), `${id} ${plan.tag}`).toBe(formatMermaid(buildMeshGraph(plan.objects, options), id));
    }
    for (const [index, plan] of plans.entries()) {
      const shapes = LANGUAGES.map(({ id }) => normalizeBlock({ lang: 'mermaid', body: diagramOf(plansByLang.get(id)![index]) }));
      expect(new Set(shapes).size, plan.tag).toBe(1);
    }
  });

  it('cite, for every edge, objects the stage has, and need every one of them', () => {
    let checked = 0;
    for (const plan of plans) {
      const present = new Set(plan.objects.map(labelObject));
      const graph = buildMeshGraph(plan.objects, options);
      const nodes = new Set(graph.nodes.map((node) => node.id));
      for (const edge of graph.edges) {
        expect(nodes.has(edge.from), `${plan.tag} ${edge.from}`).toBe(true);
        if (edge.kind !== 'manages') expect(nodes.has(edge.to), `${plan.tag} ${edge.to}`).toBe(true);
        expect(edge.evidence.length, `${plan.tag} ${edge.from} → ${edge.to}`).toBeGreaterThan(0);
        for (const cited of edge.evidence) {
          expect(present.has(cited), `${plan.tag}: ${edge.from} → ${edge.to} cites ${cited}`).toBe(true);
          const without = buildMeshGraph(plan.objects.filter((object) => labelObject(object) !== cited), options);
          expect(without.edges.some(sameEdge(edge)), `${plan.tag}: ${edge.from} → ${edge.to} stays without ${cited}`).toBe(false);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(plans.length * 5);
  });

  it('lose the v2 weight when the VirtualService loses that route', () => {
    const split = plans.find((plan) => buildMeshGraph(plan.objects, options).edges.some((edge) => edge.weight !== undefined))!;
    expect(split, 'a stage splits traffic').toBeDefined();
    const before = buildMeshGraph(split.objects, options);
    const weighted = before.edges.filter((edge) => edge.weight !== undefined);
    expect(weighted.map((edge) => edge.weight).sort()).toEqual([20, 80]);
    const objects = clone(split.objects);
    const virtual = objects.find((object) => object.kind === 'VirtualService' && JSON.stringify(object.spec).includes('"weight"'))!;
    const http = (virtual.spec as { http: { route: { weight?: number }[] }[] }).http;
    http[0].route = http[0].route.filter((route) => route.weight !== 20).map(({ weight: _weight, ...route }) => route);
    const after = buildMeshGraph(objects, options);
    expect(after.edges.filter((edge) => edge.weight !== undefined)).toEqual([]);
    const lost = weighted.find((edge) => edge.weight === 20)!;
    expect(after.edges.some((edge) => edge.kind === 'routes' && edge.to === lost.to)).toBe(false);
    for (const { id } of LANGUAGES) {
      expect(formatMermaid(before, id)).toContain('|"20%"|');
      expect(formatMermaid(after, id)).not.toContain('%"|');
    }
  });

  it('lose every gateway path when the Gateway goes, and every entry when the way in goes', () => {
    const objects = last.objects;
    const graph = buildMeshGraph(objects, options);
    expect(graph.edges.filter((edge) => edge.kind === 'routes').length).toBeGreaterThan(0);
    const noGateway = buildMeshGraph(objects.filter((object) => object.kind !== 'Gateway'), options);
    expect(noGateway.edges.filter((edge) => edge.kind === 'routes')).toEqual([]);
    for (const { id } of LANGUAGES) expect(formatMermaid(noGateway, id)).not.toBe(formatMermaid(graph, id));
    const entries = graph.edges.filter((edge) => edge.kind === 'enters');
    expect(entries.length).toBeGreaterThan(0);
    const entryKinds = new Set(entries.flatMap((edge) => edge.evidence.map((cited) => cited.split('/')[0])));
    const closed = buildMeshGraph(objects.filter((object) => !entryKinds.has(object.kind)), options);
    expect(closed.edges.filter((edge) => edge.kind === 'enters')).toEqual([]);
  });

  it('lose the dotted lines without the control plane, and the sidecar when a pod stops asking', () => {
    const graph = buildMeshGraph(last.objects, options);
    expect(graph.edges.filter((edge) => edge.kind === 'manages').length).toBeGreaterThan(0);
    const headless = buildMeshGraph(last.objects.filter((object) => object.kind !== definition.injection.controlPlaneKind), options);
    expect(headless.edges.filter((edge) => edge.kind === 'manages')).toEqual([]);

    const objects = clone(last.objects);
    const carts = objects.find((object) => object.kind === 'Deployment' && object.metadata.name === 'carts')!;
    const labels = (carts.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
    expect(labels[definition.injection.podLabel]).toBeDefined();
    delete labels[definition.injection.podLabel];
    const node = (candidate: ReturnType<typeof buildMeshGraph>) => candidate.nodes.find((entry) => entry.kind === 'workload' && entry.name === 'carts')!;
    expect(node(graph).sidecar).toBe(true);
    expect(node(buildMeshGraph(objects, options)).sidecar).toBe(false);
    for (const { id } of LANGUAGES) expect(formatMermaid(buildMeshGraph(objects, options), id)).not.toBe(formatMermaid(graph, id));
  });
});
