/**
 * The target folder: refuse to touch a user's files unless told, build the new repository in a
 * staging folder beside it, and move it into place only when everything has succeeded, so a failed
 * run leaves nothing half-written behind.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
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
  const state = inspectTarget(path);
  const shown = relative(process.cwd(), path) || '.';
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
  if (!existsSync(parent)) {
    let top = parent;
    while (!existsSync(dirname(top))) top = dirname(top);
    createdParent = top;
    mkdirSync(parent, { recursive: true });
  }
  // The pid in the name tells a later run whether the folder's writer is still alive.
  const dir = mkdtempSync(join(parent, `${stagingPrefix(absolute)}${process.pid}-`));
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
