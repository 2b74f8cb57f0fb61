/**
 * Turns raw values (flags, an answers file, prompts, saved answers) into checked, frozen Settings.
 * Every problem is collected so a user fixes them all at once, and everything git and Kubernetes
 * would refuse later (branch names, every name and host derived from the answers) is refused here.
 */
import { DEFAULT_FLAVOR, FLAVOR_IDS, findStage, getFlavor, isFlavorId } from '../flavors/registry.js';
import type { Flavor, FlavorId } from '../flavors/types.js';
import { DEFAULT_LANGUAGE, isLanguageId, LANGUAGE_IDS, type LanguageId } from '../languages/registry.js';
import { formatStageId } from '../layout/layout.js';
import { SettingsError, type Problem } from '../errors.js';
import { ANSWER_OPTIONS, DEFAULT_DIRECTORY, type AnswerName } from './options.js';
import { checkBranch, checkDomain, checkRemote, suggestNearest } from './rules.js';
import { GITOPS_CHOICES, PROMOTION_MODES, type Answers, type GitOpsChoice, type PromotionMode, type Settings } from './settings.js';
import { checkParticipantNames, parseTenants } from './tenants.js';

export type RawSettings = Partial<Record<AnswerName | 'directory', unknown>>;

function exampleOf(name: AnswerName): string {
  return ANSWER_OPTIONS.find((option) => option.name === name)!.example;
}

function chooseFrom(value: string, choices: readonly string[]): string | undefined {
  if (choices.includes(value)) return undefined;
  const near = suggestNearest(value, choices);
  return `must be one of ${choices.join(', ')}${near ? ` (did you mean ${near}?)` : ''}`;
}

export function checkUntil(flavor: Flavor, value: string): string | undefined {
  if (findStage(flavor, value)) return undefined;
  const ids = flavor.stages.map(formatStageId);
  const near = suggestNearest(value, [...ids, ...flavor.stages.map((stage) => stage.slug)]);
  return `must be a stage of the ${flavor.id} flavor: a number 0-${flavor.stages.length - 1}, a name or an id (${ids.join(', ')})${near ? ` (did you mean ${near}?)` : ''}`;
}

/** The context an answer is checked in: the answers it depends on. */
export interface AnswerContext {
  flavor?: FlavorId;
  domain?: string;
  review?: boolean;
  /** The other participants' answer, for the rule that only one of tenant and tenants is given. */
  tenants?: string;
}

/** The rule a single answer breaks, or undefined. Used by prompts as well as by checkSettings. */
export function checkAnswer(name: AnswerName, value: string, context: AnswerContext = {}): string | undefined {
  const flavor = getFlavor(context.flavor ?? DEFAULT_FLAVOR);
  const domain = context.domain ?? 'apps.example.com';
  switch (name) {
    case 'flavor':
      return chooseFrom(value, FLAVOR_IDS);
    case 'lang':
      return chooseFrom(value, LANGUAGE_IDS);
    case 'gitops':
      return chooseFrom(value, GITOPS_CHOICES);
    case 'mode':
      return chooseFrom(value, PROMOTION_MODES);
    case 'tenant':
      return checkParticipantNames(flavor, [value], domain, false);
    case 'tenants': {
      if (value.trim() === '') return undefined;
      const parsed = parseTenants(value);
      return 'rule' in parsed ? parsed.rule : checkParticipantNames(flavor, parsed.names, domain, true);
    }
    case 'domain':
      return checkDomain(value);
    case 'remote':
      return checkRemote(value);
    case 'branch':
      return checkBranch(value, { review: context.review ?? false });
    case 'until':
      return checkUntil(flavor, value);
    case 'review':
      return value === 'true' || value === 'false' ? undefined : 'must be true or false';
  }
}

function readText(raw: RawSettings, name: AnswerName | 'directory', problems: Problem[]): string | undefined {
  const value = raw[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if ((name === 'until' || name === 'tenants') && typeof value === 'number') return String(value);
  if (name === 'tenants' && Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(',');
  if (name === 'review' && typeof value === 'boolean') return String(value);
  const rule = name === 'tenants' ? 'must be a number or a list of names' : 'must be a string';
  problems.push({ field: name, value, rule, example: name === 'directory' ? DEFAULT_DIRECTORY : exampleOf(name) });
  return undefined;
}

export function defaultAnswers(flavor: FlavorId = DEFAULT_FLAVOR): Answers & { tenant: string } {
  const read = (name: AnswerName) => ANSWER_OPTIONS.find((option) => option.name === name)!.default;
  const stages = getFlavor(flavor).stages;
  return {
    flavor,
    lang: read('lang') as LanguageId,
    gitops: read('gitops') as GitOpsChoice,
    tenant: read('tenant'),
    domain: read('domain'),
    remote: read('remote'),
    branch: read('branch'),
    until: formatStageId(stages[stages.length - 1]),
    mode: read('mode') as PromotionMode,
    review: read('review') === 'true',
  };
}

/** Raw values over defaults, checked. Throws one SettingsError listing every problem. */
export function checkSettings(raw: RawSettings): Settings {
  const problems: Problem[] = [];
  const flavorText = readText(raw, 'flavor', problems) ?? DEFAULT_FLAVOR;
  const flavorRule = checkAnswer('flavor', flavorText);
  if (flavorRule) problems.push({ field: 'flavor', value: flavorText, rule: flavorRule, example: exampleOf('flavor') });
  const flavorId: FlavorId = isFlavorId(flavorText) ? flavorText : DEFAULT_FLAVOR;
  const flavor = getFlavor(flavorId);
  const defaults = defaultAnswers(flavorId);

  for (const name of flavor.unusedAnswers as AnswerName[]) {
    if (raw[name] === undefined) continue;
    problems.push({
      field: name,
      value: raw[name],
      rule: `is not used by the ${flavor.id} flavor (${flavor.summary})`,
      example: `leave --${name} out, or choose an OpenShift flavor (--flavor ossm3)`,
    });
  }
  if (raw.tenant !== undefined && raw.tenants !== undefined && String(raw.tenants).trim() !== '') {
    problems.push({
      field: 'tenants',
      value: raw.tenants,
      rule: `cannot be combined with --tenant ${JSON.stringify(raw.tenant)}: give --tenant for one participant, or --tenants for a class`,
      example: exampleOf('tenants'),
    });
  }

  const text = (name: Exclude<AnswerName, 'flavor'>) => readText(raw, name, problems) ?? String(defaults[name as keyof typeof defaults] ?? '');
  const values = {
    lang: text('lang'),
    gitops: text('gitops'),
    tenant: text('tenant'),
    tenants: text('tenants'),
    domain: text('domain'),
    remote: text('remote'),
    branch: text('branch'),
    until: text('until'),
    mode: text('mode'),
    review: text('review'),
  };
  const directory = readText(raw, 'directory', problems) ?? DEFAULT_DIRECTORY;
  if (directory.trim() === '' || /[\u0000-\u001f]/.test(directory)) {
    problems.push({ field: 'directory', value: directory, rule: 'must be a folder name or path', example: DEFAULT_DIRECTORY });
  }
  const context: AnswerContext = { flavor: flavorId, domain: values.domain, review: values.review === 'true' };
  for (const name of Object.keys(values) as (keyof typeof values)[]) {
    // A class's participants are checked as --tenants; the one-participant default is not used then.
    if (name === 'tenant' && values.tenants.trim() !== '') continue;
    const rule = checkAnswer(name, values[name], context);
    if (rule) problems.push({ field: name, value: values[name], rule, example: exampleOf(name) });
  }
  if (problems.length > 0) throw new SettingsError(problems);
  const tenants = values.tenants.trim() === '' ? [] : (parseTenants(values.tenants) as { names: string[] }).names;
  return Object.freeze({
    directory,
    flavor: flavorId,
    lang: (isLanguageId(values.lang) ? values.lang : DEFAULT_LANGUAGE) as LanguageId,
    gitops: values.gitops as GitOpsChoice,
    tenant: tenants.length > 0 ? '' : values.tenant,
    tenants: Object.freeze(tenants),
    domain: values.domain,
    remote: values.remote,
    branch: values.branch,
    until: findStage(flavor, values.until)!.number,
    mode: values.mode as PromotionMode,
    review: values.review === 'true',
  });
}

/** What is saved in `.yo-rc.json`: the answers, with the stage as its id, without what the flavor does not use. */
export function toAnswers(settings: Settings): Answers {
  const flavor = getFlavor(settings.flavor);
  const { directory: _directory, until, tenant, tenants, ...rest } = settings;
  const answers: Record<string, unknown> = { ...rest, ...(tenants.length > 0 ? { tenants: [...tenants] } : { tenant }), until: formatStageId(flavor.stages[until]) };
  for (const name of flavor.unusedAnswers) delete answers[name];
  return answers as Answers;
}
