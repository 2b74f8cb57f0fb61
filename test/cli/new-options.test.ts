/**
 * `--flavor`, `--lang` and `--tenants` through the built bin, as a user types them (`npm test` builds
 * first): what each writes and saves in `.yo-rc.json`, what an answers file may say, what `--help`
 * lists, and every refusal (test/helpers/new-options.ts, the same table the generator's tests use).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FLAVOR, FLAVORS, getFlavor } from '../../src/flavors/registry.js';
import { loadMessages } from '../../src/docs/messages.js';
import { LANGUAGES } from '../../src/languages/registry.js';
import { formatStageId, formatTag } from '../../src/layout/layout.js';
import { git } from '../helpers/git.js';
import { REFUSALS, toArgs } from '../helpers/new-options.js';
import { makeTempDir } from '../helpers/temp.js';

const BIN = join(process.cwd(), 'dist/src/cli/main.js');

function cli(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const saved = (repo: string) => JSON.parse(readFileSync(join(repo, '.yo-rc.json'), 'utf8'))['generator-sockshop-mesh'];
const tags = (repo: string) => git(repo, 'tag').trim().split('\n').sort();

describe('sockshop-mesh new --flavor', () => {
  it(`defaults to ${DEFAULT_FLAVOR} and saves it`, () => {
    const cwd = makeTempDir();
    expect(cli(cwd, 'new', 'ws', '--until', '1').code).toBe(0);
    expect(saved(join(cwd, 'ws'))).toMatchObject({ flavor: 'ossm3' });
    expect(DEFAULT_FLAVOR).toBe('ossm3');
  });

  for (const flavor of FLAVORS) {
    it(`--flavor ${flavor.id} writes that flavor's stages and saves the flavor`, () => {
      const cwd = makeTempDir();
      const { code, stderr } = cli(cwd, 'new', 'ws', '--flavor', flavor.id, '--until', '1');
      expect(code, stderr).toBe(0);
      const repo = join(cwd, 'ws');
      expect(saved(repo)).toMatchObject({ flavor: flavor.id, until: formatStageId(flavor.stages[1]) });
      for (const unused of flavor.unusedAnswers) expect(saved(repo)).not.toHaveProperty(unused);
      expect(tags(repo)).toEqual(flavor.stages.slice(0, 2).map(formatTag).sort());
      expect(readdirSync(join(repo, 'stages')).sort()).toEqual(flavor.stages.slice(0, 2).map(formatStageId));
    });
  }

  it('`new --help` lists every flavor with one line each, the legacy one marked end of life', () => {
    const { code, stdout } = cli(process.cwd(), 'new', '--help');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    for (const flavor of FLAVORS) {
      const line = lines.filter((text) => new RegExp(`^\\s+${flavor.id}\\s{2,}`).test(text));
      expect(line, flavor.id).toHaveLength(1);
      expect(line[0]).toContain(flavor.summary);
      if (flavor.id === DEFAULT_FLAVOR) expect(line[0]).toContain('the default');
    }
    const legacy = FLAVORS.filter((flavor) => flavor.facts.endOfLife);
    expect(legacy.map((flavor) => flavor.id)).toEqual(['ossm2']);
    for (const flavor of legacy) expect(lines.find((text) => new RegExp(`^\\s+${flavor.id}\\s{2,}`).test(text))).toContain('end of life');
  });
});

describe('sockshop-mesh new --lang', () => {
  it('--lang saves the language and writes the history in it, for every language; --help lists every language of the registry', () => {
    for (const language of LANGUAGES) {
      const cwd = makeTempDir();
      const { code, stderr } = cli(cwd, 'new', 'ws', '--lang', language.id, '--until', '0');
      expect(code, stderr).toBe(0);
      expect(saved(join(cwd, 'ws'))).toMatchObject({ lang: language.id });
      // The commit subject is the language's own `commit.subject` message (up to its first value).
      const prefix = String((loadMessages(language.id).commit as Record<string, string>).subject).split('{')[0];
      expect(prefix.trim()).not.toBe('');
      expect(git(join(cwd, 'ws'), 'log', '-1', '--format=%s', formatTag(getFlavor(DEFAULT_FLAVOR).stages[0])).startsWith(prefix), language.id).toBe(true);
    }
    const { stdout } = cli(process.cwd(), 'new', '--help');
    for (const language of LANGUAGES) expect(stdout).toMatch(new RegExp(`^\\s+${language.id}\\s{2,}${language.summary.replace(/[()]/g, '\\$&')}$`, 'm'));
  });
});

describe('sockshop-mesh new --tenants', () => {
  it('--tenants N writes a class of user1..userN and saves the names', () => {
    const cwd = makeTempDir();
    const { code, stderr } = cli(cwd, 'new', 'ws', '--tenants', '3', '--until', '0');
    expect(code, stderr).toBe(0);
    const repo = join(cwd, 'ws');
    expect(saved(repo)).toMatchObject({ tenants: ['user1', 'user2', 'user3'] });
    expect(saved(repo)).not.toHaveProperty('tenant');
    expect(readdirSync(join(repo, 'tenants')).sort()).toEqual(['user1', 'user2', 'user3']);
  });

  it('--tenants LIST keeps the names as given', () => {
    const cwd = makeTempDir();
    expect(cli(cwd, 'new', 'ws', '--tenants', 'carol,alice', '--until', '0').code).toBe(0);
    expect(saved(join(cwd, 'ws'))).toMatchObject({ tenants: ['carol', 'alice'] });
    expect(readdirSync(join(cwd, 'ws', 'tenants')).sort()).toEqual(['alice', 'carol']);
  });

  it('reads flavor, lang and tenants from an answers file, the flags winning over it', () => {
    const cwd = makeTempDir();
    writeFileSync(join(cwd, 'answers.yaml'), 'flavor: istio\nlang: en\ntenants: [alice, bob]\nuntil: 0\n');
    expect(cli(cwd, 'new', 'ws', '--answers', 'answers.yaml').code).toBe(0);
    expect(saved(join(cwd, 'ws'))).toMatchObject({ flavor: 'istio', lang: 'en', tenants: ['alice', 'bob'] });
    expect(cli(cwd, 'new', 'ws2', '--answers', 'answers.yaml', '--tenants', '2', '--flavor', 'ossm2').code).toBe(0);
    expect(saved(join(cwd, 'ws2'))).toMatchObject({ flavor: 'ossm2', tenants: ['user1', 'user2'] });
  });
});

describe('sockshop-mesh new refuses', () => {
  for (const refusal of REFUSALS) {
    it(`${refusal.name}, naming the rule and an example, with exit 2, writing nothing`, () => {
      const cwd = makeTempDir();
      const { code, stderr } = cli(cwd, 'new', 'ws', ...toArgs(refusal.answers), '--until', '0');
      expect(code).toBe(2);
      expect(stderr.startsWith(`sockshop-mesh: ${refusal.message}`), stderr).toBe(true);
      expect(stderr).toContain('(for example: ');
      expect(stderr).not.toContain('    at ');
      expect(readdirSync(cwd)).toEqual([]);
    });

    it(`${refusal.name} from an answers file`, () => {
      const cwd = makeTempDir();
      writeFileSync(join(cwd, 'answers.yaml'), Object.entries(refusal.answers).map(([key, value]) => `${key}: ${JSON.stringify(value)}\n`).join(''));
      const { code, stderr } = cli(cwd, 'new', 'ws', '--answers', 'answers.yaml', '--until', '0');
      expect(code).toBe(2);
      expect(stderr.startsWith(`sockshop-mesh: ${refusal.message}`), stderr).toBe(true);
      expect(readdirSync(cwd)).toEqual(['answers.yaml']);
    });
  }
});
