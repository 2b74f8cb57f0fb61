import { describe, expect, it } from 'vitest';
import { SettingsError } from '../../src/errors.js';
import { DEFAULT_FLAVOR, FLAVORS, findStage, getFlavor } from '../../src/flavors/registry.js';
import { DEFAULT_LANGUAGE, LANGUAGE_IDS } from '../../src/languages/registry.js';
import { formatStageId } from '../../src/layout/layout.js';
import { deriveParticipantNames } from '../../src/layout/names.js';
import { checkSettings, defaultAnswers, toAnswers } from '../../src/settings/check-settings.js';
import { ANSWER_OPTIONS, DEFAULT_DIRECTORY } from '../../src/settings/options.js';
import { MAX_TENANTS } from '../../src/settings/tenants.js';
import { REFUSALS } from '../helpers/new-options.js';

const STAGES = getFlavor(DEFAULT_FLAVOR).stages;

function problemsOf(raw: Record<string, unknown>) {
  try {
    checkSettings(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as SettingsError).problems;
  }
  throw new Error('expected a SettingsError');
}

describe('checkSettings', () => {
  it('takes the documented defaults', () => {
    expect(checkSettings({})).toEqual({
      directory: DEFAULT_DIRECTORY,
      flavor: DEFAULT_FLAVOR,
      lang: DEFAULT_LANGUAGE,
      gitops: 'argocd',
      tenant: 'user1',
      tenants: [],
      domain: 'apps.example.com',
      remote: ANSWER_OPTIONS.find((option) => option.name === 'remote')!.default,
      branch: 'main',
      until: STAGES.at(-1)!.number,
      mode: 'pin',
      review: false,
    });
    expect(DEFAULT_FLAVOR).toBe('ossm3');
    expect(DEFAULT_LANGUAGE).toBe('en');
  });

  it('returns frozen settings', () => expect(Object.isFrozen(checkSettings({}))).toBe(true));

  it('accepts an empty tenant (plain namespaces)', () => expect(checkSettings({ tenant: '' }).tenant).toBe(''));

  it('reports every bad field at once, with value, rule and example', () => {
    const problems = problemsOf({ gitops: 'argo', tenant: 'User_1', domain: 'localhost', remote: 'nope', branch: 'a b', until: 'sidecar' });
    expect(problems.map((problem) => problem.field)).toEqual(['gitops', 'tenant', 'domain', 'remote', 'branch', 'until']);
    for (const problem of problems) {
      expect(problem.rule).not.toBe('');
      expect(problem.example).not.toBe('');
    }
    expect(problems[0]).toMatchObject({ value: 'argo', rule: expect.stringContaining('did you mean argocd?') });
    expect(problems[5].rule).toContain('did you mean');
  });

  it('rejects a tenant whose derived names would pass 63 characters', () => {
    const tenant = 'a'.repeat(50);
    const longest = `${deriveParticipantNames(getFlavor(DEFAULT_FLAVOR), tenant, 'apps.example.com').gitopsName}-participant`;
    const [problem] = problemsOf({ tenant });
    expect(problem.field).toBe('tenant');
    expect(problem.rule).toBe(`is too long: it makes a GitOps object name "${longest}", which must be at most 63 characters (it has ${longest.length})`);
  });

  it('rejects a domain that makes the front-end Route host longer than a host name may be', () => {
    const domain = Array.from({ length: 4 }, () => 'd'.repeat(61)).join('.');
    const host = deriveParticipantNames(getFlavor(DEFAULT_FLAVOR), 'user1', domain).frontEndHost;
    expect(host.length).toBeGreaterThan(253);
    const [problem] = problemsOf({ domain });
    expect(problem).toMatchObject({ field: 'tenant', rule: `is too long: it makes the front-end Route host "${host}", which is ${host.length} characters, over the 253 of a host name` });
  });

  it('rejects non-string values from an answers file', () => {
    expect(problemsOf({ tenant: 7 })[0]).toMatchObject({ field: 'tenant', rule: 'must be a string' });
  });

  it('accepts a stage as a number, an id or a slug', () => {
    expect(checkSettings({ until: 4 }).until).toBe(4);
    expect(checkSettings({ until: '04' }).until).toBe(4);
    expect(checkSettings({ until: '04-sidecar-injection' }).until).toBe(4);
    expect(checkSettings({ until: 'sidecar-injection' }).until).toBe(4);
  });

  it('round-trips through the saved answers', () => {
    const settings = checkSettings({ gitops: 'both', tenant: 'user9', until: '3' });
    expect(checkSettings({ ...toAnswers(settings), directory: settings.directory })).toEqual(settings);
  });
});

describe('findStage', () => {
  it('finds every stage of every flavor by each of its names', () => {
    for (const flavor of FLAVORS) {
      for (const stage of flavor.stages) {
        expect(findStage(flavor, String(stage.number))).toBe(stage);
        expect(findStage(flavor, String(stage.number).padStart(2, '0'))).toBe(stage);
        expect(findStage(flavor, stage.slug)).toBe(stage);
        expect(findStage(flavor, `${String(stage.number).padStart(2, '0')}-${stage.slug}`)).toBe(stage);
      }
      expect(findStage(flavor, String(flavor.stages.length))).toBeUndefined();
    }
  });

  it('checks --until against the chosen flavor\'s stages', () => {
    const [ossm2, ossm3] = [getFlavor('ossm2'), getFlavor('ossm3')];
    // A slug one flavor has and the other does not: the stage list is the flavor's, never a shared one.
    const only = ossm2.stages.find((stage) => !findStage(ossm3, stage.slug))!;
    expect(only).toBeDefined();
    expect(checkSettings({ flavor: 'ossm2', until: only.slug }).until).toBe(only.number);
    expect(problemsOf({ flavor: 'ossm3', until: only.slug })[0]).toMatchObject({ field: 'until', rule: expect.stringContaining('must be a stage of the ossm3 flavor') });
  });
});

describe('defaultAnswers', () => {
  it('matches the option table', () => {
    const defaults = defaultAnswers();
    for (const option of ANSWER_OPTIONS) {
      // A class is no default: `tenants` is absent, which the option table writes as "".
      if (option.name === 'tenants') expect(defaults.tenants ?? '').toBe(option.default);
      else expect(String(defaults[option.name]), option.name).toBe(option.default);
    }
  });

  it('ends at the last stage of the flavor asked for', () => {
    for (const flavor of FLAVORS) expect(defaultAnswers(flavor.id)).toMatchObject({ flavor: flavor.id, until: formatStageId(flavor.stages.at(-1)!) });
  });
});

describe('the promotion mode and the review form', () => {
  it('accepts pin and follow, and suggests the nearest for a typo', () => {
    expect(checkSettings({ mode: 'follow' }).mode).toBe('follow');
    expect(problemsOf({ mode: 'folow' })[0]).toMatchObject({ field: 'mode', rule: expect.stringContaining('did you mean follow?') });
  });

  it('takes review as a boolean from flags and files, or as "true"/"false" text, and nothing else', () => {
    expect(checkSettings({ review: true }).review).toBe(true);
    expect(checkSettings({ review: 'false' }).review).toBe(false);
    expect(problemsOf({ review: 'yes' })[0]).toMatchObject({ field: 'review', rule: 'must be true or false' });
    expect(problemsOf({ review: 1 })[0]).toMatchObject({ field: 'review', rule: 'must be a string' });
  });

  it('round-trips both through the saved answers', () => {
    const settings = checkSettings({ mode: 'follow', review: true });
    expect(toAnswers(settings)).toMatchObject({ mode: 'follow', review: true });
    expect(checkSettings({ ...toAnswers(settings), directory: settings.directory })).toEqual(settings);
  });
});

describe('the flavor, the language and a class of participants', () => {
  it('accepts every flavor and language of the registries, and round-trips them through the saved answers', () => {
    for (const flavor of FLAVORS) {
      for (const lang of LANGUAGE_IDS) {
        const settings = checkSettings({ flavor: flavor.id, lang, until: '1' });
        expect(settings).toMatchObject({ flavor: flavor.id, lang, until: 1 });
        expect(toAnswers(settings)).toMatchObject({ flavor: flavor.id, lang, until: formatStageId(flavor.stages[1]) });
        expect(checkSettings({ ...toAnswers(settings), directory: settings.directory })).toEqual(settings);
      }
    }
  });

  it('drops the answers a flavor has no use for from the saved answers, and refuses them when given', () => {
    for (const flavor of FLAVORS) {
      const answers = toAnswers(checkSettings({ flavor: flavor.id }));
      for (const unused of flavor.unusedAnswers) {
        expect(answers, `${flavor.id} ${unused}`).not.toHaveProperty(unused);
        expect(problemsOf({ flavor: flavor.id, [unused]: 'apps.x.example.com' })[0]).toMatchObject({ field: unused, rule: expect.stringContaining(`is not used by the ${flavor.id} flavor`) });
      }
    }
    expect(FLAVORS.some((flavor) => flavor.unusedAnswers.length > 0)).toBe(true);
  });

  it('names participants user1..userN for a number, keeps an explicit list in its order, and saves the names', () => {
    for (const count of [1, 3, MAX_TENANTS]) {
      const settings = checkSettings({ tenants: String(count) });
      expect(settings.tenants).toEqual(Array.from({ length: count }, (_, index) => `user${index + 1}`));
      expect(settings.tenant).toBe('');
      expect(Object.isFrozen(settings.tenants)).toBe(true);
    }
    expect(checkSettings({ tenants: 4 }).tenants).toHaveLength(4);
    const listed = checkSettings({ tenants: ' carol, alice ,bob' });
    expect(listed.tenants).toEqual(['carol', 'alice', 'bob']);
    expect(toAnswers(listed)).toMatchObject({ tenants: ['carol', 'alice', 'bob'] });
    expect(toAnswers(listed)).not.toHaveProperty('tenant');
    // An answers file may give the list as a YAML list.
    expect(checkSettings({ tenants: ['carol', 'alice'] }).tenants).toEqual(['carol', 'alice']);
    expect(checkSettings({ ...toAnswers(listed), directory: listed.directory })).toEqual(listed);
  });

  for (const refusal of REFUSALS) {
    it(`refuses ${refusal.name}, naming the rule and an example`, () => {
      const problems = problemsOf(refusal.answers);
      expect(problems.map((problem) => problem.field)).toEqual([refusal.field]);
      expect(problems[0].example).not.toBe('');
      expect(new SettingsError(problems).message.startsWith(refusal.message), new SettingsError(problems).message).toBe(true);
    });
  }
});
