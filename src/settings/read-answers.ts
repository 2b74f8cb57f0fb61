/**
 * Answers from a file (YAML or JSON, the option names as keys) or from a repository's saved
 * `.yo-rc.json`. Unknown keys are errors with a suggestion, never silently ignored.
 */
import { existsSync, readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { UserError } from '../errors.js';
import { GENERATOR_NAME } from '../layout/layout.js';
import type { RawSettings } from './check-settings.js';
import { ANSWER_NAMES } from './options.js';
import { suggestNearest } from './rules.js';

const KEYS: readonly string[] = [...ANSWER_NAMES, 'directory'];

/**
 * An answers file is a flat mapping of short values: a list or mapping met twice is a YAML alias
 * (`*name`), which nine lines can nest into billions of values (the "billion laughs"). Refused
 * before anything reads the values; the walk stops at the first repeat, so it is fast either way.
 */
function refuseAliases(document: unknown, file: string): void {
  const seen = new Set<object>();
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    if (seen.has(value)) {
      throw new UserError(`${file}: uses a YAML alias (*name) for a list or mapping; an answers file takes plain values only`, 'Write each value out in full (for example `tenants: alice,bob`), without anchors (&name) and aliases (*name).');
    }
    seen.add(value);
    for (const item of Array.isArray(value) ? value : Object.values(value)) walk(item);
  };
  walk(document);
}

export function parseAnswers(text: string, file: string): RawSettings {
  if (text.trim() === '') return {};
  let document: unknown;
  try {
    document = load(text);
  } catch (error) {
    throw new UserError(`${file}: not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`, 'Fix the file, or pass the answers as options instead (see --help).');
  }
  if (document === null || document === undefined) return {};
  refuseAliases(document, file);
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new UserError(`${file}: expected a mapping of option names to values`, `For example:\n  gitops: flux\n  tenant: user7\n  domain: apps.cluster.example.com`);
  }
  const record = document as Record<string, unknown>;
  // A repository's .yo-rc.json nests the answers under the generator's name.
  const answers = GENERATOR_NAME in record && typeof record[GENERATOR_NAME] === 'object' ? (record[GENERATOR_NAME] as Record<string, unknown>) : record;
  const problems = Object.keys(answers)
    .filter((key) => !KEYS.includes(key))
    .map((key) => {
      const near = suggestNearest(key, KEYS);
      return `${file}: unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ''}`;
    });
  if (problems.length > 0) throw new UserError(problems.join('\n'), `Allowed keys: ${KEYS.join(', ')}.`);
  return answers as RawSettings;
}

export function readAnswersFile(file: string): RawSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read the answers file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'Check the path given to --answers.');
  }
  return parseAnswers(text, file);
}

/** The answers saved by an earlier run in `dir/.yo-rc.json`, or nothing. */
export function readSavedAnswers(file: string): RawSettings {
  if (!existsSync(file)) return {};
  const saved = readAnswersFile(file);
  delete saved.directory;
  return saved;
}
