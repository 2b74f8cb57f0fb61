/**
 * Hostile conditions around the process: interrupts while git writes the history, a leftover of a
 * killed run, Ctrl-C at a prompt (in a real pseudo-terminal), git's identity variables, --version,
 * colour, and the Yeoman path's own option checks.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ANSWER_OPTIONS } from '../../src/settings/options.js';
import { VIA_YEOMAN } from '../helpers/yeoman-path.js';
import { BIN, COLOUR_CODE, freshDir, listTree, ROOT, runCli, STACK_LINE } from './support.js';

const stagingOf = (cwd: string) => readdirSync(cwd).filter((name) => name.startsWith('.ws.sockshop-mesh-'));

const RUN = ['new', 'ws', '--skip-validation'];

/**
 * A `git` first on PATH that is the real one, except that `fast-import` reads its stream, says so in
 * a marker file and then waits: the interrupt then lands while git writes the history, every time,
 * however loaded the machine is.
 */
function slowGit(): { path: string; marker: string } {
  const dir = freshDir();
  const marker = join(dir, 'fast-import-started');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(join(dir, 'git'), `#!/bin/sh\nif [ "$1" = fast-import ]; then cat >/dev/null; : > ${JSON.stringify(marker)}; exec sleep 60; fi\nexec ${JSON.stringify(realGit)} "$@"\n`);
  chmodSync(join(dir, 'git'), 0o755);
  return { path: `${dir}:${process.env.PATH}`, marker };
}

/** Starts the bin in its own process group, waits until git is writing the history, then sends `signal`. */
async function interrupt(cwd: string, signal: NodeJS.Signals, toGroup: boolean): Promise<{ code: number | null; stderr: string; seen: string[] }> {
  const git = slowGit();
  const child = spawn(process.execPath, [BIN, ...RUN], { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PATH: git.path } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));
  while (!done && !existsSync(git.marker)) await new Promise((resolve) => setTimeout(resolve, 10));
  const seen = stagingOf(cwd);
  if (!done) process.kill(toGroup ? -child.pid! : child.pid!, signal);
  const code = await exited;
  // What is left of the process group (the stand-in's sleep, after SIGKILL to the bin alone).
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
  return { code, stderr, seen };
}

describe('interrupts while git writes the history', () => {
  for (const [signal, toGroup, code] of [
    ['SIGINT', true, 130],
    ['SIGTERM', true, 143],
    ['SIGTERM', false, 143],
    ['SIGHUP', false, 129],
  ] as const) {
    it(`${signal} to the ${toGroup ? 'process group' : 'process alone'} leaves no staging folder and no target`, async () => {
      const cwd = freshDir();
      const { code: exit, stderr, seen } = await interrupt(cwd, signal, toGroup);
      expect(seen).toHaveLength(1);
      expect(exit, stderr).toBe(code);
      expect(stderr).toContain(`interrupted (${signal}); removed the unfinished ${seen[0]}, nothing was written to ws.`);
      expect(stderr).not.toMatch(STACK_LINE);
      expect(readdirSync(cwd)).toEqual([]);
    });
  }

  it('a leftover of a killed run (SIGKILL: no cleanup possible) is removed and reported by the next run', async () => {
    const cwd = freshDir();
    const { seen } = await interrupt(cwd, 'SIGKILL', true);
    expect(stagingOf(cwd)).toEqual(seen);
    const next = runCli(['new', 'ws', '--until', '0', '--skip-validation'], cwd);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toContain(`removed ${seen[0]}, the unfinished repository of an earlier run that was killed`);
    expect(stagingOf(cwd)).toEqual([]);
    expect(readdirSync(cwd)).toEqual(['ws']);
  });

  it('a staging folder whose writer is still running is left alone, and said so', () => {
    const cwd = freshDir();
    // This test's own process is alive: its pid in the name marks the folder as in use.
    const busy = `.ws.sockshop-mesh-${process.pid}-abcDEF`;
    mkdirSync(join(cwd, busy));
    const next = runCli(['new', 'ws', '--until', '0', '--skip-validation'], cwd);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toContain(`left ${busy} alone: process ${process.pid} is still writing it`);
    expect(readdirSync(cwd).sort()).toEqual([busy, 'ws']);
  });
});

describe('Ctrl-C at a prompt', () => {
  it('exits 130 with one line, no stack, nothing written (in a pseudo-terminal)', async () => {
    const cwd = freshDir();
    // script(1) gives the bin a terminal, so the prompts run; Ctrl-C is sent once the first question shows.
    const child = spawn('script', ['-qfec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} new`, '/dev/null'], { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, TERM: 'xterm' } });
    let output = '';
    const question = ANSWER_OPTIONS[0].question;
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      if (sent || !output.includes(question)) return;
      sent = true;
      // The question is drawn; the key arrives once the prompt has finished drawing and reads keys.
      setTimeout(() => child.stdin.write('\u0003'), 1000);
    });
    const code = await exited;
    expect(output).toContain(question);
    expect(code, output).toBe(130);
    expect(output).toContain('cancelled at the prompt (Ctrl-C); nothing was written.');
    expect(output).not.toMatch(STACK_LINE);
    expect(output).not.toContain('deprecated');
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('git identity as git reads it', () => {
  it('takes the author from GIT_AUTHOR_* and the committer and tagger from GIT_COMMITTER_*', () => {
    const cwd = freshDir();
    const run = runCli(['new', 'ws', '--until', '1', '--skip-validation'], cwd, {
      GIT_AUTHOR_NAME: 'Ada Author',
      GIT_AUTHOR_EMAIL: 'ada@example.invalid',
      GIT_AUTHOR_DATE: '2026-05-01T09:00:00+02:00',
      GIT_COMMITTER_NAME: 'Cy Committer',
      GIT_COMMITTER_EMAIL: 'cy@example.invalid',
      GIT_COMMITTER_DATE: '@1777000000 +0000',
    });
    expect(run.code, run.stderr).toBe(0);
    const repo = join(cwd, 'ws');
    const log = execFileSync('git', ['log', '--format=%an <%ae> %aI|%cn <%ce> %ct', 'main'], { cwd: repo, encoding: 'utf8' }).trim().split('\n');
    expect(log).toEqual(Array(2).fill('Ada Author <ada@example.invalid> 2026-05-01T09:00:00+02:00|Cy Committer <cy@example.invalid> 1777000000'));
    const taggers = execFileSync('git', ['for-each-ref', '--format=%(taggername) %(taggeremail)', 'refs/tags'], { cwd: repo, encoding: 'utf8' }).trim().split('\n');
    expect(taggers).toEqual(Array(2).fill('Cy Committer <cy@example.invalid>'));
  });
});

describe('a CLI like any other', () => {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  for (const flag of ['--version', '-V']) {
    it(`${flag} prints the package version`, () => {
      const run = runCli([flag], freshDir());
      expect(run).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    });
  }

  const colourCases: { name: string; env: NodeJS.ProcessEnv; coloured: boolean }[] = [
    { name: 'no colour codes when stdout is not a terminal, even in a colour terminal', env: { TERM: 'xterm-256color', COLORTERM: 'truecolor' }, coloured: false },
    { name: 'no colour codes with NO_COLOR', env: { TERM: 'xterm-256color', NO_COLOR: '1' }, coloured: false },
    { name: 'colour codes with FORCE_COLOR=1', env: { TERM: 'xterm-256color', FORCE_COLOR: '1' }, coloured: true },
    { name: 'FORCE_COLOR wins over NO_COLOR', env: { TERM: 'xterm-256color', NO_COLOR: '1', FORCE_COLOR: '1' }, coloured: true },
  ];
  for (const { name, env, coloured } of colourCases) {
    it(name, () => {
      const cwd = freshDir();
      const run = runCli(['new', 'ws', '--until', '0', '--skip-validation'], cwd, env);
      expect(run.code, run.stderr).toBe(0);
      expect(COLOUR_CODE.test(run.stderr + run.stdout)).toBe(coloured);
      const failed = runCli(['new', 'ws', '--until', '0'], cwd, env);
      expect(failed.code).toBe(2);
      // Our own error lines are plain text (Yeoman's red "An error occured" line is gone on both paths):
      // when colour is off, nothing else may bring codes in.
      if (!coloured) expect(COLOUR_CODE.test(failed.stderr + failed.stdout)).toBe(false);
      expect(failed.stderr).toMatch(/^sockshop-mesh: /m);
    });
  }
});

describe('the Yeoman path checks options as the bin does', () => {
  // The generator through yeoman-environment, as `yo sockshop-mesh` and the prompting path run it.
  const cases = [
    { args: ['ws', '--domian', 'apps.x.example.com'], says: 'unknown option --domian (did you mean --domain?)' },
    { args: ['ws', '--tenant'], says: '--tenant needs a value' },
    { args: ['ws', '--answers', '--yes'], says: '--answers needs a value' },
  ];
  it('refuses an unknown option that `yo` hands over as an option object ({ domian: ... }), and accepts the known ones', () => {
    // The yo CLI parses the command line itself and passes the flags to env.run as options.
    const asYo = (options: Record<string, unknown>) => `
const { createEnv } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'node_modules/yeoman-environment/dist/index.js')).href)});
const env = createEnv({ skipInstall: true });
env.register(${JSON.stringify(join(ROOT, 'dist/generators/app/index.js'))}, { namespace: 'sockshop-mesh:app' });
try {
  await env.run(['sockshop-mesh:app', 'ws'], ${JSON.stringify({ skipInstall: true, ...options })});
} catch (error) {
  process.stderr.write('sockshop-mesh: ' + error.message + '\\n');
  process.exitCode = 2;
}`;
    const cwd = freshDir();
    const bad = spawnSync(process.execPath, ['--input-type=module', '-e', asYo({ domian: 'apps.x.example.com', until: '0' })], { cwd, encoding: 'utf8' });
    expect(bad.status, bad.stderr).toBe(2);
    expect(bad.stderr).toContain('unknown option --domian (did you mean --domain?)');
    const misspeltFlag = spawnSync(process.execPath, ['--input-type=module', '-e', asYo({ moveAsid: true, until: '0' })], { cwd, encoding: 'utf8' });
    expect(misspeltFlag.status, misspeltFlag.stderr).toBe(2);
    expect(misspeltFlag.stderr).toContain('unknown option --move-asid (did you mean --move-aside?)');
    expect(listTree(cwd)).toEqual([]);
    const good = spawnSync(process.execPath, ['--input-type=module', '-e', asYo({ until: '0', skipValidation: true, gitops: 'flux' })], { cwd, encoding: 'utf8' });
    expect(good.status, good.stderr).toBe(0);
    expect(existsSync(join(cwd, 'ws', 'bootstrap', 'flux'))).toBe(true);
  });

  for (const { args, says } of cases) {
    it(`refuses ${args.slice(1).join(' ')}`, () => {
      const cwd = freshDir();
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', VIA_YEOMAN, '--', ...args], { cwd, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toContain(says);
      expect(run.stderr).not.toMatch(STACK_LINE);
      expect(listTree(cwd)).toEqual([]);
      expect(existsSync(join(cwd, 'ws'))).toBe(false);
    });
  }
});
