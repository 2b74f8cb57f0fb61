import { describe, expect, it } from 'vitest';
import { formatCommandHelp, parseCommand, type CommandSpec } from '../../src/cli/parse-command.js';
import { UserError } from '../../src/errors.js';

const spec: CommandSpec = {
  name: 'publish',
  positionals: ['[stage]'],
  optionalPositionals: 1,
  options: [
    { name: 'remote', type: 'string', value: '<url>', description: 'where' },
    { name: 'skip-tags', type: 'boolean', description: 'no tags' },
    { name: 'output', type: 'string', choices: ['text', 'json'], description: 'format' },
  ],
};

describe('parseCommand', () => {
  it('reads options, --dir and positionals', () => {
    expect(parseCommand(spec, ['4', '--remote', 'git@h:o/r.git', '--skip-tags', '--dir=ws'])).toEqual({
      values: { remote: 'git@h:o/r.git', 'skip-tags': true, dir: 'ws' },
      positionals: ['4'],
    });
  });

  it('refuses an unknown option with the nearest real one', () => {
    expect(() => parseCommand(spec, ['--remtoe', 'x'])).toThrow(/unknown option --remtoe \(did you mean --remote\?\)/);
    expect(() => parseCommand(spec, ['--remtoe', 'x'])).toThrow(UserError);
  });

  it('points a --no-x habit to the skip-x option', () => {
    expect(() => parseCommand(spec, ['--no-tags'])).toThrow(/unknown option --no-tags \(did you mean --skip-tags\?\)/);
  });

  it('refuses a value outside the choices, a missing value and extra arguments', () => {
    expect(() => parseCommand(spec, ['--output', 'jsn'])).toThrow(/--output "jsn": must be one of text, json \(did you mean json\?\)/);
    expect(() => parseCommand(spec, ['--remote'])).toThrow(UserError);
    expect(() => parseCommand(spec, ['1', '2'])).toThrow(/too many arguments: "2"/);
    expect(() => parseCommand({ ...spec, positionals: ['<from>', '<to>'], optionalPositionals: 0 }, ['1'])).toThrow(/missing <to>/);
  });

  it('lists every option, --dir and --help in the help text', () => {
    const help = formatCommandHelp({ spec, summary: 'Pushes.', description: [], examples: ['sockshop-mesh publish'] });
    for (const flag of ['--remote <url>', '--skip-tags', '--output', 'text|json', '--dir <dir>', '-h, --help']) expect(help).toContain(flag);
  });
});
