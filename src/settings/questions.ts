/** The interactive questions, built from the option table; each validates with the same rules as the flags. */
import { checkAnswer, type RawSettings } from './check-settings.js';
import { ANSWER_OPTIONS, type AnswerName } from './options.js';

export interface Question {
  type: 'list' | 'input';
  name: AnswerName;
  message: string;
  default: string;
  choices?: string[];
  validate: (value: unknown) => true | string;
}

export function buildQuestions(current: RawSettings): Question[] {
  return ANSWER_OPTIONS.map((option) => ({
    type: option.choices ? 'list' : 'input',
    name: option.name,
    message: option.question,
    default: typeof current[option.name] === 'string' || typeof current[option.name] === 'number' ? String(current[option.name]) : option.default,
    ...(option.choices ? { choices: [...option.choices] } : {}),
    validate: (value: unknown) => {
      const rule = checkAnswer(option.name, String(value ?? ''), typeof current.domain === 'string' ? current.domain : undefined);
      return rule ? `${option.name} ${rule} (for example: ${option.example})` : true;
    },
  }));
}
