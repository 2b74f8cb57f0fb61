/**
 * `validate` on real generated repositories: every stage passes; a single typo in any emitted field
 * of any stage fails, naming that stage, the file, the object and the field.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump, loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepository } from '../../src/history/create-repository.js';
import { DEFAULT_FLAVOR, getFlavor } from '../../src/flavors/registry.js';
import { formatStageId, formatTag, layerDir } from '../../src/layout/layout.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { runValidate, type RunValidateOptions } from '../../src/validate-repo/run-validate.js';
import { makeTempDir } from '../helpers/temp.js';
import { git } from '../helpers/git.js';

const FLAVOR = getFlavor(DEFAULT_FLAVOR);
const STAGES = FLAVOR.stages;
/**
 * The folders an engine syncs besides the stages, read from git's own file list at a revision: every
 * folder with a kustomization.yaml in `cluster/` down to `cluster/<layer>/<engine>`.
 */
function entryFolders(dir: string, revision: string): string[] {
  return git(dir, 'ls-tree', '-r', '--name-only', revision)
    .split('\n')
    .filter((path) => /^cluster(\/[^/]+){0,2}\/kustomization\.yaml$/.test(path))
    .map((path) => path.slice(0, -'/kustomization.yaml'.length))
    .sort();
}
/** What `validate` reports, in its order: the stages, the entry folders, then the two bootstraps (gitops: both). */
const expectedReports = (dir: string, revision: string, stages = STAGES) => [...stages.map(formatStageId), ...entryFolders(dir, revision), 'bootstrap/argocd', 'bootstrap/flux'];
/** The control plane's file, in whichever layer the flavor puts it. */
const CONTROL_PLANE_STAGE = STAGES.find((stage) => Object.values(stage.layers).some((content) => content?.resources?.includes('control-plane.yaml')))!;
const CONTROL_PLANE_FILE = `${layerDir(CONTROL_PLANE_STAGE, (Object.keys(CONTROL_PLANE_STAGE.layers) as (keyof typeof CONTROL_PLANE_STAGE.layers)[]).find((layer) => CONTROL_PLANE_STAGE.layers[layer]?.resources?.includes('control-plane.yaml'))!)}/control-plane.yaml`;
/** The last stage, whose apps layer lists the traffic generator; a test adds a custom resource next to it. */
const LAST = STAGES.at(-1)!;
const LAST_APPS = layerDir(LAST, 'apps');

const defaults: Omit<RunValidateOptions, 'dir'> = { output: 'text', validator: 'embedded', crds: [], schemaLocations: [], ignoreMissingSchemas: false, fallback: true };
const validate = (dir: string, options: Partial<RunValidateOptions> = {}) => runValidate({ ...defaults, dir, ...options });

let shared: string;
let template: string;
afterAll(() => rmSync(shared, { recursive: true, force: true }));
beforeAll(async () => {
  // Not makeTempDir: that folder is removed after each test, and this one serves them all.
  shared = mkdtempSync(join(tmpdir(), 'sockshop-mesh-validate-'));
  template = join(shared, 'ws');
  await createRepository(checkSettings({ directory: template, gitops: 'both' }), { cwd: '/', moveAside: false });
});

/** A fresh copy of the generated repository (its work tree) for one test to break. */
function copyRepository(): string {
  const dir = join(makeTempDir(), 'ws');
  git('/', 'clone', '--quiet', template, dir);
  return dir;
}

/**
 * Renames the deepest map key under `spec` of the first document (`key` -> `keyz`); for objects
 * without a spec (Namespace), a metadata field other than the name, which kustomize itself needs.
 */
function breakField(text: string): { text: string; path: string } {
  const documents = loadAll(text) as any[];
  const top = documents[0].spec ? 'spec' : 'metadata';
  let node = top === 'spec' ? documents[0].spec : { ...documents[0].metadata };
  if (top === 'metadata') {
    delete node.name;
    delete node.namespace;
    node = documents[0].metadata;
    const key = Object.keys(node).find((candidate) => candidate !== 'name' && candidate !== 'namespace')!;
    node[`${key}z`] = node[key];
    delete node[key];
    return { text: documents.map((document) => dump(document, { lineWidth: -1 })).join('---\n'), path: `metadata.${key}z` };
  }
  const path = [top];
  for (;;) {
    const key = Object.keys(node).find((candidate) => node[candidate] && typeof node[candidate] === 'object' && !Array.isArray(node[candidate]) && Object.keys(node[candidate]).length > 0 && !/labels|annotations|selector|matchLabels|nodeSelector/.test(candidate));
    if (!key) break;
    path.push(key);
    node = node[key];
  }
  const leaf = Object.keys(node)[0];
  node[`${leaf}z`] = node[leaf];
  delete node[leaf];
  path.push(`${leaf}z`);
  return { text: documents.map((document) => dump(document, { lineWidth: -1 })).join('---\n'), path: path.filter(Boolean).join('.') };
}

describe('validate', () => {
  it('passes every stage and the bootstrap of a freshly generated repository', async () => {
    const { valid, reports, text } = await validate(template);
    expect(valid).toBe(true);
    const expected = expectedReports(template, 'HEAD');
    expect(entryFolders(template, 'HEAD')).toContain('cluster');
    expect(reports.map((report) => report.stage)).toEqual(expected);
    for (const report of reports) expect(report.violations, report.stage).toEqual([]);
    expect(text.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`^${expected.length} stages, \\d+ objects, 0 errors$`));
  });

  it('fails on a typo in any emitted field of any stage, naming the stage, file, object and field', async () => {
    const dir = copyRepository();
    for (const stage of STAGES) {
      const id = formatStageId(stage);
      for (const layer of readdirSync(join(dir, 'stages', id), { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
        for (const name of readdirSync(join(dir, 'stages', id, layer.name)).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')) {
          const file = `stages/${id}/${layer.name}/${name}`;
          const original = readFileSync(join(dir, file), 'utf8');
          const broken = breakField(original);
          writeFileSync(join(dir, file), broken.text);
          const { valid, reports } = await validate(dir, { stage: id });
          writeFileSync(join(dir, file), original);
          expect(valid, file).toBe(false);
          expect(reports[0].stage).toBe(id);
          // Renaming a required field also reports it missing, so every schema violation is in the broken
          // file; the lint may add consequences elsewhere (a DestinationRule host typo leaves subsets undefined).
          expect(reports[0].violations, file).toContainEqual(expect.objectContaining({ file, path: broken.path, message: expect.stringContaining('unknown field') }));
          for (const violation of reports[0].violations.filter((candidate) => candidate.code === 'schema')) {
            expect(violation, file).toMatchObject({ file, kind: expect.any(String), name: expect.any(String) });
          }
        }
      }
    }
  });

  it('names the patch when a patched field is wrong', async () => {
    const dir = copyRepository();
    const patch = join(dir, 'stages/04-sidecar-injection/apps/patches/sidecar-injection.yaml');
    writeFileSync(patch, readFileSync(patch, 'utf8').replace('annotations:', 'annotationz:'));
    const { reports } = await validate(dir, { stage: '4' });
    expect(reports[0].violations[0].message).toContain('(patches applied to this object: stages/04-sidecar-injection/apps/patches/sidecar-injection.yaml)');
    expect(reports[0].violations[0].path).toBe('spec.template.metadata.annotationz');
  });

  it('reports a broken file with its line and still validates the other stages', async () => {
    const dir = copyRepository();
    const kind = FLAVOR.kinds.find((info) => info.kind === FLAVOR.injection.controlPlaneKind)!;
    writeFileSync(join(dir, CONTROL_PLANE_FILE), `apiVersion: ${kind.apiVersion}\nkind: ${kind.kind}\nmetadata:\n  name: a\n  name: b\n`);
    const { reports, valid } = await validate(dir);
    expect(valid).toBe(false);
    const broken = reports.find((report) => report.stage === formatStageId(CONTROL_PLANE_STAGE))!;
    expect(broken.violations[0]).toMatchObject({ file: CONTROL_PLANE_FILE, code: 'render' });
    expect(broken.violations[0].message).toMatch(/duplicated mapping key/);
    expect(reports.find((report) => report.stage === '00-baseline')!.violations).toEqual([]);
  });

  it('refuses a custom resource without a schema, or lists it as skipped when asked', async () => {
    const dir = copyRepository();
    const file = join(dir, LAST_APPS, 'widget.yaml');
    writeFileSync(file, 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: user1-sockshop\nspec:\n  size: 3\n');
    const kustomization = join(dir, LAST_APPS, 'kustomization.yaml');
    writeFileSync(kustomization, readFileSync(kustomization, 'utf8').replace('  - traffic-generator.yaml', '  - traffic-generator.yaml\n  - widget.yaml'));
    const strict = await validate(dir, { stage: String(LAST.number) });
    expect(strict.reports[0].violations).toEqual([expect.objectContaining({ kind: 'Widget', code: 'missing-schema', severity: 'error' })]);
    const relaxed = await validate(dir, { stage: String(LAST.number), ignoreMissingSchemas: true });
    expect(relaxed.valid).toBe(true);
    expect(relaxed.reports[0].skipped).toEqual([expect.objectContaining({ kind: 'Widget', name: 'w' })]);
    expect(relaxed.text).toContain('Widget/w');

    // The CRD read straight from a folder: the object validates, and a wrong type fails.
    const crds = makeTempDir();
    writeFileSync(
      join(crds, 'widgets.yaml'),
      dump({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'widgets.example.com' },
        spec: {
          group: 'example.com',
          names: { kind: 'Widget', plural: 'widgets' },
          scope: 'Namespaced',
          versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
        },
      }),
    );
    expect((await validate(dir, { stage: String(LAST.number), crds: [crds] })).valid).toBe(true);
    writeFileSync(file, readFileSync(file, 'utf8').replace('size: 3', 'sise: 3'));
    const typo = await validate(dir, { stage: String(LAST.number), crds: [crds] });
    expect(typo.reports[0].violations).toEqual([expect.objectContaining({ kind: 'Widget', path: 'spec.sise' })]);
    writeFileSync(join(crds, 'broken.yaml'), 'kind: [\n');
    expect((await validate(dir, { stage: String(LAST.number), crds: [crds] })).reports[0]).toMatchObject({ stage: 'crds', violations: [expect.objectContaining({ file: expect.stringContaining('broken.yaml'), code: 'bad-crd' })] });
  });

  it('reads kubeconform-style schema locations', async () => {
    const dir = copyRepository();
    writeFileSync(join(dir, LAST_APPS, 'widget.yaml'), 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: user1-sockshop\nspec:\n  size: 3\n');
    const kustomization = join(dir, LAST_APPS, 'kustomization.yaml');
    writeFileSync(kustomization, readFileSync(kustomization, 'utf8').replace('  - traffic-generator.yaml', '  - traffic-generator.yaml\n  - widget.yaml'));
    const schemas = makeTempDir();
    mkdirSync(join(schemas, 'example.com'));
    writeFileSync(join(schemas, 'example.com', 'widget-v1.json'), JSON.stringify({ type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'string' } } } } }));
    const { reports } = await validate(dir, { stage: String(LAST.number), schemaLocations: [`${schemas}/{{ .Group }}/{{ .ResourceKind }}-{{ .ResourceAPIVersion }}.json`] });
    expect(reports[0].violations).toEqual([expect.objectContaining({ kind: 'Widget', path: 'spec.size', message: expect.stringContaining('must be string') })]);
  });

  it('validates a git revision with --ref, and refuses an unknown stage', async () => {
    const { reports } = await validate(template, { ref: formatTag(STAGES[3]) });
    expect(reports.map((report) => report.stage)).toEqual(expectedReports(template, formatTag(STAGES[3]), STAGES.slice(0, 4)));
    await expect(validate(template, { stage: 'sidecar-injektion' })).rejects.toThrow(/no such stage in this repository/);
    await expect(validate(makeTempDir())).rejects.toThrow(/not a workshop repository/);
  });

  it('writes JSON and JUnit reports', async () => {
    const json = JSON.parse((await validate(template, { output: 'json' })).text);
    expect(json.summary).toMatchObject({ stages: expectedReports(template, 'HEAD').length, errors: 0 });
    expect((await validate(template, { output: 'junit' })).text).toMatch(/^<\?xml[^>]*>\s*<testsuites[^>]* failures="0"/);
  });
});

describe('validate --validator kubeconform', () => {
  it('runs the kubeconform on PATH with -strict over the bundled schemas and maps its report to our files', async () => {
    const bin = makeTempDir();
    // kubeconform reading standard input names every resource's file `stdin`.
    const recorded = JSON.parse(readFileSync(new URL('../fixtures/kubeconform/v0.7-invalid.json', import.meta.url), 'utf8'));
    for (const resource of recorded.resources) resource.filename = 'stdin';
    const output = join(bin, 'output.json');
    writeFileSync(output, JSON.stringify(recorded));
    writeFileSync(join(bin, 'kubeconform'), `#!/bin/sh\ncat > /dev/null\nprintf '%s\\n' "$@" > '${bin}/args.txt'\ncat '${output}'\nexit 1\n`);
    chmodSync(join(bin, 'kubeconform'), 0o755);
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    try {
      const { valid, reports } = await validate(template, { validator: 'kubeconform', stage: '4' });
      expect(valid).toBe(false);
      expect(reports[0].violations).toContainEqual(expect.objectContaining({ kind: 'Deployment', name: 'carts', path: 'spec.replicaz', file: 'stages/00-baseline/apps/carts.yaml' }));
      const args = readFileSync(join(bin, 'args.txt'), 'utf8');
      expect(args).toContain('-strict');
      expect(args).toMatch(/schemas\/\{\{ \.Group \}\}\/\{\{ \.ResourceKind \}\}_\{\{ \.ResourceAPIVersion \}\}\.json/);
    } finally {
      process.env.PATH = path;
    }
  });

  it('says how to install kubeconform when it is missing, and refuses an unreadable schema folder', async () => {
    const path = process.env.PATH;
    process.env.PATH = makeTempDir();
    try {
      await expect(validate(template, { validator: 'kubeconform', stage: '0' })).rejects.toThrow(/kubeconform was not found on PATH/);
    } finally {
      process.env.PATH = path;
    }
    await expect(validate(template, { stage: '0', schemaLocations: ['/nonexistent/schemas'] })).rejects.toThrow(/--schema-location \/nonexistent\/schemas: not a readable folder/);
  });
});
