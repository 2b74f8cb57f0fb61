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
