import { describe, expect, it } from 'vitest';
import { applyPatches, mergePatch } from '../../src/render/apply-patches.js';
import type { KubeObject } from '../../src/render/manifest.js';

const deployment = (name: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'ns' },
  spec: { template: { metadata: { labels: { app: name } } } },
});
const route: KubeObject = { apiVersion: 'route.openshift.io/v1', kind: 'Route', metadata: { name: 'r', namespace: 'ns' }, spec: { host: 'h' } };

describe('mergePatch', () => {
  it('merges maps, replaces lists and scalars, removes keys set to null', () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, l: [1, 2], s: 'x', gone: 1 }, { a: { c: 3 }, l: [3], s: 'y', gone: null })).toEqual({
      a: { b: 1, c: 3 },
      l: [3],
      s: 'y',
    });
  });
  it('does not share structure with its inputs', () => {
    const patch = { a: { b: [1] } };
    const merged = mergePatch({}, patch) as typeof patch;
    merged.a.b.push(2);
    expect(patch.a.b).toEqual([1]);
  });
});

describe('applyPatches', () => {
  it('applies a targeted patch to every object of the kind, keeping their names', () => {
    const patch: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'ignored' }, spec: { template: { metadata: { annotations: { x: 'y' } } } } };
    const result = applyPatches([deployment('a'), deployment('b'), route], [{ file: 'p.yaml', patch, target: { kind: 'Deployment' } }]);
    expect(result.map((object) => object.metadata.name)).toEqual(['a', 'b', 'r']);
    expect((result[1].spec as any).template.metadata).toEqual({ labels: { app: 'b' }, annotations: { x: 'y' } });
    expect(result[2]).toEqual(route);
  });

  it('deletes the object a $patch: delete names', () => {
    const patch = { $patch: 'delete', apiVersion: 'route.openshift.io/v1', kind: 'Route', metadata: { name: 'r', namespace: 'ns' } } as KubeObject;
    expect(applyPatches([deployment('a'), route], [{ file: 'd.yaml', patch }])).toEqual([deployment('a')]);
  });

  it('fails, naming the file, when a patch matches nothing', () => {
    const patch = { ...route, metadata: { name: 'other', namespace: 'ns' } };
    expect(() => applyPatches([route], [{ file: 'stages/x/p.yaml', patch }])).toThrow('stages/x/p.yaml: the patch matches no object');
  });
});
