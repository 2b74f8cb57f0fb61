/**
 * Where the renderer reads a repository from: a folder on disk or a git revision. Paths are
 * repository-relative with `/` separators (`stages/04-sidecar-injection/apps/kustomization.yaml`);
 * the repository root itself is `''`. No path may leave the root.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, posix, relative, sep } from 'node:path';
import { KustomizationError } from './errors.js';

export interface RepoReader {
  /** The text of a file, or undefined when there is no such file. */
  readFile(path: string): string | undefined;
  isDir(path: string): boolean;
  /** The names of a folder's entries (files and folders), when the reader can list. */
  list?(dir: string): string[];
}

/** A reader of a folder on disk, which knows that folder (so a real kustomize can build it too). */
export interface WorkingTreeReader extends RepoReader {
  readonly root: string;
  list(dir: string): string[];
}

/**
 * `base` joined with `path`, normalised; refuses absolute paths and `..` beyond the root.
 * `context` names the file that asked, for the error.
 */
export function resolveRepoPath(base: string, path: string, context?: string): string {
  if (posix.isAbsolute(path) || isAbsolute(path) || /^[a-zA-Z]:[\\/]/.test(path)) {
    throw new KustomizationError(context ?? path, undefined, `absolute path ${JSON.stringify(path)} is not allowed: paths must be relative to the repository`);
  }
  const joined = posix.normalize(posix.join(base || '.', path));
  if (joined === '..' || joined.startsWith('../')) {
    throw new KustomizationError(context ?? path, undefined, `path ${JSON.stringify(path)} leaves the repository root`);
  }
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}

/**
 * Reads a folder on disk; refuses paths and symlinks that lead outside it. A reader serves one
 * command: it remembers where each path leads and what kind of entry it is (a class's hundreds of
 * folders ask for the same shared files again and again) and each file's text, so changes made
 * to the folder after a path was first read are not seen.
 */
export function createWorkingTreeReader(root: string): WorkingTreeReader {
  const realRoot = realpathSync(root);
  const seen = new Map<string, { real: string; file: boolean; dir: boolean } | undefined>();
  const texts = new Map<string, string>();
  const locate = (path: string): { real: string; file: boolean; dir: boolean } | undefined => {
    const full = join(realRoot, resolveRepoPath('', path));
    if (seen.has(full)) return seen.get(full);
    if (!existsSync(full)) {
      seen.set(full, undefined);
      return undefined;
    }
    const real = realpathSync(full);
    const inside = relative(realRoot, real);
    if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
      throw new KustomizationError(path, undefined, 'is a symlink to a place outside the repository root');
    }
    const stats = statSync(real);
    const entry = { real, file: stats.isFile(), dir: stats.isDirectory() };
    seen.set(full, entry);
    return entry;
  };
  return {
    root: realRoot,
    readFile(path) {
      const entry = locate(path);
      if (!entry?.file) return undefined;
      let text = texts.get(entry.real);
      if (text === undefined) texts.set(entry.real, (text = readFileSync(entry.real, 'utf8')));
      return text;
    },
    isDir(path) {
      return locate(path)?.dir ?? false;
    },
    list(dir) {
      const entry = locate(dir);
      return entry?.dir ? readdirSync(entry.real).sort() : [];
    },
  };
}
