/** The project README is the user's first reference: it must know every flavor, stage, language and option the code has. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLAVORS } from '../src/flavors/registry.js';
import { LANGUAGES } from '../src/languages/registry.js';
import { formatStageId } from '../src/layout/layout.js';
import { ANSWER_OPTIONS, FLAG_OPTIONS } from '../src/settings/options.js';

const README = readFileSync(resolve(import.meta.dirname, '..', 'README.md'), 'utf8');

describe('README.md', () => {
  it('names every flavor, says which one is end of life, and lists every stage id of every flavor', () => {
    for (const flavor of FLAVORS) {
      expect(README).toContain(`\`${flavor.id}\``);
      for (const stage of flavor.stages) expect(README, `${flavor.id} ${formatStageId(stage)}`).toContain(`\`${formatStageId(stage)}\``);
      if (flavor.facts.endOfLife) expect(README).toMatch(new RegExp(`\`${flavor.id}\`[^\\n]*end of life`, 'i'));
    }
  });
  it('documents every option and every language', () => {
    for (const option of [...ANSWER_OPTIONS, ...FLAG_OPTIONS]) expect(README, option.name).toContain(`\`--${option.name}`);
    for (const language of LANGUAGES) expect(README).toContain(`\`${language.id}\``);
  });
  it('keeps the two commands: scaffold with defaults and run the tests', () => {
    expect(README).toContain('npm ci && npm run scaffold');
    expect(README).toContain('npm test');
  });
});
