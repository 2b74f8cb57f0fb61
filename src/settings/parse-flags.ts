/** Command-line checks shared by the `sockshop-mesh` bin and the Yeoman generator. */
import { UserError } from '../errors.js';
import { suggestNearest } from './rules.js';

/** Flags in `args` that are not known: `--domian` with the nearest real name, if any. */
export function findUnknownFlags(args: readonly string[], known: readonly string[]): { flag: string; suggestion?: string }[] {
  const unknown: { flag: string; suggestion?: string }[] = [];
  for (const arg of args) {
    if (arg === '--') break;
    const long = /^--(?:no-)?([^=]+)/.exec(arg);
    const name = long ? long[1] : /^-([A-Za-z])$/.exec(arg)?.[1];
    if (name === undefined || known.includes(name)) continue;
    unknown.push({ flag: arg.split('=')[0], suggestion: suggestNearest(name, known.filter((option) => option.length > 1)) });
  }
  return unknown;
}

export function checkFlags(args: readonly string[], known: readonly string[]): void {
  const unknown = findUnknownFlags(args, known);
  if (unknown.length === 0) return;
  const lines = unknown.map(({ flag, suggestion }) => `unknown option ${flag}${suggestion ? ` (did you mean --${suggestion}?)` : ''}`);
  throw new UserError(lines.join('\n'), 'Run with --help to see every option and its allowed values.');
}

/** Does this argument look like an option rather than a value (`-` alone and `-1` are values)? */
function looksLikeOption(arg: string): boolean {
  return /^--?[A-Za-z]/.test(arg);
}

/**
 * Options that take a value but were given none: `--tenant` last, or `--tenant --yes`. Without this
 * check the parser reads them as an empty value, which for `--tenant` silently means "no tenant".
 * `--tenant=` (an explicit empty value) and `--tenant ''` are values.
 */
export function findMissingValues(args: readonly string[], valued: readonly string[]): string[] {
  const missing: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--') break;
    const name = /^--([^=]+)$/.exec(arg)?.[1];
    if (name === undefined || !valued.includes(name)) continue;
    const next = args[index + 1];
    if (next === undefined || next === '--' || looksLikeOption(next)) missing.push(name);
    else index += 1;
  }
  return missing;
}

export function checkValues(args: readonly string[], valued: readonly { name: string; example: string }[]): void {
  const missing = findMissingValues(
    args,
    valued.map((option) => option.name),
  );
  if (missing.length === 0) return;
  const lines = missing.map((name) => {
    const { example } = valued.find((option) => option.name === name)!;
    return `--${name} needs a value (for example: --${name} ${example})`;
  });
  throw new UserError(lines.join('\n'), 'Give the value right after the option; for an explicitly empty value write --name= (e.g. --tenant=).');
}

/**
 * What yeoman-environment, yeoman-test and the `yo` CLI put into a generator's options besides the
 * user's: never reported as unknown.
 */
export const ENVIRONMENT_OPTION_KEYS: readonly string[] = [
  '_',
  '_meta',
  'adapter',
  'askAnswered',
  'compose',
  'customInstallTask',
  'debug',
  'destinationRoot',
  'env',
  'force',
  'forceInstall',
  'forwardErrorToEnvironment',
  'generators',
  'initialGenerator',
  'insight',
  'localConfigOnly',
  'localOnly',
  'namespace',
  'resolved',
  'sharedData',
  'sharedFs',
  'skipCache',
  'skipChecks',
  'skipInstall',
  'skipLocalCache',
  'skipParseOptions',
  'version',
];

const kebab = (key: string) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * Options handed to the generator as an object (the `yo` CLI parses the command line itself and
 * passes `--domian x` as `{ domian: 'x' }`): the ones nobody declared, with the nearest real name.
 */
export function checkOptionKeys(options: Record<string, unknown>, known: readonly string[]): void {
  const unknown = Object.keys(options)
    .filter((key) => options[key] !== undefined && !known.includes(key) && !known.includes(kebab(key)) && !ENVIRONMENT_OPTION_KEYS.includes(key))
    .map((key) => ({ flag: `--${kebab(key)}`, suggestion: suggestNearest(kebab(key), known.filter((name) => name.length > 1)) }));
  if (unknown.length === 0) return;
  const lines = unknown.map(({ flag, suggestion }) => `unknown option ${flag}${suggestion ? ` (did you mean --${suggestion}?)` : ''}`);
  throw new UserError(lines.join('\n'), 'Run with --help to see every option and its allowed values.');
}
