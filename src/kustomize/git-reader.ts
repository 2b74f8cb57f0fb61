/**
 * A repository as it stands at a tag, branch or commit, read into memory with two git processes
 * whatever its size: one `git ls-tree -r -z` lists every file, one `git cat-file --batch` prints
 * them all. Symlinks inside the tree are followed; a symlink that leads outside it is refused.
 *
 * git runs here rather than through src/history/git.ts because `cat-file --batch` counts bytes:
 * its output has to stay a Buffer, and that adapter returns decoded strings.
 */
import { spawn } from 'node:child_process';
import { posix } from 'node:path';
import { MissingToolError, UserError } from '../errors.js';
import { KustomizationError } from './errors.js';
import { resolveRepoPath, type RepoReader } from './repo-reader.js';

export interface GitRevisionReader extends RepoReader {
  readonly revision: string;
  list(dir: string): string[];
}

interface TreeEntry {
  mode: string;
  sha: string;
  path: string;
}

function runGitBytes(args: readonly string[], cwd: string, input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new MissingToolError('git', 'Install git (https://git-scm.com/downloads, or `apt-get install git`).') : error),
    );
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`git ${args[0]} failed (exit ${code}): ${stderr.trim()}`))));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

function parseTree(listing: Buffer): TreeEntry[] {
  return listing
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .flatMap((record) => {
      const match = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(record);
      return match && match[2] === 'blob' ? [{ mode: match[1], sha: match[3], path: match[4] }] : [];
    });
}

/** Splits `cat-file --batch` output (`<sha> <type> <size>\n<bytes>\n` per object) by sha. */
function parseBatch(output: Buffer): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  let offset = 0;
  while (offset < output.length) {
    const end = output.indexOf(0x0a, offset);
    const header = output.subarray(offset, end).toString('utf8').split(' ');
    if (header.length !== 3) throw new Error(`unexpected git cat-file output: ${header.join(' ')}`);
    const size = Number(header[2]);
    blobs.set(header[0], output.subarray(end + 1, end + 1 + size));
    offset = end + 1 + size + 1;
  }
  return blobs;
}

/** Reads every file of `revision` in the repository at `repoDir`. */
export async function readGitRevision(repoDir: string, revision: string): Promise<GitRevisionReader> {
  if (revision.startsWith('-') || revision.trim() === '') throw new UserError(`not a git revision: ${JSON.stringify(revision)}`);
  let listing: Buffer;
  try {
    listing = await runGitBytes(['ls-tree', '-r', '-z', '--full-tree', `${revision}^{tree}`], repoDir);
  } catch (error) {
    if (error instanceof MissingToolError) throw error;
    throw new UserError(`cannot read revision ${JSON.stringify(revision)} of ${repoDir}: ${(error as Error).message}`, 'List the tags with `git tag --list` and the branches with `git branch --list`.');
  }
  const entries = parseTree(listing);
  const shas = [...new Set(entries.map((entry) => entry.sha))];
  const blobs = shas.length > 0 ? parseBatch(await runGitBytes(['cat-file', '--batch'], repoDir, `${shas.join('\n')}\n`)) : new Map<string, Buffer>();

  const files = new Map<string, string>();
  const links = new Map<string, string>();
  const dirs = new Map<string, Set<string>>([['', new Set()]]);
  for (const { mode, sha, path } of entries) {
    const text = blobs.get(sha)?.toString('utf8') ?? '';
    (mode === '120000' ? links : files).set(path, text);
    let child = path;
    for (let parent = posix.dirname(path); ; parent = posix.dirname(parent)) {
      const key = parent === '.' ? '' : parent;
      if (!dirs.has(key)) dirs.set(key, new Set());
      dirs.get(key)!.add(posix.basename(child));
      if (key === '') break;
      child = parent;
    }
  }

  /** The path with every symlink in it replaced by its target, staying inside the tree. */
  const follow = (path: string): string => {
    let current = resolveRepoPath('', path);
    for (let hops = 0; hops < 40; hops += 1) {
      const parts = current.split('/');
      const index = parts.findIndex((_, i) => links.has(parts.slice(0, i + 1).join('/')));
      if (index < 0) return current;
      const link = parts.slice(0, index + 1).join('/');
      const base = posix.dirname(link) === '.' ? '' : posix.dirname(link);
      try {
        current = [resolveRepoPath(base, links.get(link)!), ...parts.slice(index + 1)].filter(Boolean).join('/');
      } catch {
        throw new KustomizationError(link, undefined, `is a symlink to a place outside the repository root (at ${revision})`);
      }
    }
    throw new KustomizationError(path, undefined, `too many levels of symlinks (at ${revision})`);
  };

  return {
    revision,
    readFile: (path) => files.get(follow(path)),
    isDir: (path) => dirs.has(follow(path)),
    list: (dir) => [...(dirs.get(follow(dir)) ?? [])].sort(),
  };
}
