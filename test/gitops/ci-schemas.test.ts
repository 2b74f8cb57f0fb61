/**
 * The schemas a generated repository carries for its CI: which folders the script checks (the
 * planner's mirror of `scripts/validate.sh` must list the same ones as the script itself), which
 * file kubeconform finds first for a kind, and the copy of those files.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectRenderedKinds, findSchemaFile, listValidatedPaths, planRepositorySchemas } from '../../src/gitops/ci-schemas.js';
import { buildValidateScript } from '../../src/gitops/ci-workflow.js';
import { FLAVORS } from '../../src/flavors/registry.js';
import { CI_SCRIPT_FILE, SCHEMAS_DIR } from '../../src/layout/layout.js';
import { planStages } from '../../src/plan/plan-stages.js';
import { locateBundledSchemaDir } from '../../src/validate/schema-loader.js';
import { listSchemaFileCandidates } from '../../src/validate/schema-names.js';
import { schemaSetDir } from '../../src/validate/schema-sets.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { makeTempDir } from '../helpers/temp.js';

const KUSTOMIZATION = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n';

describe('listValidatedPaths', () => {
  it('lists the folders scripts/validate.sh checks, as the script itself does on the same tree', () => {
    const files = [
      'stages/00-baseline/kustomization.yaml',
      'stages/00-baseline/apps/kustomization.yaml',
      'stages/01-operators/kustomization.yaml',
      'stages/notes/README.md',
      'bootstrap/argocd/kustomization.yaml',
      'bootstrap/argocd/participants/user1.yaml',
      'bootstrap/flux/kustomization.yaml',
      'cluster/kustomization.yaml',
      'cluster/apps/kustomization.yaml',
      'cluster/installers/flux/kustomization.yaml',
      'components/participant/kustomization.yaml',
      'tenants/user1/kustomization.yaml',
      'tenants/user1/values/kustomization.yaml',
      'README.md',
    ];
    const listed = listValidatedPaths(files);
    expect(listed).toEqual([
      'stages/00-baseline',
      'stages/01-operators',
      'bootstrap/argocd',
      'bootstrap/flux',
      'cluster',
      'cluster/apps',
      'cluster/installers/flux',
      'tenants/user1',
      'tenants/user1/values',
    ]);

    // The script on a disk tree of the same files, with tools that only report the folder they are given.
    const repo = makeTempDir();
    for (const file of files) {
      mkdirSync(join(repo, dirname(file)), { recursive: true });
      writeFileSync(join(repo, file), file.endsWith('kustomization.yaml') ? KUSTOMIZATION : '');
    }
    mkdirSync(join(repo, 'scripts'));
    writeFileSync(join(repo, CI_SCRIPT_FILE), buildValidateScript(FLAVORS[0].schemaSet));
    const bin = makeTempDir();
    writeFileSync(join(bin, 'kustomize'), '#!/bin/sh\necho "$2" >> "$BUILT"\n');
    writeFileSync(join(bin, 'kubeconform'), '#!/bin/sh\ncat > /dev/null\n');
    chmodSync(join(bin, 'kustomize'), 0o755);
    chmodSync(join(bin, 'kubeconform'), 0o755);
    const built = join(bin, 'built.log');
    const result = spawnSync('sh', [CI_SCRIPT_FILE], { cwd: repo, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, BUILT: built }, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(built, 'utf8').trim().split('\n')).toEqual(listed);
  });
});

describe('findSchemaFile', () => {
  const bundled = locateBundledSchemaDir();
  for (const flavor of FLAVORS) {
    it(`looks in the ${flavor.schemaSet} set before the shared schemas, core layout before group layout (--flavor ${flavor.id})`, () => {
      const kinds = collectRenderedKinds([planStages(checkSettings({ flavor: flavor.id, gitops: 'both' })).at(-1)!.files]);
      expect(kinds.length).toBeGreaterThan(0);
      let fromSet = 0;
      for (const ref of kinds) {
        const file = findSchemaFile(bundled, flavor.schemaSet, ref);
        const [core, group] = listSchemaFileCandidates(ref.apiVersion, ref.kind);
        const order = [`${schemaSetDir(flavor.schemaSet)}/${core}`, `${schemaSetDir(flavor.schemaSet)}/${group}`, core, group];
        expect(file, `${ref.apiVersion} ${ref.kind}`).toBe(order.find((candidate) => existsSync(join(bundled, candidate))));
        if (file!.startsWith('sets/')) fromSet += 1;
      }
      expect(fromSet).toBeGreaterThan(0);
    });
  }

  it('finds nothing for a kind no bundled schema describes, and the copy refuses it with the kind named', () => {
    const ref = { apiVersion: 'example.com/v1', kind: 'Widget' };
    expect(findSchemaFile(locateBundledSchemaDir(), FLAVORS[0].schemaSet, ref)).toBeUndefined();
    expect(() => planRepositorySchemas(FLAVORS[0].schemaSet, [ref])).toThrow(/example\.com\/v1 Widget/);
  });
});

describe('planRepositorySchemas', () => {
  it('copies each file byte for byte to the same path below schemas/, with an index per folder and the licences', () => {
    const set = FLAVORS[0].schemaSet;
    const bundled = locateBundledSchemaDir();
    const kinds = [
      { apiVersion: 'apps/v1', kind: 'Deployment' },
      { apiVersion: 'v1', kind: 'Service' },
    ];
    const files = planRepositorySchemas(set, kinds, bundled);
    const copied = kinds.map((ref) => findSchemaFile(bundled, set, ref)!);
    expect([...files.keys()].sort()).toEqual([...copied.map((file) => `${SCHEMAS_DIR}/${file}`), `${SCHEMAS_DIR}/LICENSES.md`, `${SCHEMAS_DIR}/index.json`].sort());
    for (const file of copied) expect(files.get(`${SCHEMAS_DIR}/${file}`)).toBe(readFileSync(join(bundled, file), 'utf8'));
    const index = JSON.parse(files.get(`${SCHEMAS_DIR}/index.json`)!);
    expect(index.map((entry: { kind: string }) => entry.kind)).toEqual(kinds.map((ref) => ref.kind));
  });
});
