/**
 * The generator through yeoman-test: the options-only path (no prompt may fire, even with a TTY),
 * the prompt path, an answers file, saved answers, and rejected input.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import helpers from 'yeoman-test';
import SockshopMeshGenerator from '../../generators/app/index.js';
import { SettingsError, UserError } from '../../src/errors.js';
import { DEFAULT_FLAVOR, FLAVORS, findStage, getFlavor } from '../../src/flavors/registry.js';
import { LANGUAGE_IDS } from '../../src/languages/registry.js';
import { loadMessages } from '../../src/docs/messages.js';
import { formatStageBranch, formatStageId, formatTag } from '../../src/layout/layout.js';
import { buildQuestions } from '../../src/settings/questions.js';
import { ANSWER_OPTIONS } from '../../src/settings/options.js';
import { MAX_TENANTS } from '../../src/settings/tenants.js';
import { git } from '../helpers/git.js';
import { REFUSALS } from '../helpers/new-options.js';

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

const STAGES = getFlavor(DEFAULT_FLAVOR).stages;
const stageId = (value: string, flavor = getFlavor(DEFAULT_FLAVOR)) => formatStageId(findStage(flavor, value)!);
const answers = (dir: string) => JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8'))['generator-sockshop-mesh'];

describe('generator-sockshop-mesh:app', () => {
  it('runs from options alone without any prompt', async () => {
    const result = await run()
      .withArguments(['ws'])
      .withOptions({ gitops: 'flux', tenant: 'user7', domain: 'apps.c1.example.com', until: '5' })
      .withAnswers({}, { throwOnMissingAnswer: true });
    expect(result.askedQuestions).toEqual([]);
    const repo = join(result.cwd, 'ws');
    expect(answers(repo)).toMatchObject({ flavor: DEFAULT_FLAVOR, gitops: 'flux', tenant: 'user7', domain: 'apps.c1.example.com', until: stageId('5') });
    expect(git(repo, 'rev-list', '--count', 'main').trim()).toBe('6');
    expect(existsSync(join(repo, 'bootstrap/flux/kustomizations.yaml'))).toBe(true);
    expect(existsSync(join(repo, 'bootstrap/argocd'))).toBe(false);
  });

  it('writes the review form from --review alone, without prompting, and saves it with the answers', async () => {
    const result = await run().withArguments(['ws']).withOptions({ review: true, until: '3' }).withAnswers({}, { throwOnMissingAnswer: true });
    expect(result.askedQuestions).toEqual([]);
    const repo = join(result.cwd, 'ws');
    expect(answers(repo)).toMatchObject({ review: true, mode: 'pin', until: stageId('3') });
    expect(git(repo, 'rev-list', '--count', 'main').trim()).toBe('1');
    expect(git(repo, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/stage/').trim().split('\n')).toEqual(
      STAGES.filter((stage) => stage.number >= 1 && stage.number <= 3).map(formatStageBranch),
    );
  });

  it('takes every default with --yes, without prompting', async () => {
    const result = await run().withOptions({ yes: true }).withAnswers({}, { throwOnMissingAnswer: true });
    expect(result.askedQuestions).toEqual([]);
    const repo = join(result.cwd, 'sockshop-mesh-workshop');
    expect(answers(repo)).toEqual({
      flavor: 'ossm3',
      lang: 'en',
      gitops: 'argocd',
      tenant: 'user1',
      domain: 'apps.example.com',
      remote: ANSWER_OPTIONS.find((option) => option.name === 'remote')!.default,
      branch: 'main',
      until: formatStageId(STAGES.at(-1)!),
      mode: 'pin',
      review: false,
    });
    expect(git(repo, 'tag').trim().split('\n').sort()).toEqual(STAGES.map(formatTag).sort());
  });

  it('asks every question when nothing was given in a terminal', async () => {
    const given = {
      flavor: 'ossm2',
      gitops: 'both',
      tenants: '',
      tenant: 'user5',
      domain: 'apps.c2.example.com',
      remote: 'git@github.com:org/ws.git',
      branch: 'workshop',
      until: stageId('2', getFlavor('ossm2')),
      mode: 'follow',
      review: false,
      lang: 'en',
    };
    const result = await run().withAnswers(given, { throwOnMissingAnswer: true });
    expect(result.askedQuestions.map((question) => question.name)).toEqual(ANSWER_OPTIONS.map((option) => option.name));
    const repo = join(result.cwd, 'sockshop-mesh-workshop');
    // One participant: the empty class answer is not saved, the participant's name is.
    const { tenants: _none, ...saved } = given;
    expect(answers(repo)).toEqual(saved);
    expect(git(repo, 'log', '--format=%D', '-1').trim()).toContain('workshop');
    expect(git(repo, 'tag').trim().split('\n').sort()).toEqual(getFlavor('ossm2').stages.slice(0, 3).map(formatTag).sort());
  });

  it('asks for a class instead of one participant, and for no domain where the flavor has no Routes', async () => {
    const istio = getFlavor('istio');
    expect(istio.unusedAnswers).toContain('domain');
    const given = { flavor: 'istio', gitops: 'flux', tenants: 'alice,bob', remote: 'https://github.com/org/class.git', branch: 'main', until: stageId('1', istio), mode: 'pin', review: false, lang: 'en' };
    const result = await run().withAnswers(given, { throwOnMissingAnswer: true });
    // Neither the one participant's name nor the apps domain is asked.
    expect(result.askedQuestions.map((question) => question.name)).toEqual(ANSWER_OPTIONS.map((option) => option.name).filter((name) => name !== 'tenant' && name !== 'domain'));
    const repo = join(result.cwd, 'sockshop-mesh-workshop');
    expect(answers(repo)).toEqual({ ...given, tenants: ['alice', 'bob'] });
    expect(readdirSync(join(repo, 'tenants')).sort()).toEqual(['alice', 'bob']);
  });

  it('reads an answers file, and flags win over it', async () => {
    const result = await run()
      .withArguments(['ws'])
      .withOptions({ answers: 'answers.yaml', tenant: 'user9' })
      .onEnvironment((env) => writeFileSync(join(env.cwd, 'answers.yaml'), 'gitops: flux\ntenant: user2\nuntil: 1\n'))
      .withAnswers({}, { throwOnMissingAnswer: true });
    expect(result.askedQuestions).toEqual([]);
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
    const choices = byName.until.choices as (answers: Record<string, unknown>) => string[];
    for (const flavor of FLAVORS) expect(choices({ flavor: flavor.id })).toEqual(flavor.stages.map(formatStageId));
    expect(choices({})).toEqual(STAGES.map(formatStageId));
  });

  it('asks for the flavor, the language and a class, each from its registry and with the rules of the flags', () => {
    const byName = Object.fromEntries(buildQuestions({}).map((question) => [question.name, question]));
    expect(byName.flavor).toMatchObject({ type: 'select', default: DEFAULT_FLAVOR, choices: FLAVORS.map((flavor) => flavor.id) });
    expect(byName.lang).toMatchObject({ type: 'select', default: 'en', choices: [...LANGUAGE_IDS] });
    expect(byName.tenants).toMatchObject({ type: 'input', default: '' });
    for (const flavor of FLAVORS) expect(byName.flavor.validate(flavor.id)).toBe(true);
    expect(byName.flavor.validate('kuma')).toBe(`flavor must be one of ${FLAVORS.map((flavor) => flavor.id).join(', ')} (for example: istio)`);
    expect(byName.lang.validate('fr')).toMatch(new RegExp(`^lang must be one of ${LANGUAGE_IDS.join(', ')}`));
    expect(byName.tenants.validate('')).toBe(true);
    expect(byName.tenants.validate('3')).toBe(true);
    expect(byName.tenants.validate('alice,bob')).toBe(true);
    expect(byName.tenants.validate('alice,alice')).toMatch(/^tenants names "alice" twice/);
    expect(byName.tenants.validate('0')).toMatch(new RegExp(`^tenants must be a number of participants from 1 to ${MAX_TENANTS}`));
    expect(byName.tenants.validate('Alice')).toMatch(/^tenants participant "Alice" must be a DNS label/);
    // One participant or a class: the participant's name only without a class; the domain only where Routes are.
    expect(byName.tenant.when!({ tenants: '' })).toBe(true);
    expect(byName.tenant.when!({ tenants: '3' })).toBe(false);
    for (const flavor of FLAVORS) expect(byName.domain.when!({ flavor: flavor.id })).toBe(!flavor.unusedAnswers.includes('domain'));
  });

  it('offers saved answers as defaults', () => {
    expect(buildQuestions({ tenant: 'user4', until: 3 }).find((question) => question.name === 'tenant')!.default).toBe('user4');
    const byName = Object.fromEntries(buildQuestions({ flavor: 'istio', lang: 'en', tenants: '3' }).map((question) => [question.name, question]));
    expect([byName.flavor.default, byName.lang.default, byName.tenants.default]).toEqual(['istio', 'en', '3']);
    // The last stage of the saved flavor, not of the default one.
    expect(byName.until.default).toBe(formatStageId(getFlavor('istio').stages.at(-1)!));
  });
});

describe('moving an existing folder aside', () => {
  it('happens only with --move-aside, never because of Yeoman\'s own force option', async () => {
    const result = await run()
      .withArguments(['ws'])
      .withOptions({ yes: true, 'move-aside': true })
      .onEnvironment((env) => git(env.cwd, 'init', '--quiet', 'ws'));
    expect(existsSync(join(result.cwd, 'ws.bak-1', '.git'))).toBe(true);
    expect(git(join(result.cwd, 'ws'), 'rev-list', '--count', 'main').trim()).toBe(String(STAGES.length));
  });
});

describe('the flavor, the language and a class through the generator\'s options', () => {
  for (const flavor of FLAVORS) {
    it(`--flavor ${flavor.id}: writes that flavor's stages and saves the flavor`, async () => {
      const result = await run().withArguments(['ws']).withOptions({ flavor: flavor.id, until: '1' }).withAnswers({}, { throwOnMissingAnswer: true });
    expect(result.askedQuestions).toEqual([]);
      const repo = join(result.cwd, 'ws');
      expect(answers(repo)).toMatchObject({ flavor: flavor.id, until: formatStageId(flavor.stages[1]) });
      for (const unused of flavor.unusedAnswers) expect(answers(repo)).not.toHaveProperty(unused);
      expect(git(repo, 'tag').trim().split('\n').sort()).toEqual(flavor.stages.slice(0, 2).map(formatTag).sort());
    });
  }

  for (const lang of LANGUAGE_IDS) {
    it(`--lang ${lang}: saves the language and writes the history in it`, async () => {
      const result = await run().withArguments(['ws']).withOptions({ lang, until: '0' }).withAnswers({}, { throwOnMissingAnswer: true });
      expect(result.askedQuestions).toEqual([]);
      const repo = join(result.cwd, 'ws');
      expect(answers(repo)).toMatchObject({ lang });
      const prefix = String((loadMessages(lang).commit as Record<string, string>).subject).split('{')[0];
      expect(prefix.trim()).not.toBe('');
      expect(git(repo, 'log', '-1', '--format=%s').startsWith(prefix)).toBe(true);
    });
  }

  it('--tenants N: a class of user1..userN, each with a folder, saved as the list of names', async () => {
    const result = await run().withArguments(['ws']).withOptions({ tenants: '3', until: '0' }).withAnswers({}, { throwOnMissingAnswer: true });
    expect(result.askedQuestions).toEqual([]);
    const repo = join(result.cwd, 'ws');
    expect(answers(repo)).toMatchObject({ tenants: ['user1', 'user2', 'user3'] });
    expect(answers(repo)).not.toHaveProperty('tenant');
    expect(readdirSync(join(repo, 'tenants')).sort()).toEqual(['user1', 'user2', 'user3']);
  });

  it('--tenants LIST: the names as given, in their order', async () => {
    const result = await run().withArguments(['ws']).withOptions({ tenants: 'carol,alice', until: '0' }).withAnswers({}, { throwOnMissingAnswer: true });
    expect(result.askedQuestions).toEqual([]);
    const repo = join(result.cwd, 'ws');
    expect(answers(repo)).toMatchObject({ tenants: ['carol', 'alice'] });
    expect(readdirSync(join(repo, 'tenants')).sort()).toEqual(['alice', 'carol']);
  });

  it('takes flavor, lang and tenants from an answers file (a list or a number), flags winning over it', async () => {
    const result = await run()
      .withArguments(['ws'])
      .withOptions({ answers: 'answers.yaml', tenants: '2' })
      .onEnvironment((env) => writeFileSync(join(env.cwd, 'answers.yaml'), 'flavor: istio\nlang: en\ntenants: [alice, bob, carol]\nuntil: 0\n'))
      .withAnswers({}, { throwOnMissingAnswer: true });
    expect(result.askedQuestions).toEqual([]);
    expect(answers(join(result.cwd, 'ws'))).toMatchObject({ flavor: 'istio', lang: 'en', tenants: ['user1', 'user2'], until: formatStageId(getFlavor('istio').stages[0]) });

    const listed = await run()
      .withArguments(['ws'])
      .withOptions({ answers: 'answers.yaml' })
      .onEnvironment((env) => writeFileSync(join(env.cwd, 'answers.yaml'), 'flavor: ossm2\ntenants: [alice, bob]\nuntil: 0\n'))
      .withAnswers({}, { throwOnMissingAnswer: true });
    expect(listed.askedQuestions).toEqual([]);
    expect(answers(join(listed.cwd, 'ws'))).toMatchObject({ flavor: 'ossm2', tenants: ['alice', 'bob'] });
  });

  for (const refusal of REFUSALS) {
    it(`refuses ${refusal.name}, naming the rule and an example, writing nothing`, async () => {
      let cwd = '';
      const expectCwd = () => expect(cwd).not.toBe('');
      const context = run()
        .withArguments(['ws'])
        .withOptions({ ...refusal.answers, until: '0' })
        .onEnvironment((env) => {
          cwd = env.cwd;
        });
      const error = await context.then(
        () => undefined,
        (rejected: unknown) => rejected,
      );
      expect(error).toBeInstanceOf(SettingsError);
      expect((error as SettingsError).problems.map((problem) => problem.field)).toEqual([refusal.field]);
      expect((error as SettingsError).message.startsWith(refusal.message), (error as SettingsError).message).toBe(true);
      expectCwd();
      expect(existsSync(join(cwd, 'ws'))).toBe(false);
    });
  }
});

describe('yo sockshop-mesh --help', () => {
  it('lists every flavor with one line each, the legacy one marked end of life, then every flavor\'s stages', async () => {
    const generator = await helpers.createGenerator<SockshopMeshGenerator>(settings.namespace, {
      dependencies: [[SockshopMeshGenerator, settings] as never],
      generatorOptions: { help: true },
    });
    const help = generator.help();
    const lines = help.split('\n');
    for (const flavor of FLAVORS) {
      const line = lines.filter((text) => new RegExp(`^\\s+${flavor.id}\\s{2,}`).test(text));
      expect(line, flavor.id).toEqual([expect.stringContaining(flavor.summary)]);
      if (flavor.facts.endOfLife) expect(line[0]).toContain('end of life');
      expect(help).toContain(`--flavor ${flavor.id}:`);
      for (const stage of flavor.stages) expect(help).toMatch(new RegExp(`^\\s+${formatStageId(stage)}\\s+${formatTag(stage).replaceAll('.', '\\.').replace('+', '\\+')}\\s`, 'm'));
    }
    expect(FLAVORS.filter((flavor) => flavor.facts.endOfLife).map((flavor) => flavor.id)).toEqual(['ossm2']);
    // The examples of generators/app/USAGE, and every option Yeoman lists.
    expect(help).toContain('yo sockshop-mesh ws --flavor istio');
    for (const option of ANSWER_OPTIONS) expect(help).toContain(`--${option.name}`);
  });
});
