/** The interactive questions, built from the option table; each validates with the same rules as the flags. */
import { getFlavor, isFlavorId } from '../flavors/registry.js';
import { formatStageId } from '../layout/layout.js';
import { checkAnswer, type RawSettings } from './check-settings.js';
import { ANSWER_OPTIONS, type AnswerName } from './options.js';

type Given = Partial<Record<AnswerName, unknown>>;

export interface Question {
  type: 'select' | 'input' | 'confirm';
  name: AnswerName;
  message: string;
  default: string | boolean;
  choices?: string[] | ((answers: Given) => string[]);
  /** Asked only when this says so, given the answers before it. */
  when?: (answers: Given) => boolean;
  validate: (value: unknown, answers?: Given) => true | string;
}

function pickDefault(value: unknown, fallback: string, type: 'boolean' | undefined): string | boolean {
  const text = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : fallback;
  return type === 'boolean' ? text === 'true' : text;
}

function flavorOf(current: RawSettings, answers: Given = {}) {
  const chosen = answers.flavor ?? current.flavor;
  return getFlavor(isFlavorId(chosen) ? chosen : 'ossm3');
}

export function buildQuestions(current: RawSettings): Question[] {
  return ANSWER_OPTIONS.map((option): Question => {
    const question: Question = {
      type: option.type === 'boolean' ? 'confirm' : option.choices || option.name === 'until' ? 'select' : 'input',
      name: option.name,
      message: option.question,
      default: pickDefault(current[option.name], option.default, option.type),
      ...(option.choices ? { choices: [...option.choices] } : {}),
      validate: (value, answers = {}) => {
        const domain = answers.domain ?? current.domain;
        const rule = checkAnswer(option.name, String(value ?? ''), {
          flavor: flavorOf(current, answers).id,
          domain: typeof domain === 'string' ? domain : undefined,
          review: (answers.review ?? current.review) === true,
        });
        return rule ? `${option.name} ${rule} (for example: ${option.example})` : true;
      },
    };
    if (option.name === 'until') {
      question.choices = (answers) => flavorOf(current, answers).stages.map(formatStageId);
      const stages = flavorOf(current).stages;
      question.default = typeof current.until === 'string' ? current.until : formatStageId(stages[stages.length - 1]);
    }
    // One participant or a class: the participant's name is asked only without a class.
    if (option.name === 'tenant') question.when = (answers) => String(answers.tenants ?? current.tenants ?? '').trim() === '';
    // A flavor without Routes has no use for the apps domain.
    if (option.name === 'domain') question.when = (answers) => !flavorOf(current, answers).unusedAnswers.includes('domain');
    return question;
  });
}
