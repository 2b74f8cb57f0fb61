/**
 * `validate` as each GitOps engine sees a repository: a stage is linted and schema-checked with each
 * engine's own folders (a layer with a folder per engine differs between them), and each bootstrap
 * is followed to what it points at. Real generated repositories on disk, edited by hand.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLAVORS } from '../../src/flavors/registry.js';
import { BOOTSTRAP_FILES, bootstrapDir, entryLayerDir, formatStageId, layerDir } from '../../src/layout/layout.js';
import { runValidate } from '../../src/validate-repo/run-validate.js';
import { makeWorkshop } from '../helpers/workshop.js';

const validate = (dir: string) => runValidate({ dir, output: 'text', validator: 'embedded', crds: [], schemaLocations: [], ignoreMissingSchemas: false, fallback: false });
function edit(repo: string, file: string, change: (text: string) => string): void {
  const path = join(repo, file);
  const text = readFileSync(path, 'utf8');
  const changed = change(text);
  expect(changed, file).not.toBe(text);
  writeFileSync(path, changed);
}

/** Flavors whose engines install something each their own way (a layer with one folder per engine). */
const PER_ENGINE = FLAVORS.filter((flavor) => flavor.layers.some((definition) => definition.perEngine));

it('some flavor has a layer with a folder per engine', () => expect(PER_ENGINE.length).toBeGreaterThan(0));

describe.each(PER_ENGINE.map((flavor) => [flavor.id, flavor] as const))('validate with a folder per engine (%s)', (_id, flavor) => {
  it("checks the second engine's folder too, against the schemas and with that engine's lint, naming its files", async () => {
    const { repo } = await makeWorkshop({ flavor: flavor.id, gitops: 'both' });
    expect((await validate(repo)).valid).toBe(true);
    const definition = flavor.layers.find((candidate) => candidate.perEngine && flavor.stages.some((stage) => stage.layers[candidate.layer]?.charts))!;
    const stage = flavor.stages.find((candidate) => candidate.layers[definition.layer]?.charts)!;
    const dir = layerDir(stage, definition, 'flux');
    const chart = stage.layers[definition.layer]!.charts![0];
    const file = `${dir}/${chart}.yaml`;
    // A typo in Flux's HelmRelease, and the release renamed: what the chart serves has no installer for Flux any more.
    edit(repo, file, (text) => text.replace(/^  interval: 10m$/m, '  intervall: 10m').replaceAll(`releaseName: ${chart}`, `releaseName: ${chart}-renamed`).replace(new RegExp(`(kind: HelmRelease\\nmetadata:\\n  name: )${chart}\\n`), `$1${chart}-renamed\n`));
    const { reports } = await validate(repo);
    const own = reports.find((report) => report.stage === formatStageId(stage))!;
    expect(own.violations.filter((violation) => violation.file === file).map((violation) => violation.path)).toEqual(expect.arrayContaining(['spec.intervall']));
    const needs = reports.flatMap((report) => report.violations).filter((violation) => violation.code === 'ordering' && violation.message.includes(`needs ${chart} `));
    expect(needs.length).toBeGreaterThan(0);
    for (const violation of needs) expect(violation.file).toMatch(/^stages\/\d{2}-[a-z0-9-]+\/[a-z]+\/[^/]+\.yaml$/);
    // Argo CD's folder is untouched: no finding names it.
    expect(reports.flatMap((report) => report.violations).filter((violation) => violation.file.includes('/argocd/'))).toEqual([]);
  });
});

describe.each(FLAVORS.map((flavor) => [flavor.id, flavor] as const))('validate, following the bootstraps (%s)', (_id, flavor) => {
  it('reports a GitOps object that points at a folder with nothing to apply, at its file and line', async () => {
    const { repo } = await makeWorkshop({ flavor: flavor.id, gitops: 'both' });
    const mesh = entryLayerDir('mesh');
    const kustomizations = `${bootstrapDir('flux')}/${BOOTSTRAP_FILES.flux.kustomizations}`;
    edit(repo, kustomizations, (text) => text.replace(`path: ./${mesh}\n`, `path: ./${mesh}-typo\n`));
    edit(repo, `${bootstrapDir('argocd')}/${BOOTSTRAP_FILES.argocd.pin}`, (text) => text.replace(/path: cluster$/m, 'path: clusters'));
    const { valid, reports } = await validate(repo);
    expect(valid).toBe(false);
    // Only the bootstraps are wrong: every stage is clean; what Flux still applies without its mesh layer may draw more findings.
    for (const report of reports.filter((candidate) => !candidate.stage.startsWith('bootstrap/'))) expect(report.violations, report.stage).toEqual([]);
    const found = reports.flatMap((report) => report.violations.filter((violation) => violation.code === 'reference').map((violation) => ({ report: report.stage, file: violation.file, kind: violation.kind, path: violation.path, code: violation.code, line: violation.line })));
    expect(found).toEqual([
      { report: bootstrapDir('argocd'), file: `${bootstrapDir('argocd')}/${BOOTSTRAP_FILES.argocd.pin}`, kind: 'Application', path: 'spec.source.path', code: 'reference', line: 1 },
      { report: bootstrapDir('flux'), file: kustomizations, kind: 'Kustomization', path: 'spec.path', code: 'reference', line: expect.any(Number) },
    ]);
  });
});
