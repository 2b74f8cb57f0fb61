import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { ALL_OPTION_NAMES } from '../../src/settings/options.js';
import { checkFlags, findUnknownFlags } from '../../src/settings/parse-flags.js';

describe('findUnknownFlags', () => {
  it('passes known flags, values and positional arguments', () => {
    expect(findUnknownFlags(['dir', '--domain', 'a.b', '--tenant=x', '--yes', '-y', '-h'], [...ALL_OPTION_NAMES, 'y', 'h'])).toEqual([]);
  });
  it('names a typo and the nearest real option', () => {
    expect(findUnknownFlags(['--domian', 'x'], ALL_OPTION_NAMES)).toEqual([{ flag: '--domian', suggestion: 'domain' }]);
    expect(findUnknownFlags(['--gitpos=flux'], ALL_OPTION_NAMES)).toEqual([{ flag: '--gitpos', suggestion: 'gitops' }]);
  });
  it('ignores what follows --', () => expect(findUnknownFlags(['--', '--whatever'], ALL_OPTION_NAMES)).toEqual([]));
});

describe('checkFlags', () => {
  it('throws a user error listing every unknown flag', () => {
    expect(() => checkFlags(['--domian', 'x', '--tennant', 'y'], ALL_OPTION_NAMES)).toThrow(UserError);
    expect(() => checkFlags(['--domian', 'x', '--tennant', 'y'], ALL_OPTION_NAMES)).toThrow(/--domian \(did you mean --domain\?\)\nunknown option --tennant \(did you mean --tenant\?\)/);
  });
});
