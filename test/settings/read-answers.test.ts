import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parseAnswers, readAnswersFile, readSavedAnswers } from '../../src/settings/read-answers.js';
import { makeTempDir } from '../helpers/temp.js';

describe('parseAnswers', () => {
  it('reads YAML and JSON with the option names as keys', () => {
    expect(parseAnswers('gitops: flux\ntenant: user7\nuntil: 4\n', 'a.yaml')).toEqual({ gitops: 'flux', tenant: 'user7', until: 4 });
    expect(parseAnswers('{"domain": "apps.x.io"}', 'a.json')).toEqual({ domain: 'apps.x.io' });
  });
  it('unwraps a saved .yo-rc.json', () => {
    expect(parseAnswers('{"generator-sockshop-mesh": {"tenant": "user2"}}', '.yo-rc.json')).toEqual({ tenant: 'user2' });
  });
  it('treats an empty file as no answers', () => expect(parseAnswers('', 'a.yaml')).toEqual({}));
  it('rejects unknown keys with a suggestion', () => {
    expect(() => parseAnswers('domian: x\n', 'a.yaml')).toThrow(/a.yaml: unknown key "domian" \(did you mean "domain"\?\)/);
  });
  it('rejects a list, a scalar and broken YAML with the file name', () => {
    expect(() => parseAnswers('- a\n', 'a.yaml')).toThrow(UserError);
    expect(() => parseAnswers('just text', 'a.yaml')).toThrow(/expected a mapping/);
    expect(() => parseAnswers('a: [\n', 'a.yaml')).toThrow(/a.yaml: not valid YAML/);
    expect(() => parseAnswers('tenant: a\ntenant: b\n', 'a.yaml')).toThrow(/duplicated mapping key/);
  });
});

describe('reading files', () => {
  it('names a missing answers file', () => {
    expect(() => readAnswersFile('/nonexistent/answers.yaml')).toThrow(/cannot read the answers file \/nonexistent\/answers.yaml: ENOENT/);
  });
  it('reads saved answers, ignoring a saved directory, and nothing when there is no file', () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, '.yo-rc.json'), JSON.stringify({ 'generator-sockshop-mesh': { tenant: 'user3', directory: 'elsewhere' } }));
    expect(readSavedAnswers(join(dir, '.yo-rc.json'))).toEqual({ tenant: 'user3' });
    expect(readSavedAnswers(join(dir, 'missing.json'))).toEqual({});
  });
});
