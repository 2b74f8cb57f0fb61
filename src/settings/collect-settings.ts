/**
 * Where each answer comes from, highest first: a flag, the answers file, the answers saved in the
 * target's `.yo-rc.json` by an earlier run, a prompt (interactive runs only), the default.
 */
import { join, resolve } from 'node:path';
import { ANSWERS_FILE } from '../layout/layout.js';
import type { RawSettings } from './check-settings.js';
import { ANSWER_NAMES, DEFAULT_DIRECTORY } from './options.js';
import { readAnswersFile, readSavedAnswers } from './read-answers.js';

export interface CollectInput {
  cwd: string;
  /** The positional argument, if given. */
  directory?: string;
  /** Option values as parsed from the command line (undefined when not given). */
  flags: Partial<Record<string, unknown>>;
  answersFile?: string;
}

export interface Collected {
  raw: RawSettings;
  /** True when the user gave no answer at all: the only case in which prompts may run. */
  nothingGiven: boolean;
}

/** True when the input gives no answer at all: no answer flag, no answers file, no folder. */
export function givesNoAnswer(input: Pick<CollectInput, 'directory' | 'flags' | 'answersFile'>): boolean {
  return ANSWER_NAMES.every((name) => input.flags[name] === undefined) && !input.answersFile && input.directory === undefined;
}

export function collectSettings(input: CollectInput): Collected {
  const fromFile = input.answersFile ? readAnswersFile(resolve(input.cwd, input.answersFile)) : {};
  const directory = input.directory ?? (fromFile.directory as string | undefined) ?? DEFAULT_DIRECTORY;
  const saved = typeof directory === 'string' ? readSavedAnswers(join(resolve(input.cwd, directory), ANSWERS_FILE)) : {};
  const fromFlags: RawSettings = {};
  for (const name of ANSWER_NAMES) if (input.flags[name] !== undefined) fromFlags[name] = input.flags[name];
  return {
    raw: { ...saved, ...fromFile, ...fromFlags, directory },
    nothingGiven: givesNoAnswer(input),
  };
}
