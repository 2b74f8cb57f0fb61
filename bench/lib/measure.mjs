/**
 * Whole-process measurements: wall time and peak memory of one command, run to completion.
 *
 * Peak memory is the child's `ru_maxrss` as wait4(2) reports it: the resident set of the largest
 * single process in the tree (the command or any of its waited-for descendants), not their sum.
 * Taken by GNU time (`/usr/bin/time -f %M`) when it exists, otherwise by a python3 wrapper reading
 * getrusage(RUSAGE_CHILDREN); without either, memory is reported as n/a.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PYTHON_WRAPPER = [
  'import resource, subprocess, sys, time',
  'start = time.perf_counter()',
  'code = subprocess.call(sys.argv[2:])',
  'wall = time.perf_counter() - start',
  'open(sys.argv[1], "w").write("%f %d" % (wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))',
  'sys.exit(code)',
].join('\n');

function hasCommand(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

/** How peak memory is taken on this machine: `gnu-time`, `python3` or `none`. */
export function detectMemoryProbe() {
  if (existsSync('/usr/bin/time') && hasCommand('/usr/bin/time', ['-f', '%M', 'true'])) return 'gnu-time';
  if (hasCommand('python3', ['-c', 'import resource'])) return 'python3';
  return 'none';
}

export const MEMORY_PROBE = detectMemoryProbe();
const scratch = mkdtempSync(join(tmpdir(), 'sockshop-bench-probe-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/**
 * Runs `command args` once. Returns wall milliseconds, peak RSS in MiB (or undefined), CPU
 * milliseconds (user + system, with GNU time; else undefined), the exit
 * code and the captured output. Throws if the command fails, unless `allowFailure`.
 */
export function measure(command, args, { cwd, env, allowFailure = false } = {}) {
  const out = join(scratch, 'rusage');
  rmSync(out, { force: true });
  let argv;
  if (MEMORY_PROBE === 'gnu-time') argv = ['/usr/bin/time', ['-f', '%U %S %M', '-o', out, command, ...args]];
  else if (MEMORY_PROBE === 'python3') argv = ['python3', ['-c', PYTHON_WRAPPER, out, command, ...args]];
  else argv = [command, args];
  const start = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv[1], { cwd, env: env ?? process.env, encoding: 'utf8', maxBuffer: 1 << 30 });
  let wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  let rssMiB;
  // CPU time (user + system, the command and the children it waited for): GNU time only.
  let cpuMs;
  if (MEMORY_PROBE !== 'none' && existsSync(out)) {
    const text = readFileSync(out, 'utf8').trim();
    const fields = text.split(/\s+/);
    if (MEMORY_PROBE === 'python3') {
      wallMs = Number(fields[0]) * 1000;
      rssMiB = Number(fields[1]) / 1024;
    } else {
      // GNU time prints "Command exited with non-zero status N" before the value when it fails.
      rssMiB = Number(fields.at(-1)) / 1024;
      cpuMs = (Number(fields.at(-3)) + Number(fields.at(-2))) * 1000;
    }
  }
  if (result.error) throw result.error;
  if (result.status !== 0 && !allowFailure) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr}${result.stdout}`);
  }
  return { wallMs, rssMiB, cpuMs, code: result.status, stdout: result.stdout, stderr: result.stderr };
}
