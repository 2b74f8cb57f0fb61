/**
 * The generator through yeoman-test: the options-only path (no prompt may fire, even with a TTY),
 * the prompt path, an answers file, saved answers, and rejected input.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import helpers from 'yeoman-test';
import SockshopMeshGenerator from '../../generators/app/index.js';
import { SettingsError, UserError } from '../../src/errors.js';
import { buildQuestions } from '../../src/settings/questions.js';
import { ANSWER_OPTIONS } from '../../src/settings/options.js';
import { git } from '../helpers/git.js';

const settings = { resolved: join(process.cwd(), 'generators/app/index.ts'), namespace: 'sockshop-mesh:app' };
const run = () => helpers.run(SockshopMeshGenerator, settings);

let tty: PropertyDescriptor | undefined;
beforeEach(() => {
  // Pretend to be in a terminal, so that only the generator's own rule can keep prompts away.
  tty = Object.getOwnPropertyDescriptor(process.stdin, 'isTTY');
  Object.defineProperty(process.stdin, 'isTTY', { value: true, configurable: true });
});
afterEach(() => {
  if (tty) Object.defineProperty(process.stdin, 'isTTY', tty);
  else delete (process.stdin as { isTTY?: boolean }).isTTY;
});

const answers = (dir: string) => JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8'))['generator-sockshop-mesh'];

describe('generator-sockshop-mesh:app', () => {
  it('runs from options alone without any prompt', async () => {
    const result = await run()
      .withArguments(['ws'])
      .withOptions({ gitops: 'flux', tenant: 'user7', domain: 'apps.c1.example.com', until: '5' })
      .withAnswers({}, { throwOnMissingAnswer: true });
    const repo = join(result.cwd, 'ws');
    expect(answers(repo)).toMatchObject({ gitops: 'flux', tenant: 'user7', domain: 'apps.c1.example.com', until: '05-ingress-gateway' });
    expect(git(repo, 'rev-list', '--count', 'main').trim()).toBe('6');
    expect(existsSync(join(repo, 'bootstrap/flux/kustomizations.yaml'))).toBe(true);
    expect(existsSync(join(repo, 'bootstrap/argocd'))).toBe(false);
  });

  it('writes the review form from --review alone, without prompting, and saves it with the answers', async () => {
    const result = await run().withArguments(['ws']).withOptions({ review: true, until: '3' }).withAnswers({}, { throwOnMissingAnswer: true });
    const repo = join(result.cwd, 'ws');
    expect(answers(repo)).toMatchObject({ review: true, mode: 'pin', until: '03-member-roll' });
    expect(git(repo, 'rev-list', '--count', 'main').trim()).toBe('1');
    expect(git(repo, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/stage/').trim().split('\n')).toEqual([
      'stage/01-operators',
      'stage/02-control-plane',
      'stage/03-member-roll',
    ]);
  });

  it('takes every default with --yes, without prompting', async () => {
    const result = await run().withOptions({ yes: true }).withAnswers({}, { throwOnMissingAnswer: true });
    expect(answers(join(result.cwd, 'sockshop-mesh-workshop'))).toMatchObject({ gitops: 'argocd', tenant: 'user1', until: '08-observability' });
  });

  it('asks every question when nothing was given in a terminal', async () => {
    const given = {
      gitops: 'both',
      tenant: 'user5',
      domain: 'apps.c2.example.com',
      remote: 'git@github.com:org/ws.git',
      branch: 'workshop',
      until: '02-control-plane',
      mode: 'follow',
      review: false,
    };
    const result = await run().withAnswers(given, { throwOnMissingAnswer: true });
    const repo = join(result.cwd, 'sockshop-mesh-workshop');
    expect(answers(repo)).toEqual(given);
    expect(git(repo, 'log', '--format=%D', '-1').trim()).toContain('workshop');
  });

  it('reads an answers file, and flags win over it', async () => {
    const result = await run()
      .withArguments(['ws'])
      .withOptions({ answers: 'answers.yaml', tenant: 'user9' })
      .onEnvironment((env) => writeFileSync(join(env.cwd, 'answers.yaml'), 'gitops: flux\ntenant: user2\nuntil: 1\n'))
      .withAnswers({}, { throwOnMissingAnswer: true });
    expect(answers(join(result.cwd, 'ws'))).toMatchObject({ gitops: 'flux', tenant: 'user9', until: '01-operators' });
  });

  it('refuses bad values with the field, the value and the rule, writing nothing', async () => {
    const context = run().withArguments(['ws']).withOptions({ tenant: 'User 1', domain: 'localhost' });
    await expect(context).rejects.toBeInstanceOf(SettingsError);
    await expect(run().withArguments(['ws']).withOptions({ gitops: 'argo' })).rejects.toThrow(/--gitops "argo": must be one of argocd, flux, both \(did you mean argocd\?\)/);
  });

  it('refuses an unknown option and suggests the real one', async () => {
    await expect(run().withArguments(['ws', '--domian', 'apps.x.io'])).rejects.toThrow(/unknown option --domian \(did you mean --domain\?\)/);
  });

  it('refuses an existing repository unless told what to do', async () => {
    await expect(
      run()
        .withArguments(['ws'])
        .withOptions({ yes: true })
        .onEnvironment((env) => git(env.cwd, 'init', '--quiet', 'ws')),
    ).rejects.toBeInstanceOf(UserError);
  });
});

describe('buildQuestions', () => {
  it('asks one question per option, with the same rules as the flags', () => {
    const questions = buildQuestions({});
    expect(questions.map((question) => question.name)).toEqual(ANSWER_OPTIONS.map((option) => option.name));
    const byName = Object.fromEntries(questions.map((question) => [question.name, question]));
    expect(byName.tenant.validate('User 1')).toMatch(/^tenant must be a DNS label/);
    expect(byName.tenant.validate('')).toBe(true);
    expect(byName.domain.validate('localhost')).toMatch(/DNS domain/);
    expect(byName.remote.validate('https://github.com/o/r.git')).toBe(true);
    expect(byName.until.choices).toHaveLength(9);
  });

  it('offers saved answers as defaults', () => {
    expect(buildQuestions({ tenant: 'user4', until: 3 }).find((question) => question.name === 'tenant')!.default).toBe('user4');
  });
});

describe('moving an existing folder aside', () => {
  it('happens only with --move-aside, never because of Yeoman\'s own force option', async () => {
    const result = await run()
      .withArguments(['ws'])
      .withOptions({ yes: true, 'move-aside': true })
      .onEnvironment((env) => git(env.cwd, 'init', '--quiet', 'ws'));
    expect(existsSync(join(result.cwd, 'ws.bak-1', '.git'))).toBe(true);
    expect(git(join(result.cwd, 'ws'), 'rev-list', '--count', 'main').trim()).toBe('9');
  });
});
