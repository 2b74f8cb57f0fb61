/** The machine a benchmark ran on, and the external tools it found. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

function firstLine(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  return `${result.stdout}${result.stderr}`.trim().split('\n')[0];
}

/** Microseconds to create one small file in the temporary folder: both generators write many. */
export function measureFileCreation(count = 500) {
  const dir = mkdtempSync(join(tmpdir(), 'sockshop-bench-fs-'));
  try {
    const start = process.hrtime.bigint();
    for (let index = 0; index < count; index += 1) writeFileSync(join(dir, `f${index}.yaml`), 'kind: ConfigMap\n');
    return Number(process.hrtime.bigint() - start) / 1e3 / count;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function describeMachine() {
  const cpuList = cpus();
  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  const kubectlVersion = kubectl.error || kubectl.status !== 0 ? undefined : kubectl.stdout.trim().split('\n').join(', ');
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: firstLine('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"']) ?? process.platform,
    kernel: firstLine('uname', ['-r']),
    node: process.version,
    git: firstLine('git', ['--version'])?.replace('git version ', ''),
    kubectl: kubectlVersion,
    kubeconform: firstLine('kubeconform', ['-v']),
    load: firstLine('cat', ['/proc/loadavg'])?.split(' ').slice(0, 3).join(' '),
    fileCreation: measureFileCreation(),
  };
}
