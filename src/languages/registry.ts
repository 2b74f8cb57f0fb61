/**
 * The languages a generated repository can be written in. A language is a folder of prose under
 * templates/docs/<id>/ with the same paths as every other language; names, commands, versions and
 * computed object lists come from one context and are the same in every language.
 */
export type LanguageId = 'en' | 'ja';

export interface Language {
  id: LanguageId;
  /** The language's own name for itself. */
  name: string;
  /** One line for `--help`. */
  summary: string;
}

export const LANGUAGES: readonly Language[] = [
  { id: 'en', name: 'English', summary: 'English' },
  { id: 'ja', name: '日本語', summary: 'Japanese (日本語): READMEs, stage READMEs, commit and tag messages, handouts' },
];
export const LANGUAGE_IDS: readonly LanguageId[] = LANGUAGES.map((language) => language.id);
export const DEFAULT_LANGUAGE: LanguageId = 'en';

export function isLanguageId(value: unknown): value is LanguageId {
  return typeof value === 'string' && (LANGUAGE_IDS as readonly string[]).includes(value);
}
