/**
 * `sockshop-mesh new` has two paths: through yeoman-environment (when a prompt may fire) and direct
 * (src/scaffold, when none can). Both must print the same lines, fail the same way with the same
 * exit code, and write the same repository; the direct path must never load Yeoman.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git } from '../helpers/git.js';
import { VIA_YEOMAN } from '../helpers/yeoman-path.js';
import { makeTempDir } from '../helpers/temp.js';

const ROOT = process.cwd();
const BIN = join(ROOT, 'dist/src/cli/main.js');
const DENY_YEOMAN = join(ROOT, 'test/fixtures/deny-yeoman.mjs');
type Path = 'direct' | 'yeoman';
interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Every ref with its commit's tree, the work tree's state and the folder listing: the repository as written. */
  repository: string;
}

function describeRepository(cwd: string): string {
  const listing = readdirSync(cwd).sort();
  const repos = listing.filter((name) => existsSync(join(cwd, name, '.git')));
  return [
    listing.join(' '),
    ...repos.map((name) => {
      const refs = git(join(cwd, name), 'for-each-ref', '--format=%(refname) %(tree)%(*tree)');
      return `${name}\n${refs}${git(join(cwd, name), 'status', '--porcelain')}${git(join(cwd, name), 'log', '--all', '--format=%T %s')}`;
    }),
  ].join('\n');
}

function runNew(path: Path, args: string[], prepare?: (cwd: string) => void, env: NodeJS.ProcessEnv = {}): Run {
  const cwd = makeTempDir();
  prepare?.(cwd);
  const argv = path === 'direct' ? [BIN, 'new', ...args] : ['--input-type=module', '-e', VIA_YEOMAN, '--', ...args];
  const result = spawnSync(process.execPath, argv, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  // A bug's stack names the frames of its own path; everything else must match to the byte.
  const clean = (text: string) => text.replaceAll(cwd, '<cwd>').replace(/^ +at .*\n/gm, '');
  return { code: result.status, stdout: clean(result.stdout), stderr: clean(result.stderr), repository: describeRepository(cwd) };
}

const writeAnswers = (cwd: string) => writeFileSync(join(cwd, 'answers.yaml'), 'gitops: flux\ntenant: user9\nuntil: 3\n');
const makeNotEmpty = (cwd: string) => {
  mkdirSync(join(cwd, 'ws'));
  writeFileSync(join(cwd, 'ws', 'notes.txt'), 'mine\n');
};

const CASES: { name: string; args: string[]; prepare?: (cwd: string) => void; env?: NodeJS.ProcessEnv; shows?: string }[] = [
  { name: 'both engines', args: ['ws', '--gitops', 'both'] },
  { name: 'review form up to a stage number', args: ['ws', '--until', '4', '--review'] },
  { name: 'every default, no folder', args: ['--yes', '--until', '1'] },
  { name: 'empty tenant, boolean given a value, follow mode', args: ['ws', '--tenant=', '--review', 'false', '--mode', 'follow', '--until', '2'] },
  { name: 'a numeric folder name, repeated option, grouped short flags', args: ['007', '-yh', '--tenant', 'a', '--tenant', 'b'] },
  { name: 'answers file', args: ['ws', '--answers', 'answers.yaml', '--skip-validation'], prepare: writeAnswers },
  { name: 'missing answers file (fails while initializing)', args: ['ws', '--answers', 'missing.yaml'] },
  { name: 'bad values (fail while configuring)', args: ['ws', '--tenant', 'User 1', '--until', 'sidecar', '--gitops='] },
  { name: 'a non-empty target (fails while writing)', args: ['ws', '--until', '0'], prepare: makeNotEmpty },
  { name: 'a non-empty target moved aside', args: ['ws', '--until', '0', '--move-aside'], prepare: makeNotEmpty },
  { name: 'a class on upstream Istio, in English', args: ['ws', '--flavor', 'istio', '--tenants', 'alice,bob', '--lang', 'en', '--until', '1'] },
  { name: 'an unknown flavor and language, a class with a duplicate (fail while configuring)', args: ['ws', '--flavor', 'kuma', '--lang', 'fr', '--tenants', 'a,a'] },
  { name: 'colours forced', args: ['ws', '--until', '0'], env: { FORCE_COLOR: '1' }, shows: '\u001B[90m     info\u001B[39m planned 1 stages' },
  { name: 'colours off, Linux console', args: ['ws', '--until', '0'], env: { FORCE_COLOR: '0', TERM: 'linux' }, shows: '\n√ created <cwd>/ws' },
];

describe('sockshop-mesh new: the direct path and the Yeoman path', () => {
  for (const { name, args, prepare, env, shows } of CASES) {
    it(`behave alike: ${name} (${args.join(' ')})`, () => {
      const direct = runNew('direct', args, prepare, env);
      const yeoman = runNew('yeoman', args, prepare, env);
      expect(direct).toEqual(yeoman);
      // A failure is named once, by us: no third-party line about the step that failed comes first.
      expect(direct.stderr).not.toContain('An error occured');
      if (direct.code !== 0) expect(direct.stderr.startsWith('sockshop-mesh: '), direct.stderr).toBe(true);
      if (shows) expect(direct.stderr).toContain(shows);
    });
  }

  it('never loads Yeoman on the direct path (and the check does catch the Yeoman path)', () => {
    const cwd = makeTempDir();
    const direct = spawnSync(process.execPath, ['--import', DENY_YEOMAN, BIN, 'new', 'ws', '--until', '1'], { cwd, encoding: 'utf8' });
    expect(direct.stderr).not.toContain('deny-yeoman');
    expect(direct.status).toBe(0);
    expect(git(join(cwd, 'ws'), 'rev-list', '--count', 'main').trim()).toBe('2');

    const yeoman = spawnSync(process.execPath, ['--import', DENY_YEOMAN, '--input-type=module', '-e', VIA_YEOMAN, '--', 'other', '--until', '1'], { cwd, encoding: 'utf8' });
    expect(yeoman.status).not.toBe(0);
    expect(yeoman.stderr).toContain('deny-yeoman: imported yeoman-environment');
  });
});
