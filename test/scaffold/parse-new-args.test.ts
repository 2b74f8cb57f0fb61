import { describe, expect, it } from 'vitest';
import { GENERATOR_OPTIONS, mayPrompt, parseNewArgs, setsYeomanOption } from '../../src/scaffold/parse-new-args.js';
import { ANSWER_OPTIONS, FLAG_OPTIONS } from '../../src/settings/options.js';

describe('parseNewArgs (as yeoman-generator parses the generator options)', () => {
  it('declares every answer and every flag but help', () => {
    expect(GENERATOR_OPTIONS.map((option) => option.name)).toEqual([...ANSWER_OPTIONS.map((option) => option.name), ...FLAG_OPTIONS.filter((flag) => flag.name !== 'help').map((flag) => flag.name)]);
  });

  it('keeps strings as strings and leaves booleans that were not given out', () => {
    const options = parseNewArgs(['ws', '--until', '4', '--tenant=']);
    expect(options).toMatchObject({ directory: 'ws', until: '4', tenant: '' });
    expect('review' in options).toBe(false);
    expect('yes' in options).toBe(false);
  });

  it('reads a boolean followed by false, an alias and a numeric folder as minimist does', () => {
    expect(parseNewArgs(['007', '--review', 'false', '-y'])).toMatchObject({ directory: '7', review: false, yes: true });
  });

  it('joins a repeated string option, as String() of a list', () => {
    expect(parseNewArgs(['--tenant', 'a', '--tenant', 'b']).tenant).toBe('a,b');
  });

  it('notices Yeoman\'s own options', () => {
    expect(setsYeomanOption(parseNewArgs(['-yh']))).toBe(true);
    expect(setsYeomanOption(parseNewArgs(['--yes']))).toBe(false);
  });
});

describe('mayPrompt', () => {
  it('only in a terminal, with no answer at all and no --yes', () => {
    expect(mayPrompt(parseNewArgs([]), true)).toBe(true);
    expect(mayPrompt(parseNewArgs([]), false)).toBe(false);
    expect(mayPrompt(parseNewArgs(['ws']), true)).toBe(false);
    expect(mayPrompt(parseNewArgs(['--gitops', 'flux']), true)).toBe(false);
    expect(mayPrompt(parseNewArgs(['--answers', 'a.yaml']), true)).toBe(false);
    expect(mayPrompt(parseNewArgs(['-y']), true)).toBe(false);
    expect(mayPrompt(parseNewArgs(['--move-aside']), true)).toBe(true);
  });
});
