/** The interactive questions, built from the option table; each validates with the same rules as the flags. */
import { checkAnswer, type RawSettings } from './check-settings.js';
import { ANSWER_OPTIONS, type AnswerName } from './options.js';

export interface Question {
  type: 'list' | 'input' | 'confirm';
  name: AnswerName;
  message: string;
  default: string | boolean;
  choices?: string[];
  validate: (value: unknown) => true | string;
}

function pickDefault(value: unknown, fallback: string, type: 'boolean' | undefined): string | boolean {
  const text = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : fallback;
  return type === 'boolean' ? text === 'true' : text;
}

export function buildQuestions(current: RawSettings): Question[] {
  return ANSWER_OPTIONS.map((option) => ({
    type: option.type === 'boolean' ? 'confirm' : option.choices ? 'list' : 'input',
    name: option.name,
    message: option.question,
    default: pickDefault(current[option.name], option.default, option.type),
    ...(option.choices ? { choices: [...option.choices] } : {}),
    validate: (value: unknown) => {
      const rule = checkAnswer(option.name, String(value ?? ''), typeof current.domain === 'string' ? current.domain : undefined);
      return rule ? `${option.name} ${rule} (for example: ${option.example})` : true;
    },
  }));
}
