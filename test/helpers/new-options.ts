/**
 * The answers `--flavor`, `--lang` and `--tenants` refuse, as one table for every way in: the
 * settings check, the bin (`sockshop-mesh new`) and the generator through Yeoman. Each case names the
 * option the user typed, the rule they broke and an example, as the user sees it (formatProblem).
 * Expected lists come from the registries, so a new flavor or language needs no edit here.
 */
import { FLAVOR_IDS } from '../../src/flavors/registry.js';
import { LANGUAGE_IDS } from '../../src/languages/registry.js';
import { ANSWER_OPTIONS, type AnswerName } from '../../src/settings/options.js';
import { MAX_TENANTS } from '../../src/settings/tenants.js';

export const exampleOf = (name: AnswerName) => ANSWER_OPTIONS.find((option) => option.name === name)!.example;

export interface Refusal {
  name: string;
  /** As flags and as answers (the generator's options, an answers file). */
  answers: Record<string, string>;
  /** The problem's field. */
  field: AnswerName;
  /** The whole line the user reads (`--field "value": rule (for example: ...)`), or its start when the rule goes on. */
  message: string;
}

const LONG_NAME = 'b'.repeat(50);
const TOO_MANY = String(MAX_TENANTS + 1);
const LONG_LIST = Array.from({ length: MAX_TENANTS + 1 }, (_, index) => `p${index}`).join(',');

export const REFUSALS: readonly Refusal[] = [
  {
    name: 'an unknown flavor, naming the allowed ones',
    answers: { flavor: 'kuma' },
    field: 'flavor',
    message: `--flavor "kuma": must be one of ${FLAVOR_IDS.join(', ')} (for example: ${exampleOf('flavor')})`,
  },
  {
    name: 'an unknown language, naming the allowed ones',
    answers: { lang: 'fr' },
    field: 'lang',
    message: `--lang "fr": must be one of ${LANGUAGE_IDS.join(', ')}`,
  },
  {
    name: 'a participant named twice',
    answers: { tenants: 'alice,bob,alice' },
    field: 'tenants',
    message: `--tenants "alice,bob,alice": names "alice" twice: every participant needs a name of their own (for example: ${exampleOf('tenants')})`,
  },
  {
    name: 'a participant name that is no DNS label',
    answers: { tenants: 'alice,Bob_1' },
    field: 'tenants',
    message: `--tenants "alice,Bob_1": participant "Bob_1" must be a DNS label: lowercase letters, digits and "-", starting and ending with a letter or digit (for example: ${exampleOf('tenants')})`,
  },
  {
    name: 'an empty entry in the list',
    answers: { tenants: 'alice,,bob' },
    field: 'tenants',
    message: `--tenants "alice,,bob": must be a comma-separated list of names without empty entries`,
  },
  {
    name: 'zero participants',
    answers: { tenants: '0' },
    field: 'tenants',
    message: `--tenants "0": must be a number of participants from 1 to ${MAX_TENANTS}, or a comma-separated list of names (for example: ${exampleOf('tenants')})`,
  },
  {
    name: 'more participants than a class holds',
    answers: { tenants: TOO_MANY },
    field: 'tenants',
    message: `--tenants "${TOO_MANY}": must be a number of participants from 1 to ${MAX_TENANTS}, or a comma-separated list of names (for example: ${exampleOf('tenants')})`,
  },
  {
    name: 'a list longer than a class holds',
    answers: { tenants: LONG_LIST },
    field: 'tenants',
    message: `--tenants "${LONG_LIST}": lists ${MAX_TENANTS + 1} participants; at most ${MAX_TENANTS} (for example: ${exampleOf('tenants')})`,
  },
  {
    name: 'a participant whose derived names are too long',
    answers: { tenants: `alice,${LONG_NAME}` },
    field: 'tenants',
    message: `--tenants "alice,${LONG_NAME}": participant "${LONG_NAME}" is too long: it makes a GitOps object name "sockshop-mesh-${LONG_NAME}-participant", which must be at most 63 characters (it has ${`sockshop-mesh-${LONG_NAME}-participant`.length})`,
  },
  {
    name: '--tenants together with --tenant',
    answers: { tenant: 'alice', tenants: '3' },
    field: 'tenants',
    message: `--tenants "3": cannot be combined with --tenant "alice": give --tenant for one participant, or --tenants for a class (for example: ${exampleOf('tenants')})`,
  },
];

/** `{ tenants: '3' }` as `['--tenants', '3']`. */
export function toArgs(answers: Record<string, string>): string[] {
  return Object.entries(answers).flatMap(([name, value]) => [`--${name}`, value]);
}
