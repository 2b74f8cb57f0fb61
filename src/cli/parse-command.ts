/**
 * Options of the repository commands (diff, publish, promote, status) as data: one table per
 * command drives its parser and its `--help`. Unknown options are refused with the nearest real
 * one (the same check as `new`), bad choices with the allowed values.
 */
import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';
import { checkFlags } from '../settings/parse-flags.js';
import { suggestNearest } from '../settings/rules.js';

export interface CommandOption {
  name: string;
  type: 'boolean' | 'string';
  alias?: string;
  /** How the value is shown in help: `<dir>`, `<url>`. */
  value?: string;
  choices?: readonly string[];
  /** May be given more than once; the value is then a list. */
  multiple?: boolean;
  description: string;
}

export const DIR_OPTION: CommandOption = {
  name: 'dir',
  type: 'string',
  value: '<dir>',
  description: 'the workshop repository to act on (default: the current directory)',
};
export const HELP_OPTION: CommandOption = { name: 'help', type: 'boolean', alias: 'h', description: 'print this help' };

export interface CommandSpec {
  name: string;
  /** Positional arguments as shown in help, e.g. `<from> <to>`; their count is checked. */
  positionals: readonly string[];
  /** How many positionals may be left out (from the end). */
  optionalPositionals?: number;
  options: readonly CommandOption[];
}

export interface ParsedCommand {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function parseCommand(spec: CommandSpec, args: readonly string[]): ParsedCommand {
  const options = [...spec.options, DIR_OPTION, HELP_OPTION];
  const names = options.map((option) => option.name);
  for (const arg of args) {
    // Booleans here are opt-ins named skip-x; `--no-x` is a habit from other tools.
    const negated = /^--no-([^=]+)/.exec(arg);
    if (negated && names.includes(`skip-${negated[1]}`)) {
      throw new UserError(`unknown option ${arg} (did you mean --skip-${negated[1]}?)`, `Run \`sockshop-mesh ${spec.name} --help\` for every option.`);
    }
  }
  try {
    checkFlags(args, [...names, ...options.flatMap((option) => (option.alias ? [option.alias] : []))]);
  } catch (error) {
    if (error instanceof UserError) throw new UserError(error.message, `Run \`sockshop-mesh ${spec.name} --help\` for every option.`);
    throw error;
  }

  let parsed: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(options.map((option) => [option.name, { type: option.type, ...(option.multiple ? { multiple: true } : {}), ...(option.alias ? { short: option.alias } : {}) }])),
    }) as typeof parsed;
  } catch (error) {
    throw new UserError((error as Error).message.split('\n')[0], `Run \`sockshop-mesh ${spec.name} --help\` for the expected form.`);
  }

  for (const option of options) {
    const value = parsed.values[option.name];
    if (!option.choices || typeof value !== 'string' || option.choices.includes(value)) continue;
    const near = suggestNearest(value, option.choices);
    throw new UserError(`--${option.name} ${JSON.stringify(value)}: must be one of ${option.choices.join(', ')}${near ? ` (did you mean ${near}?)` : ''}`);
  }

  const max = spec.positionals.length;
  const min = max - (spec.optionalPositionals ?? 0);
  const count = parsed.positionals.length;
  if (count < min || count > max) {
    const usage = `sockshop-mesh ${spec.name} ${spec.positionals.join(' ')}`.trim();
    const what = count > max ? `too many arguments: ${parsed.positionals.slice(max).map((arg) => JSON.stringify(arg)).join(' ')}` : `missing ${spec.positionals.slice(count, min).join(' ')}`;
    throw new UserError(`${what} (usage: ${usage} [options])`, `Run \`sockshop-mesh ${spec.name} --help\` for examples.`);
  }
  return parsed;
}

export interface HelpText {
  spec: CommandSpec;
  summary: string;
  /** Paragraph lines after the usage line. */
  description: readonly string[];
  examples: readonly string[];
}

export function formatCommandHelp({ spec, summary, description, examples }: HelpText): string {
  const rows = [...spec.options, DIR_OPTION, HELP_OPTION].map((option) => [
    `${option.alias ? `-${option.alias}, ` : ''}--${option.name}${option.value ? ` ${option.value}` : ''}`,
    `${option.description}${option.choices ? ` (${option.choices.join('|')})` : ''}${option.multiple ? ' (repeatable)' : ''}`,
  ]);
  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  return [
    `Usage: sockshop-mesh ${spec.name}${spec.positionals.length > 0 ? ` ${spec.positionals.join(' ')}` : ''} [options]`,
    '',
    summary,
    ...(description.length > 0 ? ['', ...description] : []),
    '',
    'Options:',
    ...rows.map(([name, text]) => `  ${name.padEnd(width)}${text}`),
    '',
    'Examples:',
    ...examples.map((example) => `  ${example}`),
    '',
  ].join('\n');
}
