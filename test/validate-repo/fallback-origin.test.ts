/**
 * `validate` must never disagree with kustomize: an ordinary kustomize field the in-process renderer
 * lacks (`images:` to bump a tag) makes the stage go through the real kustomize, and the findings must
 * still point at the user's source file and line, with no false layer-ordering errors.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FLAVOR, getFlavor } from '../../src/flavors/registry.js';
import { createRepository } from '../../src/history/create-repository.js';
import { formatStageId, layerDir } from '../../src/layout/layout.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { runValidate } from '../../src/validate-repo/run-validate.js';
import { makeTempDir } from '../helpers/temp.js';

const FLAVOR = getFlavor(DEFAULT_FLAVOR);
const LAST = FLAVOR.stages.at(-1)!;
const APPS = layerDir(LAST, 'apps');
const validate = (dir: string, stage?: string) => runValidate({ dir, stage, output: 'text', validator: 'embedded', crds: [], schemaLocations: [], ignoreMissingSchemas: false, fallback: true });

describe('validate with an overlay only the real kustomize can build', () => {
  it('agrees with kustomize on an image bump, and names the user\'s file and line for a real typo', async () => {
    const dir = join(makeTempDir(), 'ws');
    await createRepository(checkSettings({ directory: dir, gitops: 'both' }), { cwd: '/', moveAside: false });
    const kustomization = join(dir, APPS, 'kustomization.yaml');
    writeFileSync(kustomization, `${readFileSync(kustomization, 'utf8')}images:\n  - name: weaveworksdemos/carts\n    newTag: 0.4.9\n`);

    const clean = await validate(dir);
    const last = clean.reports.find((report) => report.stage === formatStageId(LAST))!;
    expect(last.renderer).not.toBe('in-process');
    // Every report clean: the stage, the entry point that includes it, and the bootstraps that follow it.
    for (const report of clean.reports) expect(report.violations, report.stage).toEqual([]);
    expect(clean.valid).toBe(true);

    // A typo in a manifest of that stage: found through kustomize's output, reported at its source.
    const generator = join(dir, APPS, 'traffic-generator.yaml');
    const text = readFileSync(generator, 'utf8');
    writeFileSync(generator, text.replace('replicas:', 'replicaz:'));
    const line = text.split('\n').findIndex((candidate) => candidate.includes('replicas:')) + 1;
    const broken = await validate(dir, String(LAST.number));
    expect(broken.reports[0].renderer).not.toBe('in-process');
    expect(broken.reports[0].violations).toEqual([
      expect.objectContaining({ file: `${APPS}/traffic-generator.yaml`, kind: 'Deployment', name: 'traffic-generator', path: 'spec.replicaz', code: 'schema' }),
    ]);
    // The document's line in the user's file (its first node), not a line of kustomize's output.
    expect(broken.reports[0].violations[0].line).toBeLessThan(line);
    expect(broken.text).toContain(`${APPS}/traffic-generator.yaml:`);
  }, 120_000);
});
