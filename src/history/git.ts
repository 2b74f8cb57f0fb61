/**
 * The git adapter: the only module that runs git. Plain `git` through child_process rather than
 * simple-git: simple-git waits ~50 ms after every command that prints nothing and refuses GIT_*
 * variables, and one fast-import process writes the whole history anyway.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { MissingToolError, UserError } from '../errors.js';
import type { Identity } from './fast-import.js';

const execFileAsync = promisify(execFile);

/** The git processes running now, so an interrupt can stop them before removing what they write. */
const running = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('close', () => running.delete(child));
  return child;
}

function run(file: string, args: readonly string[], options: { cwd: string; maxBuffer: number }): Promise<{ stdout: string; stderr: string }> {
  const promise = execFileAsync(file, args, options);
  track(promise.child);
  return promise;
}

/** Kills every git process this process started that is still running, and waits until they are gone. */
export async function stopGit(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('close', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

export async function runGit(args: readonly string[], cwd: string, input?: string): Promise<string> {
  if (input === undefined) {
    try {
      const { stdout } = await run('git', args, { cwd, maxBuffer: 256 * 1024 * 1024 });
      return stdout;
    } catch (error) {
      throw explainGitError(error, args);
    }
  }
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    track(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', (error) => reject(explainGitError(error, args)));
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`git ${args[0]} failed (exit ${code}): ${stderr.trim()}`));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs git and returns its exit status instead of throwing: for commands whose status is the answer. */
export async function tryGit(args: readonly string[], cwd: string): Promise<GitResult> {
  try {
    const { stdout, stderr } = await run('git', args, { cwd, maxBuffer: 256 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { code?: number | string; stdout?: string; stderr?: string };
    if (typeof failure.code !== 'number') throw explainGitError(error, args);
    return { code: failure.code, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

function explainGitError(error: unknown, args: readonly string[]): Error {
  const failure = error as NodeJS.ErrnoException & { stderr?: string };
  if (failure.code === 'ENOENT') {
    return new MissingToolError('git', 'Install git (https://git-scm.com/downloads, or `apt-get install git`) and run the command again.');
  }
  return new Error(`git ${args.join(' ')} failed: ${(failure.stderr ?? failure.message).trim()}`);
}

const IDENT = /^(.*) <(.*)> (\d+ [+-]\d{4})$/;

async function readIdent(variable: 'GIT_AUTHOR_IDENT' | 'GIT_COMMITTER_IDENT', cwd: string): Promise<Identity> {
  const role = variable === 'GIT_AUTHOR_IDENT' ? 'AUTHOR' : 'COMMITTER';
  const result = await tryGit(['var', variable], cwd);
  if (result.code !== 0) {
    const said = result.stderr.trim().split('\n').at(-1) ?? '';
    const date = /invalid date format: (.*)$/.exec(said);
    if (date) {
      throw new UserError(
        `GIT_${role}_DATE ${JSON.stringify(process.env[`GIT_${role}_DATE`] ?? date[1])} is not a date git understands (${said.replace(/^fatal: /, '')}); nothing was written.`,
        `Give a date git reads, e.g. GIT_${role}_DATE="2026-05-01T09:00:00+02:00" or "@1777618800 +0200", or unset it to use the current time.`,
      );
    }
    throw new UserError(
      'git does not know who you are, so it cannot write the stage commits.',
      'Set your identity once and run the command again:\n  git config --global user.name "Your Name"\n  git config --global user.email you@example.com\n(or set GIT_AUTHOR_NAME, GIT_AUTHOR_EMAIL, GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL for this run).',
    );
  }
  const line = result.stdout.trim();
  const match = IDENT.exec(line);
  if (!match) throw new Error(`unexpected output of git var ${variable}: ${line}`);
  return { name: match[1], email: match[2], when: match[3] };
}

/**
 * The user's git identity, as git itself resolves it (config, then GIT_AUTHOR_* for the author and
 * GIT_COMMITTER_* for the committer and tagger, dates included): the author, carrying the committer.
 */
export async function readIdentity(cwd: string): Promise<Identity> {
  const author = await readIdent('GIT_AUTHOR_IDENT', cwd);
  const committer = await readIdent('GIT_COMMITTER_IDENT', cwd);
  return { ...author, committer };
}
