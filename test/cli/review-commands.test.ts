/**
 * The review and promotion commands through the built bin (`npm test` builds first), the way a new
 * user runs them: generate in review form, publish to a remote, see the pull requests, diff, check
 * the status and promote stage by stage with one command each time.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../src/diff/diff-objects.js';
import { DEFAULT_FLAVOR, getFlavor } from '../../src/flavors/registry.js';
import { formatStageBranch, formatStageId, formatTag, pinFile } from '../../src/layout/layout.js';
import { planStages } from '../../src/plan/plan-stages.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { git } from '../helpers/git.js';
import { makeTempDir } from '../helpers/temp.js';
import { listRefs, makeBareRemote } from '../helpers/workshop.js';

const BIN = join(process.cwd(), 'dist/src/cli/main.js');

function cli(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const COMMANDS = ['diff', 'publish', 'promote', 'status'];
const STAGES = getFlavor(DEFAULT_FLAVOR).stages;

describe('the review and promotion commands (built bin)', () => {
  it('are listed in the main help, and each has its own --help with --dir', () => {
    const main = cli(process.cwd(), '--help');
    for (const name of COMMANDS) expect(main.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    for (const name of COMMANDS) {
      const { code, stdout } = cli(process.cwd(), name, '--help');
      expect(code, name).toBe(0);
      expect(stdout).toContain(`Usage: sockshop-mesh ${name}`);
      expect(stdout).toContain('--dir <dir>');
    }
    expect(cli(process.cwd(), 'publish', '--help').stdout).toContain('--skip-tags');
    expect(cli(process.cwd(), 'diff', '--help').stdout).toContain('text|markdown|json');
  });

  it('refuse unknown options with a suggestion, before touching anything', () => {
    const cwd = makeTempDir();
    expect(cli(cwd, 'publish', '--remtoe', 'x')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --remtoe (did you mean --remote?)') });
    expect(cli(cwd, 'publish', '--no-tags')).toMatchObject({ code: 2, stderr: expect.stringContaining('did you mean --skip-tags?') });
    expect(cli(cwd, 'promote', '--rolback')).toMatchObject({ code: 2, stderr: expect.stringContaining('did you mean --rollback?') });
    expect(cli(cwd, 'diff', '1', '2', '--output', 'html')).toMatchObject({ code: 2, stderr: expect.stringContaining('must be one of text, markdown, json') });
    expect(cli(cwd, 'status', '--dri', '.')).toMatchObject({ code: 2, stderr: expect.stringContaining('did you mean --dir?') });
    expect(cli(cwd, 'status')).toMatchObject({ code: 2, stderr: expect.stringContaining('is not a git repository') });
  });

  it('take a new user from `new --review` to a pull request per stage and a promotion per command', () => {
    const cwd = makeTempDir();
    const plans = planStages(checkSettings({ gitops: 'both', until: '3', review: true }));
    expect(cli(cwd, 'new', 'ws', '--review', '--gitops', 'both', '--until', '3').code).toBe(0);
    const repo = join(cwd, 'ws');
    expect(git(repo, 'rev-list', '--count', 'main').trim()).toBe('1');

    // publish to a "GitHub" remote that git redirects to a local bare repository
    const remote = makeBareRemote(cwd);
    const url = 'git@github.com:acme/sockshop-mesh-workshop.git';
    git(repo, 'config', `url.${remote}.insteadOf`, url);
    const published = cli(cwd, 'publish', '--dir', 'ws', '--remote', url);
    expect(published.code, published.stderr).toBe(0);
    expect(listRefs(remote)).toEqual(listRefs(repo));
    const order = published.stdout.split('\n').filter((line) => /^\s+\d+\. /.test(line)).map((line) => line.trim());
    expect(order).toEqual(STAGES.slice(1, 4).map((stage, index) => `${index + 1}. ${formatStageBranch(stage)} -> ${index === 0 ? 'main' : formatStageBranch(STAGES[index])}`));
    expect(published.stdout).toContain(
      `https://github.com/acme/sockshop-mesh-workshop/compare/${encodeURIComponent(formatStageBranch(STAGES[1]))}...${encodeURIComponent(formatStageBranch(STAGES[2]))}?expand=1`,
    );

    // the rendered diff of a stage pair, in each format
    const text = cli(repo, 'diff', '1', formatStageBranch(STAGES[2]));
    expect(text.code).toBe(0);
    for (const change of describeChanges(plans[2].changes)) expect(text.stdout).toContain(`${change.type.padEnd(7)} ${change.label}`);
    const json = JSON.parse(cli(repo, 'diff', '2', '3', '--output', 'json').stdout);
    expect(json.objects.map((object: any) => `${object.change} ${object.kind}/${object.name}`)).toEqual(
      describeChanges(plans[3].changes).map((change) => `${change.type} ${change.kind}/${change.name}`),
    );
    expect(cli(repo, 'diff', '0', '1', '--output', 'markdown').stdout).toContain(`### Rendered diff: \`${plans[0].tag}\` → \`${plans[1].tag}\``);

    // status, then one promote per stage
    expect(cli(repo, 'status').stdout).toContain(`Live: ${plans[0].tag}`);
    for (const [index, plan] of plans.slice(1).entries()) {
      const promoted = cli(cwd, 'promote', '--dir', 'ws', '--push');
      expect(promoted.code, promoted.stderr).toBe(0);
      expect(promoted.stdout).toContain(`promoted to ${formatStageId(plan.stage)} (${plan.tag}), from ${formatStageId(plans[index].stage)} (${plans[index].tag}).`);
      for (const change of describeChanges(plan.changes)) expect(promoted.stdout).toContain(`${change.type.padEnd(7)} ${change.label}`);
      expect(promoted.stdout).toContain('oc apply -k bootstrap/argocd / oc apply -k bootstrap/flux');
      expect((load(git(remote, 'show', `main:${pinFile('flux')}`)) as any).spec.ref.tag).toBe(plan.tag);
    }
    expect(cli(repo, 'status').stdout).toContain('Next: nothing, this is the last stage of the repository.');
    expect(cli(repo, 'promote')).toMatchObject({ code: 2, stderr: expect.stringContaining('last stage') });
  }, 240_000); // a dozen runs of the built bin, each a node process with real git

  it('show a class as a table and move one participant, and name the platform\'s own command', () => {
    const cwd = makeTempDir();
    expect(cli(cwd, 'new', 'cls', '--tenants', '3', '--until', '1', '--yes').code).toBe(0);
    const before = cli(cwd, 'status', '--dir', 'cls');
    expect(before.code, before.stderr).toBe(0);
    for (const who of ['user1', 'user2', 'user3']) expect(before.stdout).toMatch(new RegExp(`^${who} +${formatStageId(STAGES[0])} +${formatTag(STAGES[0]).replace(/[.+]/g, '\\$&')} +${formatStageId(STAGES[1])} `, 'm'));
    const promoted = cli(cwd, 'promote', '--dir', 'cls', '--tenant', 'user2');
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(promoted.stdout).toContain(`user2: promoted to ${formatStageId(STAGES[1])} (${formatTag(STAGES[1])}), from ${formatStageId(STAGES[0])} (${formatTag(STAGES[0])}).`);
    expect(promoted.stdout).toContain(`moving ${pinFile('argocd', 'user2')}.`);
    const after = cli(cwd, 'status', '--dir', 'cls').stdout;
    expect(after).toMatch(new RegExp(`^user2 +${formatStageId(STAGES[1])} +.*\\(last stage\\)`, 'm'));
    expect(after).toMatch(new RegExp(`^user1 +${formatStageId(STAGES[0])} `, 'm'));
    expect(cli(cwd, 'promote', '--dir', 'cls')).toMatchObject({ code: 2, stderr: expect.stringContaining('--tenant user1 moves one participant, --all moves everybody') });

    // Upstream Istio runs on any Kubernetes: the next steps say kubectl, not oc.
    expect(cli(cwd, 'new', 'k8s', '--flavor', 'istio', '--until', '1', '--yes').code).toBe(0);
    const istio = cli(cwd, 'promote', '--dir', 'k8s');
    expect(istio.code, istio.stderr).toBe(0);
    expect(istio.stdout).toContain('kubectl apply -k bootstrap/argocd');
    expect(istio.stdout).not.toContain('oc apply');
  }, 240_000);

  it('refuse bad input with a hint and exit 2, changing nothing', () => {
    const cwd = makeTempDir();
    expect(cli(cwd, 'new', 'ws', '--until', '2', '--yes').code).toBe(0);
    const repo = join(cwd, 'ws');
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    expect(cli(repo, 'diff', '1', 'v1.2.0+control-plain')).toMatchObject({ code: 2, stderr: expect.stringContaining('did you mean v1.2.0+control-plane?') });
    expect(cli(repo, 'promote', '9')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown stage "9"') });
    expect(cli(repo, 'promote', '2')).toMatchObject({ code: 2, stderr: expect.stringContaining('--skip') });
    writeFileSync(join(repo, 'notes.txt'), 'mine\n');
    expect(cli(repo, 'promote')).toMatchObject({ code: 2, stderr: expect.stringContaining('uncommitted changes') });
    expect(cli(repo, 'publish')).toMatchObject({ code: 2, stderr: expect.stringContaining('uncommitted changes') });
    expect(git(repo, 'rev-parse', 'HEAD').trim()).toBe(head);
    expect(formatTag(STAGES[0])).toBe(git(repo, 'describe', '--tags', '--exact-match', 'HEAD~2').trim());
  });
});
