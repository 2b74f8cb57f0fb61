/**
 * The git adapter: the only module that runs git. Plain `git` through child_process rather than
 * simple-git: simple-git waits ~50 ms after every command that prints nothing and refuses GIT_*
 * variables, and one fast-import process writes the whole history anyway.
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { MissingToolError, UserError } from '../errors.js';
import type { Identity } from './fast-import.js';

const run = promisify(execFile);

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

/** The user's git identity, as git itself resolves it (config, GIT_AUTHOR_* / GIT_COMMITTER_* variables). */
export async function readIdentity(cwd: string): Promise<Identity> {
  let line: string;
  try {
    line = (await runGit(['var', 'GIT_COMMITTER_IDENT'], cwd)).trim();
  } catch (error) {
    if (error instanceof MissingToolError) throw error;
    throw new UserError(
      'git does not know who you are, so it cannot write the stage commits.',
      'Set your identity once and run the command again:\n  git config --global user.name "Your Name"\n  git config --global user.email you@example.com\n(or set GIT_AUTHOR_NAME, GIT_AUTHOR_EMAIL, GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL for this run).',
    );
  }
  const match = IDENT.exec(line);
  if (!match) throw new Error(`unexpected output of git var GIT_COMMITTER_IDENT: ${line}`);
  return { name: match[1], email: match[2], when: match[3] };
}
