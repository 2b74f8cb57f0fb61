/** A render cache shared by the stages of one repository: the same objects, each folder read once. */
import { describe, expect, it } from 'vitest';
import { renderKustomization, type RenderCache } from '../../src/kustomize/render-kustomization.js';
import type { RepoReader } from '../../src/kustomize/repo-reader.js';
import { stageDir } from '../../src/layout/layout.js';
import { planStages } from '../../src/plan/plan-stages.js';
import { checkSettings } from '../../src/settings/check-settings.js';

const plans = planStages(checkSettings({ gitops: 'both' }));
const files = plans.at(-1)!.files;

/** The last stage's tree as a reader, counting how often each file is read. */
function countingReader(): { reader: RepoReader; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const reader: RepoReader = {
    readFile: (path) => {
      reads.set(path, (reads.get(path) ?? 0) + 1);
      return files.get(path);
    },
    isDir: (path) => [...files.keys()].some((file) => file.startsWith(`${path}/`)),
  };
  return { reader, reads };
}

describe('renderKustomization with a cache', () => {
  it('renders every stage to the same objects as without one', () => {
    const { reader } = countingReader();
    const cache: RenderCache = new Map();
    for (const plan of plans) {
      const dir = stageDir(plan.stage);
      expect(renderKustomization(reader, dir, cache)).toEqual(renderKustomization(reader, dir));
    }
  });

  it('reads each resource file once for the whole repository', () => {
    const { reader, reads } = countingReader();
    const cache: RenderCache = new Map();
    for (const plan of plans) renderKustomization(reader, stageDir(plan.stage), cache);
    const resourceReads = [...reads].filter(([path]) => !path.endsWith('kustomization.yaml') && !path.endsWith('kustomization.yml') && !path.endsWith('Kustomization'));
    expect(resourceReads.length).toBeGreaterThan(20);
    expect(resourceReads.filter(([, count]) => count > 1)).toEqual([]);
  });

  it('hands out lists that the caller may change without touching the cache', () => {
    const { reader } = countingReader();
    const cache: RenderCache = new Map();
    const first = renderKustomization(reader, stageDir(plans[0].stage), cache).objects;
    const size = first.length;
    first.pop();
    expect(renderKustomization(reader, stageDir(plans[0].stage), cache).objects).toHaveLength(size);
  });
});
