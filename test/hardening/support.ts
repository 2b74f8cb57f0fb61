/**
 * What every hardening case needs: the built bin run as a user runs it (a child process, no
 * terminal), and a listing of a folder that shows anything written, changed or lost.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

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

const made: string[] = [];
afterAll(() => {
  for (const dir of made) {
    // A case may have left its folder read-only.
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A fresh temporary folder kept until the file's tests are done (a beforeAll may share one), then removed. */
export function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sockshop-mesh-hardening-'));
  made.push(dir);
  return dir;
}
