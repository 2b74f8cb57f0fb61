import { describe, expect, it } from 'vitest';
import { SettingsError } from '../../src/errors.js';
import { checkSettings, defaultAnswers, findStage, toAnswers } from '../../src/settings/check-settings.js';
import { ANSWER_OPTIONS, DEFAULT_DIRECTORY } from '../../src/settings/options.js';
import { STAGES } from '../../src/scenario/stages.js';

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
      gitops: 'argocd',
      tenant: 'user1',
      domain: 'apps.example.com',
      remote: ANSWER_OPTIONS.find((option) => option.name === 'remote')!.default,
      branch: 'main',
      until: STAGES.at(-1)!.number,
      mode: 'pin',
      review: false,
    });
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
    const [problem] = problemsOf({ tenant: 'a'.repeat(50) });
    expect(problem.field).toBe('tenant');
    expect(problem.rule).toMatch(/too long: it makes the name "front-end-a+-sockshop"/);
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
  it('finds every stage of the table by each of its names', () => {
    for (const stage of STAGES) {
      expect(findStage(String(stage.number))).toBe(stage);
      expect(findStage(stage.slug)).toBe(stage);
    }
    expect(findStage('99')).toBeUndefined();
  });
});

describe('defaultAnswers', () => {
  it('matches the option table', () => {
    const defaults = defaultAnswers();
    for (const option of ANSWER_OPTIONS) expect(String(defaults[option.name])).toBe(option.default);
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
