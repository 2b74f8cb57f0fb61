/**
 * Turns raw values (flags, an answers file, prompts, saved answers) into checked, frozen Settings.
 * Every problem is collected so a user fixes them all at once.
 */
import { deriveNames, formatStageId } from '../layout/layout.js';
import { LAYERS, STAGES, type StageDefinition } from '../scenario/stages.js';
import { SettingsError, type Problem } from '../errors.js';
import { ANSWER_OPTIONS, DEFAULT_DIRECTORY, type AnswerName } from './options.js';
import { checkBranch, checkDnsLabel, checkDomain, checkRemote, suggestNearest } from './rules.js';
import { GITOPS_CHOICES, PROMOTION_MODES, type Answers, type GitOpsChoice, type PromotionMode, type Settings } from './settings.js';

export type RawSettings = Partial<Record<AnswerName | 'directory', unknown>>;

/** A stage by number (`4`, `04`), slug (`sidecar-injection`) or id (`04-sidecar-injection`). */
export function findStage(value: string): StageDefinition | undefined {
  const text = value.trim();
  if (/^\d+$/.test(text)) return STAGES.find((stage) => stage.number === Number(text));
  return STAGES.find((stage) => stage.slug === text || formatStageId(stage) === text);
}

function exampleOf(name: AnswerName): string {
  return ANSWER_OPTIONS.find((option) => option.name === name)?.example ?? '';
}

/** The rule a single answer breaks, or undefined. Used by prompts as well as by checkSettings. */
export function checkAnswer(name: AnswerName, value: string, domain = 'apps.example.com'): string | undefined {
  switch (name) {
    case 'gitops': {
      if ((GITOPS_CHOICES as readonly string[]).includes(value)) return undefined;
      const near = suggestNearest(value, GITOPS_CHOICES);
      return `must be one of ${GITOPS_CHOICES.join(', ')}${near ? ` (did you mean ${near}?)` : ''}`;
    }
    case 'tenant':
      return value === '' ? undefined : checkTenant(value, domain);
    case 'domain':
      return checkDomain(value);
    case 'remote':
      return checkRemote(value);
    case 'branch':
      return checkBranch(value);
    case 'until': {
      if (findStage(value)) return undefined;
      const ids = STAGES.map(formatStageId);
      const near = suggestNearest(value, [...ids, ...STAGES.map((stage) => stage.slug)]);
      return `must be a stage number 0-${STAGES.length - 1}, name or id: ${ids.join(', ')}${near ? ` (did you mean ${near}?)` : ''}`;
    }
    case 'mode': {
      if ((PROMOTION_MODES as readonly string[]).includes(value)) return undefined;
      const near = suggestNearest(value, PROMOTION_MODES);
      return `must be one of ${PROMOTION_MODES.join(', ')}${near ? ` (did you mean ${near}?)` : ''}`;
    }
    case 'review':
      return value === 'true' || value === 'false' ? undefined : 'must be true or false';
  }
}

/** The tenant itself, then every name derived from it, must be a DNS label. */
function checkTenant(tenant: string, domain: string): string | undefined {
  const own = checkDnsLabel(tenant);
  if (own) return own;
  const names = deriveNames({ tenant, domain });
  const derived = [
    names.appNamespace,
    names.meshNamespace,
    names.frontEndHost.split('.')[0],
    ...LAYERS.map(names.fluxKustomization),
  ];
  const tooLong = derived.find((name) => checkDnsLabel(name) !== undefined);
  return tooLong ? `is too long: it makes the name "${tooLong}", over the 63-character limit of a DNS label` : undefined;
}

function readText(raw: RawSettings, name: AnswerName | 'directory', problems: Problem[]): string | undefined {
  const value = raw[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (name === 'until' && typeof value === 'number') return String(value);
  if (name === 'review' && typeof value === 'boolean') return String(value);
  problems.push({ field: name, value, rule: 'must be a string', example: name === 'directory' ? DEFAULT_DIRECTORY : exampleOf(name) });
  return undefined;
}

export function defaultAnswers(): Answers {
  const read = (name: AnswerName) => ANSWER_OPTIONS.find((option) => option.name === name)!.default;
  return {
    gitops: read('gitops') as GitOpsChoice,
    tenant: read('tenant'),
    domain: read('domain'),
    remote: read('remote'),
    branch: read('branch'),
    until: read('until'),
    mode: read('mode') as PromotionMode,
    review: read('review') === 'true',
  };
}

/** Raw values over defaults, checked. Throws one SettingsError listing every problem. */
export function checkSettings(raw: RawSettings): Settings {
  const problems: Problem[] = [];
  const defaults = defaultAnswers();
  const text = (name: AnswerName) => readText(raw, name, problems) ?? String(defaults[name]);
  const values = {
    gitops: text('gitops'),
    tenant: text('tenant'),
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
  for (const name of Object.keys(values) as AnswerName[]) {
    const rule = checkAnswer(name, values[name], values.domain);
    if (rule) problems.push({ field: name, value: values[name], rule, example: exampleOf(name) });
  }
  if (problems.length > 0) throw new SettingsError(problems);
  return Object.freeze({
    directory,
    gitops: values.gitops as GitOpsChoice,
    tenant: values.tenant,
    domain: values.domain,
    remote: values.remote,
    branch: values.branch,
    until: findStage(values.until)!.number,
    mode: values.mode as PromotionMode,
    review: values.review === 'true',
  });
}

/** What is saved in `.yo-rc.json`: the answers, with the stage as its id. */
export function toAnswers(settings: Settings): Answers {
  const { directory: _directory, until, ...rest } = settings;
  return { ...rest, until: formatStageId(STAGES[until]) };
}
