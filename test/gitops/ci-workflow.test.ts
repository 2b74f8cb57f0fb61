/**
 * The generated repository's CI (`.github/workflows/validate.yaml` + `scripts/validate.sh`) works
 * on a repository generated here, for every flavor (both engines) and for a class of three:
 *
 * - the workflow's actions are pinned by full commit SHA, its downloads by SHA-256, and its install
 *   steps run as written (with `curl` answering from a local tarball, so no network): a tarball that
 *   does not match the pinned checksum is refused before anything is unpacked;
 * - the script runs in the generated repository with `kustomize` resolved to the real kustomize of
 *   this machine (`kubectl kustomize`) and `kubeconform` replaced by a shim
 *   (test/fixtures/kubeconform/kubeconform-shim.mjs) that validates with this package's validator
 *   against the very `-schema-location` folders the script names. The real kubeconform binary is the
 *   one thing not run: it cannot be installed on this machine (no network), so the test names say so;
 * - the schemas the repository carries are exactly those of the apiVersions and kinds the real
 *   kustomize renders from the folders the script checks, each found first in kubeconform's lookup order.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { findSchemaFile } from '../../src/gitops/ci-schemas.js';
import { CHECKOUT_ACTION, CI_TOOLS, listRepositorySchemaLocations } from '../../src/gitops/ci-workflow.js';
import { FLAVORS, getFlavor, DEFAULT_FLAVOR } from '../../src/flavors/registry.js';
import type { FlavorId } from '../../src/flavors/types.js';
import { listSchemaLocations } from '../../src/kubeconform/run-kubeconform.js';
import { CI_SCRIPT_FILE, CI_WORKFLOW_FILE, SCHEMAS_DIR } from '../../src/layout/layout.js';
import { schemaSetDir } from '../../src/validate/schema-sets.js';
import { git } from '../helpers/git.js';
import { KUSTOMIZE } from '../helpers/kustomize.js';
import { planStages } from '../../src/plan/plan-stages.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { makeTempDir } from '../helpers/temp.js';
import { makeWorkshop } from '../helpers/workshop.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHIM = join(ROOT, 'test/fixtures/kubeconform/kubeconform-shim.mjs');
const SHA = /^[0-9a-f]{40}$/;
const TIMEOUT = 300_000;

interface Shims {
  bin: string;
  env: NodeJS.ProcessEnv;
  kustomizeLog: string;
  kubeconformLog: string;
  /** What the real kustomize printed, one file per call, numbered from 0. */
  outputs: string;
}

/** `kustomize` -> the machine's real kustomize; `kubeconform` -> the validator shim. Both log their calls. */
function installShims(): Shims {
  const dir = makeTempDir('sockshop-mesh-shims-');
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const kustomizeLog = join(dir, 'kustomize.log');
  const kubeconformLog = join(dir, 'kubeconform.log');
  const real = [KUSTOMIZE.command, ...KUSTOMIZE.args].map((word) => `'${word}'`).join(' ');
  const outputs = join(dir, 'rendered');
  mkdirSync(outputs);
  // Keeps what it rendered (rendered/<call>.yaml), so the test compares it with what kubeconform read without rendering twice.
  writeFileSync(
    join(bin, 'kustomize'),
    `#!/bin/sh\ncall=$(wc -l < '${kustomizeLog}' | tr -d ' ')\necho "$*" >> '${kustomizeLog}'\n[ "$1" = build ] || { echo "kustomize shim: only build" >&2; exit 64; }\nshift\n${real} "$@" > '${outputs}'/$call.yaml || exit $?\ncat '${outputs}'/$call.yaml\n`,
  );
  writeFileSync(join(bin, 'kubeconform'), `#!/bin/sh\nexec '${process.execPath}' '${SHIM}' "$@"\n`);
  chmodSync(join(bin, 'kustomize'), 0o755);
  chmodSync(join(bin, 'kubeconform'), 0o755);
  writeFileSync(kustomizeLog, '');
  writeFileSync(kubeconformLog, '');
  return { bin, kustomizeLog, kubeconformLog, outputs, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, KUBECONFORM_SHIM_LOG: kubeconformLog } };
}

function runScript(repo: string, shims: Shims) {
  const result = spawnSync('sh', [CI_SCRIPT_FILE], { cwd: repo, env: shims.env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface ShimRun {
  args: string[];
  cwd: string;
  resources: { apiVersion: string; kind: string; name?: string; status: string }[];
}

function readShimLog(file: string): ShimRun[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ShimRun);
}

/** The folders an engine syncs, read from the checkout itself: stages/*, bootstrap/* and every kustomization below cluster/ and tenants/. */
function listSyncedFolders(repo: string): string[] {
  const hasKustomization = (dir: string) => existsSync(join(repo, dir, 'kustomization.yaml'));
  const children = (dir: string) => (existsSync(join(repo, dir)) ? readdirSync(join(repo, dir)).sort().map((name) => `${dir}/${name}`) : []);
  const walk = (dir: string): string[] => {
    if (!existsSync(join(repo, dir))) return [];
    const below = readdirSync(join(repo, dir))
      .filter((name) => statSync(join(repo, dir, name)).isDirectory())
      .flatMap((name) => walk(`${dir}/${name}`));
    return [...(hasKustomization(dir) ? [dir] : []), ...below];
  };
  return [...children('stages').filter(hasKustomization), ...children('bootstrap').filter(hasKustomization), ...walk('cluster').sort(), ...walk('tenants').sort()];
}

/** The apiVersion and kind of every object the real kustomize printed on its call number `call`. */
function readRenderedKinds(shims: Shims, call: number): { apiVersion: string; kind: string }[] {
  return (loadAll(readFileSync(join(shims.outputs, `${call}.yaml`), 'utf8')) as any[]).filter(Boolean).map((object) => ({ apiVersion: object.apiVersion, kind: object.kind }));
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? listFiles(join(dir, name)).map((file) => `${name}/${file}`) : [name]));
}

const CASES: { name: string; flavor: FlavorId; answers: Record<string, string> }[] = [
  ...FLAVORS.map((flavor) => ({ name: `--flavor ${flavor.id} --gitops both`, flavor: flavor.id, answers: { flavor: flavor.id, gitops: 'both' } })),
  { name: `--flavor ${DEFAULT_FLAVOR} --tenants 3 --gitops both`, flavor: DEFAULT_FLAVOR, answers: { flavor: DEFAULT_FLAVOR, tenants: '3', gitops: 'both' } },
];

describe('the generated workflow', () => {
  it('pins every action to a full commit SHA and every download to a SHA-256 that sha256sum -c checks before unpacking', async () => {
    const { repo } = await makeWorkshop({ gitops: 'both' });
    const text = readFileSync(join(repo, CI_WORKFLOW_FILE), 'utf8');
    const workflow = load(text) as any;
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const steps: any[] = Object.values(workflow.jobs).flatMap((job: any) => job.steps);
    const uses = steps.filter((step) => step.uses).map((step) => step.uses as string);
    expect(uses).toEqual([`${CHECKOUT_ACTION.action}@${CHECKOUT_ACTION.commit}`]);
    for (const use of uses) expect(use.split('@')[1]).toMatch(SHA);
    const runs = steps.filter((step) => step.run).map((step) => step.run as string);
    const downloads = runs.filter((run) => /\b(curl|wget)\b/.test(run));
    expect(downloads).toHaveLength(CI_TOOLS.length);
    for (const run of downloads) {
      const lines = run.split('\n');
      const fetched = lines.filter((line) => /\b(curl|wget)\b/.test(line));
      expect(fetched, run).toHaveLength(1);
      const output = /-o (\S+) (https:\/\/\S+)$/.exec(fetched[0]);
      expect(output, fetched[0]).not.toBeNull();
      const check = lines.findIndex((line) => new RegExp(`^echo "[0-9a-f]{64}  ${output![1].replace(/\./g, '\\.')}" \\| sha256sum -c -$`).test(line));
      const unpack = lines.findIndex((line) => line.startsWith('tar '));
      expect(check, run).toBeGreaterThan(lines.indexOf(fetched[0]));
      expect(unpack, run).toBeGreaterThan(check);
      expect(lines[0]).toBe('set -eu');
      expect(output![2]).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/releases\/download\//);
    }
    // Nothing is installed from a package registry (the old workflow ran an unpublished npm package).
    expect(text).not.toMatch(/\bnpx\b|\bnpm\b|setup-node|go install|@latest|@main\b/);
    expect(runs.at(-1)).toBe(`sh ${CI_SCRIPT_FILE}`);
  }, TIMEOUT);

  for (const tool of CI_TOOLS) {
    it(`installs ${tool.name} ${tool.version} as written from a tarball of the release's layout, and refuses one whose SHA-256 is not the pinned one (the real download is the only part not run: no network here)`, async () => {
      const { repo } = await makeWorkshop();
      const workflow = load(readFileSync(join(repo, CI_WORKFLOW_FILE), 'utf8')) as any;
      const step = Object.values(workflow.jobs).flatMap((job: any) => job.steps).find((candidate: any) => String(candidate.run ?? '').includes(tool.url)) as { run: string };
      expect(step).toBeDefined();

      const dir = makeTempDir('sockshop-mesh-runner-');
      const release = join(dir, 'release');
      mkdirSync(release);
      writeFileSync(join(release, tool.binary), `#!/bin/sh\necho "${tool.name} ${tool.version} (test stand-in)"\n`);
      chmodSync(join(release, tool.binary), 0o755);
      const tarball = join(dir, tool.asset);
      expect(spawnSync('tar', ['-czf', tarball, '-C', release, tool.binary]).status).toBe(0);
      const fakeBin = join(dir, 'fake-bin');
      mkdirSync(fakeBin);
      // curl -sSfL -o FILE URL: answers the one pinned URL from the local tarball, fails for any other.
      writeFileSync(
        join(fakeBin, 'curl'),
        `#!/bin/sh\nout=""; url=""\nwhile [ $# -gt 0 ]; do case "$1" in -o) out="$2"; shift 2;; -*) shift;; *) url="$1"; shift;; esac; done\n[ "$url" = '${tool.url}' ] || { echo "curl stand-in: unexpected URL $url" >&2; exit 22; }\ncp '${tarball}' "$out"\n`,
      );
      chmodSync(join(fakeBin, 'curl'), 0o755);
      const runStep = (run: string) => {
        const runnerTemp = makeTempDir('sockshop-mesh-runner-temp-');
        const githubPath = join(runnerTemp, 'github_path');
        writeFileSync(githubPath, '');
        const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', run], {
          env: { ...process.env, PATH: `${fakeBin}:${process.env.PATH}`, RUNNER_TEMP: runnerTemp, GITHUB_PATH: githubPath },
          encoding: 'utf8',
        });
        return { ...result, runnerTemp, githubPath };
      };

      // As written: the stand-in tarball is not the release's, so sha256sum -c refuses it and nothing is unpacked.
      const refused = runStep(step.run);
      expect(refused.status).not.toBe(0);
      expect(refused.stdout + refused.stderr).toMatch(/FAILED/);
      expect(existsSync(join(refused.runnerTemp, 'bin', tool.binary))).toBe(false);
      expect(readFileSync(refused.githubPath, 'utf8')).toBe('');

      // The same step with the stand-in's own checksum in place of the pinned one: every other command runs as written.
      const actual = createHash('sha256').update(readFileSync(tarball)).digest('hex');
      expect(step.run.split(tool.sha256)).toHaveLength(2);
      const accepted = runStep(step.run.replace(tool.sha256, actual));
      expect(accepted.status, accepted.stderr).toBe(0);
      const installed = join(accepted.runnerTemp, 'bin', tool.binary);
      expect(spawnSync(installed, [], { encoding: 'utf8' }).stdout).toContain('(test stand-in)');
      expect(readFileSync(accepted.githubPath, 'utf8').trim().split('\n')).toEqual([join(accepted.runnerTemp, 'bin')]);
    }, TIMEOUT);
  }
});

describe('scripts/validate.sh in a generated repository (real kustomize; kubeconform replaced by a shim running our validator on the same schema folders, because the real binary cannot be installed here)', () => {
  for (const { name, flavor, answers } of CASES) {
    it(`${name}: every synced folder builds and validates, and the repository carries exactly the schemas of the kinds it renders`, async () => {
      const { repo } = await makeWorkshop(answers);
      const set = getFlavor(flavor).schemaSet;
      const shims = installShims();
      const result = runScript(repo, shims);
      expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);

      // Every folder an engine syncs was built once and validated once, in the script's order.
      const folders = listSyncedFolders(repo);
      expect(folders.filter((folder) => folder.startsWith('stages/'))).toHaveLength(getFlavor(flavor).stages.length);
      expect(folders).toContain('cluster');
      for (const engine of ['argocd', 'flux']) expect(folders).toContain(`bootstrap/${engine}`);
      if (answers.tenants) for (let index = 1; index <= Number(answers.tenants); index += 1) expect(folders).toContain(`tenants/user${index}`);
      expect(readFileSync(shims.kustomizeLog, 'utf8').trim().split('\n')).toEqual(folders.map((folder) => `build ${folder}`));
      const runs = readShimLog(shims.kubeconformLog);
      expect(runs).toHaveLength(folders.length);
      expect(result.stdout).toContain(`all ${folders.length} folders valid`);

      // kubeconform got -strict, -summary and the four schema folders, in kubeconform's lookup order, nothing else.
      const locations = listRepositorySchemaLocations(set);
      expect(locations).toEqual(listSchemaLocations(SCHEMAS_DIR, set));
      for (const run of runs) {
        expect(run.cwd).toBe(repo);
        expect(run.args).toEqual(['-strict', '-summary', ...locations.flatMap((location) => ['-schema-location', location])]);
      }
      // The folders the locations name exist in the repository.
      for (const location of locations) expect(statSync(join(repo, location.slice(0, location.indexOf('/{{')))).isDirectory(), location).toBe(true);

      // What kubeconform read is what the real kustomize renders, every resource valid.
      const rendered = folders.map((_, call) => readRenderedKinds(shims, call));
      runs.forEach((run, index) => {
        expect(run.resources.map(({ apiVersion, kind }) => ({ apiVersion, kind })), folders[index]).toEqual(rendered[index]);
        expect(run.resources.filter((resource) => resource.status !== 'valid'), folders[index]).toEqual([]);
      });
      expect(rendered.flat().length).toBeGreaterThan(0);

      // Every apiVersion/kind has its schema where kubeconform looks first, pinning that kind; no other schema is carried.
      const schemasRoot = join(repo, SCHEMAS_DIR);
      const kinds = new Map(rendered.flat().map((ref) => [`${ref.apiVersion} ${ref.kind}`, ref]));
      const needed = new Set<string>();
      for (const [label, ref] of kinds) {
        const file = findSchemaFile(schemasRoot, set, ref);
        expect(file, `no schema for ${label} in ${SCHEMAS_DIR}/`).toBeDefined();
        const schema = JSON.parse(readFileSync(join(schemasRoot, file!), 'utf8'));
        const pinned = schema.properties?.kind?.enum;
        if (Array.isArray(pinned)) expect(pinned, `${file} for ${label}`).toContain(ref.kind);
        needed.add(file!);
      }
      const carried = listFiles(schemasRoot).filter((file) => file.endsWith('.json') && !file.endsWith('index.json'));
      expect(carried.sort()).toEqual([...needed].sort());
      expect(carried.some((file) => file.startsWith(`${schemaSetDir(set)}/`))).toBe(true);
      expect(readFileSync(join(schemasRoot, 'LICENSES.md'), 'utf8')).toMatch(/Where the schemas in this folder come from/);
    }, TIMEOUT);
  }

  it('passes at the first stage tag too, where only the first stage folder exists (the first push)', async () => {
    const { repo, plans } = await makeWorkshop({ gitops: 'both' });
    const checkout = makeTempDir('sockshop-mesh-first-tag-');
    const archive = spawnSync('sh', ['-c', `git archive '${plans[0].tag}' | tar -x -C '${checkout}'`], { cwd: repo, encoding: 'utf8' });
    expect(archive.status, archive.stderr).toBe(0);
    expect(readdirSync(join(checkout, 'stages'))).toHaveLength(1);
    const shims = installShims();
    const result = runScript(checkout, shims);
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    const folders = listSyncedFolders(checkout);
    expect(readShimLog(shims.kubeconformLog)).toHaveLength(folders.length);
    expect(result.stdout).toContain(`all ${folders.length} folders valid`);
  }, TIMEOUT);

  it('fails, naming the folder, when a manifest holds a field its schema refuses or a folder does not build', async () => {
    const { repo } = await makeWorkshop({ gitops: 'argocd', until: '0' });
    const stage = readdirSync(join(repo, 'stages')).sort()[0];
    const shims = installShims();

    // An unknown field in a Deployment of the first stage (-strict refuses it).
    const apps = join(repo, 'stages', stage, 'apps');
    const manifest = readdirSync(apps).find((file) => /^kind: Deployment$/m.test(readFileSync(join(apps, file), 'utf8')))!;
    expect(manifest).toBeDefined();
    const original = readFileSync(join(apps, manifest), 'utf8');
    writeFileSync(join(apps, manifest), original.replace(/^spec:\n/m, 'spec:\n  replicaz: 2\n'));
    const invalid = runScript(repo, shims);
    expect(invalid.status).toBe(1);
    expect(invalid.stdout).toMatch(/replicaz/);
    expect(invalid.stderr).toMatch(/\d+ of \d+ folders failed/);
    const failing = readShimLog(shims.kubeconformLog).filter((run) => run.resources.some((resource) => resource.status !== 'valid'));
    expect(failing.length).toBeGreaterThan(0);

    // A folder kustomize cannot build: the pipe would have hidden it; the script does not.
    writeFileSync(join(apps, manifest), original);
    appendFileSync(join(repo, 'stages', stage, 'kustomization.yaml'), '  - does-not-exist\n');
    const broken = runScript(repo, shims);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`kustomize build stages/${stage} failed`);
    expect(broken.stderr).toMatch(/1 of \d+ folders failed/);
  }, TIMEOUT);

  it('says which tool is missing instead of failing half-way', async () => {
    const { repo } = await makeWorkshop();
    const bin = makeTempDir('sockshop-mesh-empty-bin-');
    for (const tool of ['sh', 'dirname']) {
      const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
      writeFileSync(join(bin, tool), `#!/bin/sh\nexec '${found}' "$@"\n`);
      chmodSync(join(bin, tool), 0o755);
    }
    const result = spawnSync(join(bin, 'sh'), [CI_SCRIPT_FILE], { cwd: repo, env: { PATH: bin }, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('kustomize is not on PATH');
  }, TIMEOUT);
});

describe('the generated README', () => {
  for (const flavor of FLAVORS) {
    it(`--flavor ${flavor.id}: says how to run the same check locally${flavor.charts?.length ? ', and that what the Helm charts render at sync time is not validated offline' : ''}`, async () => {
      const plans = planStages(checkSettings({ flavor: flavor.id, gitops: 'both' }));
      const readme = plans.at(-1)!.files.get('README.md')!;
      expect(readme).toContain(`sh ${CI_SCRIPT_FILE}`);
      for (const tool of CI_TOOLS) expect(readme).toContain(tool.release);
      expect(readme).not.toMatch(/\bnpx\b|alias sockshop-mesh=/);
      const charts = flavor.charts ?? [];
      if (charts.length > 0) {
        expect(readme).toMatch(/What a Helm chart renders at sync time is not in this repository, so it is not validated offline/);
        for (const chart of charts) expect(readme).toContain(`\`${chart.chart}\` ${chart.version}`);
      } else {
        expect(readme).not.toMatch(/Helm chart renders/);
      }
    }, TIMEOUT);
  }
});

describe('every commit', () => {
  it('holds the workflow, the script and the schemas, so CI runs on any stage branch or tag pushed', async () => {
    const { repo, plans } = await makeWorkshop({ gitops: 'flux' });
    for (const plan of plans) {
      const files = git(repo, 'ls-tree', '-r', '--name-only', plan.tag).split('\n');
      expect(files, plan.tag).toContain(CI_SCRIPT_FILE);
      expect(files, plan.tag).toContain(CI_WORKFLOW_FILE);
      expect(files.some((file) => file.startsWith(`${SCHEMAS_DIR}/`)), plan.tag).toBe(true);
    }
  }, TIMEOUT);
});
