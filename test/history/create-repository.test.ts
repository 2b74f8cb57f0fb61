import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readStageText } from '../../src/docs/stage-texts.js';
import { UserError } from '../../src/errors.js';
import { getFlavor } from '../../src/flavors/registry.js';
import { createRepository } from '../../src/history/create-repository.js';
import { readIdentity } from '../../src/history/git.js';
import { createStaging } from '../../src/history/target.js';
import { writeHistory } from '../../src/history/write-history.js';
import { ENTRY_DIR, formatStageBranch, formatTag } from '../../src/layout/layout.js';
import { planStages } from '../../src/plan/plan-stages.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { git, readTree } from '../helpers/git.js';
import { buildWithKustomize } from '../helpers/kustomize.js';
import { makeTempDir } from '../helpers/temp.js';

const savedEnv = { ...process.env };
afterEach(() => {
  process.env = { ...savedEnv };
});

describe('createRepository', () => {
  it('writes one commit and one annotated tag per stage; each tag holds exactly its stage and builds', async () => {
    const cwd = makeTempDir();
    const settings = checkSettings({ directory: 'ws', gitops: 'both' });
    const { path, plans } = await createRepository(settings, { cwd, moveAside: false });
    const STAGES = getFlavor(settings.flavor).stages;

    expect(path).toBe(join(cwd, 'ws'));
    const log = git(path, 'log', '--reverse', '--format=%s', 'main').trim().split('\n');
    expect(log).toEqual(plans.map((plan) => plan.message.split('\n')[0]));
    expect(git(path, 'rev-list', '--count', 'main').trim()).toBe(String(STAGES.length));
    expect(git(path, 'tag', '--list').trim().split('\n').sort()).toEqual(STAGES.map(formatTag).sort());
    expect(git(path, 'status', '--porcelain')).toBe('');
    expect(git(path, 'symbolic-ref', 'HEAD').trim()).toBe('refs/heads/main');

    const clone = join(makeTempDir(), 'clone');
    git(cwd, 'clone', '--quiet', path, clone);
    plans.forEach((plan, index) => {
      expect(git(path, 'cat-file', '-t', plan.tag).trim()).toBe('tag');
      expect(git(path, 'rev-parse', `${plan.tag}^{commit}`)).toBe(git(path, 'rev-parse', `main~${plans.length - 1 - index}`));
      expect(readTree(path, plan.tag)).toEqual(new Map([...plan.files].sort(([a], [b]) => (a < b ? -1 : 1))));
      git(clone, 'checkout', '--quiet', plan.tag);
      expect(buildWithKustomize(join(clone, ENTRY_DIR)), plan.tag).toEqual(plan.objects);
    });
    expect(git(path, 'show', '-s', '--format=%B', formatTag(STAGES[4]))).toContain(readStageText(settings.lang, settings.flavor, STAGES[4].slug).lesson);
  });

  it('in review form, keeps main at the baseline and gives every later stage one commit on its own branch', async () => {
    const cwd = makeTempDir();
    const settings = checkSettings({ directory: 'ws', review: true });
    const { path, plans } = await createRepository(settings, { cwd, moveAside: false });
    const STAGES = getFlavor(settings.flavor).stages;

    expect(git(path, 'rev-list', '--count', 'main').trim()).toBe('1');
    expect(git(path, 'symbolic-ref', 'HEAD').trim()).toBe('refs/heads/main');
    expect(git(path, 'status', '--porcelain')).toBe('');
    const branches = git(path, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/').trim().split('\n');
    expect(branches.sort()).toEqual(['main', ...STAGES.slice(1).map(formatStageBranch)].sort());
    plans.forEach((plan, index) => {
      const ref = index === 0 ? 'main' : formatStageBranch(plan.stage);
      const base = index <= 1 ? 'main' : formatStageBranch(plans[index - 1].stage);
      expect(git(path, 'rev-parse', `${plan.tag}^{commit}`), plan.tag).toBe(git(path, 'rev-parse', ref));
      if (index > 0) {
        // exactly one commit of its own, directly on top of the previous stage
        expect(git(path, 'rev-list', '--count', `${base}..${ref}`).trim(), ref).toBe('1');
        expect(git(path, 'rev-parse', `${ref}^`)).toBe(git(path, 'rev-parse', base));
      }
      expect(readTree(path, plan.tag)).toEqual(new Map([...plan.files].sort(([a], [b]) => (a < b ? -1 : 1))));
      expect(git(path, 'show', '-s', '--format=%B', ref).trimEnd()).toBe(plan.message.trimEnd());
    });
  });

  it('gives the same trees on a second run with the same answers', async () => {
    const cwd = makeTempDir();
    await createRepository(checkSettings({ directory: 'a' }), { cwd, moveAside: false });
    await createRepository(checkSettings({ directory: 'b' }), { cwd, moveAside: false });
    const trees = (dir: string) => git(join(cwd, dir), 'log', '--format=%T', 'main');
    expect(trees('a')).toBe(trees('b'));
  });

  it('writes into an empty folder and keeps usual permissions', async () => {
    const cwd = makeTempDir();
    mkdirSync(join(cwd, 'empty'));
    const { path } = await createRepository(checkSettings({ directory: 'empty', until: '0' }), { cwd, moveAside: false });
    expect(git(path, 'rev-list', '--count', 'main').trim()).toBe('1');
    expect(statSync(path).mode & 0o077).not.toBe(0);
  });

  it('refuses a non-empty folder and an existing repository, touching nothing', async () => {
    const cwd = makeTempDir();
    mkdirSync(join(cwd, 'mine'));
    writeFileSync(join(cwd, 'mine', 'notes.txt'), 'keep me');
    await expect(createRepository(checkSettings({ directory: 'mine' }), { cwd, moveAside: false })).rejects.toThrow(/mine is not empty.*\n?/);
    await expect(createRepository(checkSettings({ directory: 'mine' }), { cwd, moveAside: false })).rejects.toBeInstanceOf(UserError);
    expect(readdirSync(join(cwd, 'mine'))).toEqual(['notes.txt']);

    git(cwd, 'init', '--quiet', 'repo');
    await expect(createRepository(checkSettings({ directory: 'repo' }), { cwd, moveAside: false })).rejects.toThrow(/already a git repository.*history/);
    expect(readdirSync(cwd).sort()).toEqual(['mine', 'repo']);
  });

  it('with move-aside, moves a non-empty folder aside instead of overwriting it', async () => {
    const cwd = makeTempDir();
    mkdirSync(join(cwd, 'ws'));
    writeFileSync(join(cwd, 'ws', 'notes.txt'), 'keep me');
    const { backup } = await createRepository(checkSettings({ directory: 'ws', until: '1' }), { cwd, moveAside: true });
    expect(backup).toBe(join(cwd, 'ws.bak-1'));
    expect(readFileSync(join(cwd, 'ws.bak-1', 'notes.txt'), 'utf8')).toBe('keep me');
    expect(existsSync(join(cwd, 'ws', '.git'))).toBe(true);
  });

  it('creates missing parent folders, and removes them again when a run fails', async () => {
    const cwd = makeTempDir();
    const { path } = await createRepository(checkSettings({ directory: 'a/b/ws', until: '0' }), { cwd, moveAside: false });
    expect(existsSync(join(path, '.git'))).toBe(true);

    const staging = createStaging(join(cwd, 'x/y/ws'));
    const plans = planStages(checkSettings({ until: '0' }));
    const broken = [{ ...plans[0], files: new Map([['../outside', 'nope']]) }];
    await expect(writeHistory(staging.dir, broken, 'main', { name: 'A', email: 'a@b.c', when: '0 +0000' })).rejects.toThrow(/unsafe path/);
    staging.discard();
    expect(readdirSync(cwd)).toEqual(['a']);
  });

  it('explains how to set a missing git identity before writing anything', async () => {
    const cwd = makeTempDir();
    const home = makeTempDir();
    for (const key of Object.keys(process.env)) if (key.startsWith('GIT_')) delete process.env[key];
    Object.assign(process.env, { HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: join(home, 'none'), EMAIL: '' });
    delete process.env.EMAIL;
    await expect(readIdentity(cwd)).rejects.toThrow(UserError);
    await expect(createRepository(checkSettings({ directory: 'ws' }), { cwd, moveAside: false })).rejects.toMatchObject({
      hint: expect.stringContaining('git config --global user.email'),
    });
    expect(readdirSync(cwd)).toEqual([]);
  });
});
