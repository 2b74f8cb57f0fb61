/**
 * What every hardening case needs: the built bin run as a user runs it (a child process, no
 * terminal), and a listing of a folder that shows anything written, changed or lost.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = process.cwd();
export const BIN = join(ROOT, 'dist/src/cli/main.js');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The bin, as a user runs it: FORCE_COLOR and NO_COLOR unset unless the case sets them. */
export function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}, input = ''): CliRun {
  const base = { ...process.env };
  delete base.FORCE_COLOR;
  delete base.NO_COLOR;
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...base, ...env }, encoding: 'utf8', input, timeout: 120_000 });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** Every entry under `dir` (hidden ones too) with its type and content hash: equal listings mean nothing was written or lost. */
export function listTree(dir: string): string[] {
  const lines: string[] = [];
  const walk = (path: string, shown: string) => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      const entry = lstatSync(full);
      const relative = shown ? `${shown}/${name}` : name;
      if (entry.isSymbolicLink()) lines.push(`${relative} -> ${readlinkSync(full)}`);
      else if (entry.isDirectory()) {
        lines.push(`${relative}/`);
        walk(full, relative);
      } else lines.push(`${relative} ${createHash('sha256').update(readFileSync(full)).digest('hex').slice(0, 16)} ${(entry.mode & 0o777).toString(8)}`);
    }
  };
  walk(dir, '');
  return lines;
}

/** A stack trace line, which a user error must never show. */
export const STACK_LINE = /^\s+at .+\(?.+:\d+:\d+\)?$/m;

// eslint-disable-next-line no-control-regex
export const COLOUR_CODE = /\u001B\[\d+(;\d+)*m/;
