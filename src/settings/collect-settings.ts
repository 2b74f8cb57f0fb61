/**
 * Where each answer comes from, highest first: a flag, the answers file, the answers saved in the
 * target's `.yo-rc.json` by an earlier run, a prompt (interactive runs only), the default.
 */
import { join, resolve } from 'node:path';
import { DEFAULT_FLAVOR, getFlavor, isFlavorId } from '../flavors/registry.js';
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

/** `--tenant` (one participant) and `--tenants` (a class) exclude each other: the one a later source gives wins. */
const EXCLUSIVE: Readonly<Record<string, string>> = { tenant: 'tenants', tenants: 'tenant' };

/**
 * Sources of answers merged, later over earlier. A source that gives one of `tenant` / `tenants`
 * drops the other from the earlier ones; a source that gives both keeps both, so the check says so.
 */
export function mergeAnswers(...sources: RawSettings[]): RawSettings {
  const merged: Record<string, unknown> = {};
  for (const source of sources) {
    for (const [key, value] of Object.entries(source)) {
      if (value === undefined) continue;
      const other = EXCLUSIVE[key];
      if (other && !(other in source)) delete merged[other];
      merged[key] = value;
    }
  }
  return merged as RawSettings;
}

/** Saved answers the flavor about to be generated has no use for (a domain, after switching to istio). */
function dropUnused(saved: RawSettings, later: RawSettings[]): RawSettings {
  const flavor = [...later].reverse().map((source) => source.flavor).find((value) => value !== undefined) ?? saved.flavor ?? DEFAULT_FLAVOR;
  if (!isFlavorId(flavor)) return saved;
  const kept: Record<string, unknown> = { ...saved };
  for (const name of getFlavor(flavor).unusedAnswers) delete kept[name];
  return kept as RawSettings;
}

export function collectSettings(input: CollectInput): Collected {
  const fromFile = input.answersFile ? readAnswersFile(resolve(input.cwd, input.answersFile)) : {};
  const directory = input.directory ?? (fromFile.directory as string | undefined) ?? DEFAULT_DIRECTORY;
  const saved = typeof directory === 'string' ? readSavedAnswers(join(resolve(input.cwd, directory), ANSWERS_FILE)) : {};
  const fromFlags: RawSettings = {};
  for (const name of ANSWER_NAMES) if (input.flags[name] !== undefined) fromFlags[name] = input.flags[name];
  const { directory: _fileDirectory, ...fileAnswers } = fromFile;
  return {
    raw: { ...mergeAnswers(dropUnused(saved, [fileAnswers, fromFlags]), fileAnswers, fromFlags), directory },
    nothingGiven: givesNoAnswer(input),
  };
}
