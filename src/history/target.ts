/**
 * The target folder: refuse to touch a user's files unless told, build the new repository in a
 * staging folder beside it, and move it into place only when everything has succeeded, so a failed
 * run leaves nothing half-written behind.
 */
import { accessSync, chmodSync, constants, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { UserError } from '../errors.js';

export type TargetState = 'missing' | 'empty' | 'not-empty' | 'repository' | 'file';

export function inspectTarget(path: string): TargetState {
  if (!existsSync(path)) return 'missing';
  if (!statSync(path).isDirectory()) return 'file';
  const entries = readdirSync(path);
  if (entries.includes('.git')) return 'repository';
  return entries.length === 0 ? 'empty' : 'not-empty';
}

/** Throws a UserError unless the target may be written (with `moveAside`, non-empty folders are moved aside). */
export function checkTarget(path: string, moveAside: boolean): TargetState {
  const shown = relative(process.cwd(), path) || '.';
  // A link would be replaced by the new folder (or, dangling, make the final rename fail): refuse it.
  const link = lstatOrUndefined(path);
  if (link?.isSymbolicLink()) {
    throw new UserError(
      `${shown} is a symbolic link (to ${readlinkSync(path)}); the repository would replace the link, not fill the folder it points to.`,
      `Give the real folder, or a new folder name (e.g. \`sockshop-mesh new ${basename(path)}-2\`). Nothing was written.`,
    );
  }
  // The nearest folder that exists above the target must be a folder we may write in.
  let above = dirname(resolve(path));
  while (!existsSync(above)) above = dirname(above);
  const shownAbove = relative(process.cwd(), above) || '.';
  if (!statSync(above).isDirectory()) {
    throw new UserError(`${shownAbove} is a file, so ${shown} cannot be created inside it. Nothing was written.`, 'Give a folder path whose parents are folders, e.g. `sockshop-mesh new my-workshop`.');
  }
  try {
    accessSync(above, constants.W_OK);
  } catch (error) {
    throw explainFsError(error, `write in the folder ${shownAbove}`);
  }
  const state = inspectTarget(path);
  if (state === 'file') {
    throw new UserError(`${shown} is a file, not a folder.`, 'Give a new folder name as the first argument, e.g. `sockshop-mesh new my-workshop`.');
  }
  if ((state === 'not-empty' || state === 'repository') && !moveAside) {
    const what = state === 'repository' ? 'is already a git repository' : 'is not empty';
    throw new UserError(
      `${shown} ${what}; generating into it could overwrite your files${state === 'repository' ? ' and history' : ''}.`,
      `Choose a new folder (e.g. \`sockshop-mesh new ${basename(path)}-2\`), or add --move-aside to move ${shown} aside to ${basename(findBackupPath(path))} first (nothing is deleted).`,
    );
  }
  return state;
}

function lstatOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** A file-system refusal (read-only or foreign folder, full disk) as a user error naming the folder. */
function explainFsError(error: unknown, what: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    ENOTDIR: 'a part of the path is a file, not a folder',
  };
  if (code === undefined || !(code in reasons)) return error;
  return new UserError(`cannot ${what}: ${reasons[code]} (${code}). Nothing was written.`, 'Choose a folder you can write to (e.g. one under your home folder), or fix its permissions, and run the command again.');
}

export function findBackupPath(path: string): string {
  for (let n = 1; ; n += 1) {
    const candidate = `${path}.bak-${n}`;
    if (!existsSync(candidate)) return candidate;
  }
}

/** The staging folders of `target`: `.<name>.sockshop-mesh-<pid>-XXXXXX` (older runs: no pid). */
function stagingPrefix(absolute: string): string {
  return `.${basename(absolute)}.sockshop-mesh-`;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface Leftover {
  /** The staging folder's path. */
  path: string;
  /** Removed (its run is gone), or kept because the run that writes it is still running. */
  removed: boolean;
  pid?: number;
}

/**
 * Staging folders beside the target left by a run that was killed before it could clean up
 * (SIGKILL, a power cut): removed, unless the process that made one is still running.
 */
export function clearLeftovers(target: string): Leftover[] {
  const absolute = resolve(target);
  const parent = dirname(absolute);
  if (!existsSync(parent)) return [];
  const prefix = stagingPrefix(absolute);
  const leftovers: Leftover[] = [];
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(?:(\d+)-)?[A-Za-z0-9]{6}$/.exec(name.slice(prefix.length));
    const path = join(parent, name);
    if (!match || !statSync(path).isDirectory()) continue;
    const pid = match[1] === undefined ? undefined : Number(match[1]);
    if (pid !== undefined && pid !== process.pid && isRunning(pid)) {
      leftovers.push({ path, removed: false, pid });
      continue;
    }
    rmSync(path, { recursive: true, force: true, maxRetries: 3 });
    leftovers.push({ path, removed: true, ...(pid === undefined ? {} : { pid }) });
  }
  return leftovers;
}

export interface Staging {
  dir: string;
  /** Moves the staging folder to the target; returns where a moved-aside folder went, if any. */
  commit: () => string | undefined;
  /** Removes the staging folder and any parent folders it created. */
  discard: () => void;
}

export function createStaging(target: string): Staging {
  const absolute = resolve(target);
  const parent = dirname(absolute);
  let createdParent: string | undefined;
  const shownParent = relative(process.cwd(), parent) || '.';
  if (!existsSync(parent)) {
    let top = parent;
    while (!existsSync(dirname(top))) top = dirname(top);
    try {
      mkdirSync(parent, { recursive: true });
    } catch (error) {
      throw explainFsError(error, `create the folder ${shownParent}`);
    }
    createdParent = top;
  }
  // The pid in the name tells a later run whether the folder's writer is still alive.
  let dir: string;
  try {
    dir = mkdtempSync(join(parent, `${stagingPrefix(absolute)}${process.pid}-`));
  } catch (error) {
    if (createdParent) rmSync(createdParent, { recursive: true, force: true });
    throw explainFsError(error, `write in the folder ${shownParent}`);
  }
  // mkdtemp makes a private folder; the repository gets the user's usual permissions.
  chmodSync(dir, 0o777 & ~process.umask());
  return {
    dir,
    commit: () => {
      const state = inspectTarget(absolute);
      let backup: string | undefined;
      if (state === 'empty') rmdirSync(absolute);
      else if (state !== 'missing') {
        backup = findBackupPath(absolute);
        renameSync(absolute, backup);
      }
      renameSync(dir, absolute);
      return backup;
    },
    discard: () => {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      if (createdParent) rmSync(createdParent, { recursive: true, force: true });
    },
  };
}
