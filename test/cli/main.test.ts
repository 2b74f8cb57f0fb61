/**
 * The built `sockshop-mesh` bin, as a user runs it (`npm test` builds first). No global `yo`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEnv } from 'yeoman-environment';
import { formatStageId, formatTag } from '../../src/layout/layout.js';
import { DEFAULT_FLAVOR, FLAVORS, getFlavor } from '../../src/flavors/registry.js';
import { ANSWER_OPTIONS, FLAG_OPTIONS } from '../../src/settings/options.js';
import { git } from '../helpers/git.js';
import { makeTempDir } from '../helpers/temp.js';

const ROOT = process.cwd();
const BIN = join(ROOT, 'dist/src/cli/main.js');
const STAGES = getFlavor(DEFAULT_FLAVOR).stages;

function cli(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('sockshop-mesh (built bin)', () => {
  it('lists every option, every allowed value and every stage in `new --help`', () => {
    const { code, stdout } = cli(ROOT, 'new', '--help');
    expect(code).toBe(0);
    for (const option of ANSWER_OPTIONS) {
      expect(stdout).toContain(option.type === 'boolean' ? `--${option.name}` : `--${option.name} <value>`);
      for (const choice of option.choices ?? []) expect(stdout).toContain(choice);
    }
    for (const flag of FLAG_OPTIONS) expect(stdout).toContain(`--${flag.name}`);
    for (const flavor of FLAVORS) {
      expect(stdout).toContain(`--flavor ${flavor.id}:`);
      for (const stage of flavor.stages) {
        expect(stdout).toContain(formatStageId(stage));
        expect(stdout).toContain(formatTag(stage));
      }
    }
  });

  it('scaffolds the default workshop without a prompt', () => {
    const cwd = makeTempDir();
    const { code, stdout, stderr } = cli(cwd, 'new', '--yes');
    expect(code).toBe(0);
    expect(stdout + stderr).toMatch(/created .*sockshop-mesh-workshop/);
    const repo = join(cwd, 'sockshop-mesh-workshop');
    expect(git(repo, 'rev-list', '--count', 'main').trim()).toBe(String(STAGES.length));
    expect(git(repo, 'tag').trim().split('\n')).toHaveLength(STAGES.length);
  });

  it('refuses a typo in an option, suggesting the real one, and writes nothing', () => {
    const cwd = makeTempDir();
    const { code, stderr } = cli(cwd, 'new', 'ws', '--domian', 'apps.x.io');
    expect(code).toBe(2);
    expect(stderr).toContain('unknown option --domian (did you mean --domain?)');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses bad values with field, value, rule and example, and writes nothing', () => {
    const cwd = makeTempDir();
    const { code, stderr } = cli(cwd, 'new', 'ws', '--tenant', 'User 1', '--until', 'sidecar');
    expect(code).toBe(2);
    expect(stderr).toContain('--tenant "User 1": must be a DNS label');
    expect(stderr).toContain('(for example: user7)');
    expect(stderr).toContain('--until "sidecar"');
    expect(stderr).toContain('did you mean sidecar-injection?');
    expect(existsSync(join(cwd, 'ws'))).toBe(false);
  });

  it('names an unknown command and the nearest real one', () => {
    const { code, stderr } = cli(ROOT, 'nwe');
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "nwe" (did you mean new?)');
  });

  it('runs as `yo sockshop-mesh` does after `npm link`: found by lookup, the built JavaScript chosen', async () => {
    const home = makeTempDir();
    mkdirSync(join(home, 'node_modules'));
    symlinkSync(ROOT, join(home, 'node_modules', 'generator-sockshop-mesh'));
    const env = createEnv({ cwd: home, skipInstall: true } as Parameters<typeof createEnv>[0]);
    await env.lookup({ npmPaths: [join(home, 'node_modules')] });
    const meta = env.getGeneratorMeta('sockshop-mesh:app');
    expect(meta?.resolved).toMatch(/dist\/generators\/app\/index\.js$/);
    const cwd = process.cwd();
    try {
      process.chdir(home);
      await env.run(['sockshop-mesh', 'linked', '--tenant', 'user3', '--until', '2']);
    } finally {
      process.chdir(cwd);
    }
    expect(git(join(home, 'linked'), 'rev-list', '--count', 'main').trim()).toBe('3');
  });
});

describe('sockshop-mesh validate (built bin)', () => {
  it('exits 0 on a generated repository and 1 after a typo, naming stage, file, object and field', () => {
    const cwd = makeTempDir();
    expect(cli(cwd, 'new', 'ws', '--until', '2').code).toBe(0);
    const ok = cli(cwd, 'validate', 'ws');
    expect(ok.code).toBe(0);
    // 00..02, the folders with a kustomization.yaml in cluster/ that an engine syncs, and bootstrap/argocd.
    const entries = git(join(cwd, 'ws'), 'ls-files').split('\n').filter((path) => /^cluster(\/[^/]+){0,2}\/kustomization\.yaml$/.test(path));
    expect(entries.length).toBeGreaterThan(0);
    expect(ok.stdout).toMatch(new RegExp(`^${3 + entries.length + 1} stages, \\d+ objects, 0 errors$`, 'm'));
    // The default flavor's control plane: a Sail `Istio`, cluster-scoped, named after the participant.
    const file = join(cwd, 'ws/stages/02-control-plane/participant/control-plane.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('updateStrategy:', 'updateStrateg:'));
    const bad = cli(cwd, 'validate', 'ws', '--stage', 'control-plane');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('02-control-plane: ');
    expect(bad.stdout).toContain('stages/02-control-plane/participant/control-plane.yaml:');
    expect(bad.stdout).toContain('Istio/user1 spec.updateStrateg: unknown field "updateStrateg" (did you mean "updateStrategy"?)');
  });

  it('refuses bad options with exit 2', () => {
    const { code, stderr } = cli(ROOT, 'validate', '--output', 'xml');
    expect(code).toBe(2);
    expect(stderr).toContain('--output "xml": must be one of text, json, junit');
  });
});
