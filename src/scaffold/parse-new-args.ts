/**
 * The options of `new`, parsed exactly as yeoman-generator parses them (Generator#parseOptions:
 * minimist over the declared options, then each value through its type), so the bin's direct path
 * sees the very options the generator would. The generator declares its options from this table.
 */
import minimist from 'minimist';
import { givesNoAnswer } from '../settings/collect-settings.js';
import { ANSWER_OPTIONS, DEFAULT_DIRECTORY, FLAG_OPTIONS } from '../settings/options.js';

/** The namespace the generator runs under, in Yeoman's messages too. */
export const GENERATOR_NAMESPACE = 'sockshop-mesh:app';

/** Parsed options of `new`, as Yeoman hands them to the generator (kebab-case names). */
export type NewOptions = Partial<Record<string, unknown>> & {
  directory?: string;
  answers?: string;
  yes?: boolean;
  'move-aside'?: boolean;
  'skip-validation'?: boolean;
};

export interface DeclaredOption {
  name: string;
  type: 'boolean' | 'string';
  alias?: string;
  description: string;
  /** Only Yeoman's own options have one. */
  default?: boolean;
}

/** yeoman-generator's own options, declared by its constructor before the generator's. */
export const YEOMAN_OPTIONS: readonly DeclaredOption[] = [
  { name: 'help', type: 'boolean', alias: 'h', description: "Print the generator's options and usage" },
  { name: 'skip-cache', type: 'boolean', description: 'Do not remember prompt answers', default: false },
  { name: 'skip-install', type: 'boolean', description: 'Do not automatically install dependencies', default: false },
  { name: 'force-install', type: 'boolean', description: 'Fail on install dependencies error', default: false },
  { name: 'ask-answered', type: 'boolean', description: 'Show prompts for already configured options', default: false },
];

/** The generator's positional argument. */
export const DIRECTORY_ARGUMENT = { name: 'directory', description: `target folder (default ${DEFAULT_DIRECTORY})` } as const;

/** The options the generator declares: every answer, and every flag but `help` (Yeoman's own). */
export const GENERATOR_OPTIONS: readonly DeclaredOption[] = [
  ...ANSWER_OPTIONS.map((option) => ({
    name: option.name,
    type: option.type === 'boolean' ? ('boolean' as const) : ('string' as const),
    description: `${option.description} (${option.choices ? `${option.choices.join('|')}; ` : ''}default ${option.default || '""'})`,
  })),
  ...FLAG_OPTIONS.filter((flag) => flag.name !== 'help').map((flag) => ({
    name: flag.name,
    type: flag.type,
    ...(flag.alias ? { alias: flag.alias } : {}),
    description: flag.description,
  })),
];

/**
 * Our own sentinel for "boolean not given" (minimist would otherwise say false): an option not given
 * is absent, as the generator sees it. A fresh object, so no text a user types can equal it.
 */
const NOT_GIVEN: unknown = Object.freeze({});

export function parseNewArgs(args: readonly string[]): NewOptions {
  const declared = new Map([...YEOMAN_OPTIONS, ...GENERATOR_OPTIONS].map((option) => [option.name, option]));
  const booleans: string[] = [];
  const strings: string[] = [];
  const alias: Record<string, string> = {};
  const defaults: Record<string, unknown> = {};
  for (const option of declared.values()) {
    if (option.type === 'boolean') {
      booleans.push(option.name);
      defaults[option.name] = option.default ?? NOT_GIVEN;
    } else {
      strings.push(option.name);
    }
    if (option.alias) alias[option.alias] = option.name;
  }
  const parsed: Record<string, unknown> & { _: (string | number)[] } = minimist([...args], { boolean: booleans, string: strings, alias, default: defaults });
  for (const [name, value] of Object.entries(parsed)) {
    if (value === NOT_GIVEN) delete parsed[name];
    else if (value !== undefined && declared.has(name)) parsed[name] = declared.get(name)!.type === 'boolean' ? Boolean(value) : String(value);
  }
  if (parsed._.length > 0) parsed[DIRECTORY_ARGUMENT.name] = String(parsed._[0]);
  return parsed as NewOptions;
}

/** True when one of Yeoman's own options is set: only Yeoman itself knows what it does then. */
export function setsYeomanOption(options: NewOptions): boolean {
  return YEOMAN_OPTIONS.some((option) => options[option.name] === true);
}

/** Prompts may fire only in a terminal, when the user gave no answer at all and not --yes. */
export function mayPrompt(options: NewOptions, stdinIsTTY: boolean): boolean {
  return stdinIsTTY && !options.yes && givesNoAnswer({ directory: options.directory, flags: options, answersFile: options.answers });
}
