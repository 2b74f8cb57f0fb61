/**
 * Every choice a user makes, as data: the same table drives the Yeoman options, the prompts, the
 * `--help` text, the command-line parser and the keys of an answers file.
 */
import { DEFAULT_FLAVOR, FLAVORS, getFlavor } from '../flavors/registry.js';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../languages/registry.js';
import { formatStageId } from '../layout/layout.js';
import { GITOPS_CHOICES, PROMOTION_MODES } from './settings.js';

export type AnswerName = 'flavor' | 'gitops' | 'tenant' | 'tenants' | 'domain' | 'remote' | 'branch' | 'until' | 'mode' | 'review' | 'lang';

export interface AnswerOption {
  name: AnswerName;
  /** A yes/no answer: a bare `--flag`, a confirm prompt, `true`/`false` in an answers file. */
  type?: 'boolean';
  description: string;
  /** The default as text (`'false'` for a boolean answer). */
  default: string;
  /** The allowed values, when there is a fixed list. */
  choices?: readonly string[];
  /** One line per allowed value, for `--help`. */
  choiceSummaries?: Readonly<Record<string, string>>;
  example: string;
  question: string;
}

export const DEFAULT_DIRECTORY = 'sockshop-mesh-workshop';
export const PLACEHOLDER_REMOTE = 'https://git.example.com/your-org/sockshop-mesh-workshop.git';

const DEFAULT_STAGE_IDS = getFlavor(DEFAULT_FLAVOR).stages.map(formatStageId);

export const ANSWER_OPTIONS: readonly AnswerOption[] = [
  {
    name: 'flavor',
    description: 'the service mesh the workshop installs',
    default: DEFAULT_FLAVOR,
    choices: FLAVORS.map((flavor) => flavor.id),
    choiceSummaries: Object.fromEntries(FLAVORS.map((flavor) => [flavor.id, flavor.summary])),
    example: 'istio',
    question: 'Which service mesh?',
  },
  {
    name: 'gitops',
    description: 'GitOps engine(s) to write bootstrap manifests for',
    default: 'argocd',
    choices: GITOPS_CHOICES,
    example: 'flux',
    question: 'Which GitOps engine will sync the cluster?',
  },
  {
    name: 'tenants',
    description:
      'a whole class in one repository: a number N (user1..userN) or a comma-separated list of names; the shared parts are installed once, each participant gets their own namespaces, control plane and stage (not with --tenant)',
    default: '',
    // Both forms: a duplicate or a bad name in a list is fixed by a list, a bad count by a count.
    example: '20 or alice,bob,carol',
    question: 'A whole class? Number of participants (user1..userN) or comma-separated names; empty for one participant:',
  },
  {
    name: 'tenant',
    description: 'the one participant\'s name, used in namespaces (user1 -> user1-sockshop, user1-istio-system); empty for sock-shop / istio-system (not with --tenants)',
    default: 'user1',
    example: 'user7',
    question: 'Participant name (the workshop\'s userX; empty for plain sock-shop / istio-system)?',
  },
  {
    name: 'domain',
    description: 'cluster apps domain for Routes and gateway hosts (OpenShift flavors)',
    default: 'apps.example.com',
    example: 'apps.cluster-abc.example.com',
    question: 'Cluster apps domain (what `oc get ingresses.config cluster -o jsonpath={.spec.domain}` prints)?',
  },
  {
    name: 'remote',
    description: 'git URL Argo CD / Flux will pull from (the default is a placeholder to replace)',
    default: PLACEHOLDER_REMOTE,
    example: 'https://github.com/your-org/sockshop-mesh-workshop.git',
    question: 'Git URL the GitOps engine will pull from?',
  },
  {
    name: 'branch',
    description: 'branch that holds the stage history',
    default: 'main',
    example: 'main',
    question: 'Branch name?',
  },
  {
    name: 'until',
    description: 'last stage to include (number, name or id; the stages of each flavor are listed below)',
    default: DEFAULT_STAGE_IDS[DEFAULT_STAGE_IDS.length - 1],
    example: DEFAULT_STAGE_IDS[4],
    question: 'Last stage to include?',
  },
  {
    name: 'mode',
    description:
      'how the GitOps engine moves from stage to stage: pin (the bootstrap names one stage tag; `sockshop-mesh promote` moves it with a commit) or follow (the bootstrap follows the tag range; `promote` pushes the next tag)',
    default: 'pin',
    choices: PROMOTION_MODES,
    example: 'follow',
    question: 'How should the cluster move from stage to stage (pin: a reviewed commit per step; follow: push the next tag)?',
  },
  {
    name: 'review',
    type: 'boolean',
    description:
      'review form: the main branch holds only the baseline and every later stage waits on its own branch stage/NN-name (one commit on the previous stage), ready for one pull request per stage',
    default: 'false',
    example: 'true',
    question: 'Put every stage after the baseline on its own branch, for one pull request per stage?',
  },
  {
    name: 'lang',
    description: 'the language of everything a learner reads in the repository: READMEs, stage READMEs, commit and tag messages, handouts',
    default: DEFAULT_LANGUAGE,
    choices: LANGUAGES.map((language) => language.id),
    choiceSummaries: Object.fromEntries(LANGUAGES.map((language) => [language.id, language.summary])),
    example: 'ja',
    question: 'Language of the READMEs and commit messages?',
  },
];

export interface FlagOption {
  name: string;
  type: 'boolean' | 'string';
  alias?: string;
  description: string;
}

export const FLAG_OPTIONS: readonly FlagOption[] = [
  { name: 'yes', type: 'boolean', alias: 'y', description: 'take every default without prompting' },
  { name: 'answers', type: 'string', description: 'read answers from a YAML or JSON file (same keys as the options)' },
  {
    name: 'move-aside',
    type: 'boolean',
    description: 'generate even if the target folder is not empty: the folder is first moved aside to <dir>.bak-N (nothing is deleted)',
  },
  {
    name: 'skip-validation',
    type: 'boolean',
    description: 'do not validate the generated manifests before writing them (they are by default: strict schemas and ordering checks)',
  },
  { name: 'help', type: 'boolean', alias: 'h', description: 'print the options and every allowed value' },
];

export const ANSWER_NAMES: readonly AnswerName[] = ANSWER_OPTIONS.map((option) => option.name);
/** Every option of `new` that takes a value, with an example of one: none may be given bare. */
export const VALUED_OPTIONS: readonly { name: string; example: string }[] = [
  ...ANSWER_OPTIONS.filter((option) => option.type !== 'boolean').map((option) => ({ name: option.name, example: option.example })),
  ...FLAG_OPTIONS.filter((flag) => flag.type === 'string').map((flag) => ({ name: flag.name, example: flag.name === 'answers' ? 'answers.yaml' : 'VALUE' })),
];
export const ALL_OPTION_NAMES: readonly string[] = [...ANSWER_NAMES, ...FLAG_OPTIONS.map((flag) => flag.name)];
