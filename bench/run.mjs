#!/usr/bin/env node
/**
 * `npm run bench`: whole-process wall time and peak memory, median of several runs, side by side:
 *   1. generating the default workshop (all stages, --gitops both) with the bin vs bench/baseline.sh
 *      (the same files, commits and annotated tags with plain git);
 *   2. validating every stage (and the bootstrap) with `sockshop-mesh validate` vs `kubectl kustomize`
 *      of each folder piped into `kubeconform -strict` over the bundled schemas (kustomize alone,
 *      as a lower bound, when kubeconform is missing);
 *   3. both again for workshops with 10×, 25× and 50× the services, with a least-squares fit of time
 *      against the number of objects.
 * Prints the tables and rewrites bench/RESULTS.md with them. Needs `npm run build` first.
 * Options: --quick (fewer sizes and runs, for trying it out; RESULTS.md is not written),
 * --keep (leave the scratch folder).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeMachine } from './lib/machine.mjs';
import { measure, MEMORY_PROBE } from './lib/measure.mjs';
import { formatMiB, formatMs, formatPerObject, formatRatio, formatTable } from './lib/report.mjs';
import { fitLine, median } from './lib/stats.mjs';

const formatSpread = (sample) => `${formatMs(Math.min(...sample.walls))} – ${formatMs(Math.max(...sample.walls))}`;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'dist/src/cli/main.js');
const BASELINE = join(ROOT, 'bench/baseline.sh');
const GENERATE = join(ROOT, 'bench/generate.mjs');
const NEW_VIA_YEOMAN = join(ROOT, 'bench/new-via-yeoman.mjs');
const SCHEMAS = join(ROOT, 'schemas');
const ANSWERS = { gitops: 'both' };

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean' }, keep: { type: 'boolean' } } });
/**
 * Copies of the Sock Shop workload table, and runs per measurement: fewer validation runs for the
 * big ones, where one `kubectl kustomize` pass takes many seconds.
 */
const SIZES = flags.quick
  ? [{ copies: 1, runs: 3, validationRuns: 3 }, { copies: 10, runs: 2, validationRuns: 2 }]
  : [
      { copies: 1, runs: 7, validationRuns: 7 },
      { copies: 10, runs: 5, validationRuns: 5 },
      { copies: 25, runs: 5, validationRuns: 3 },
      { copies: 50, runs: 5, validationRuns: 3 },
    ];

if (!existsSync(BIN)) {
  console.error('bench: dist/ is missing; run `npm run build` first (npm run bench does).');
  process.exit(1);
}
// The package's own modules, built: the schema layout kubeconform is given, and the planner.
const { SCHEMA_LOCATION_TEMPLATES } = await import('../dist/src/validate/schema-names.js');
const { dumpBaselineInputs, planWorkshop } = await import('./lib/workshop.mjs');
const work = mkdtempSync(join(tmpdir(), 'sockshop-bench-'));
const lines = [];
const say = (text = '') => {
  lines.push(text);
  console.log(text);
};

// ---------------------------------------------------------------------------------------------
// What this machine has

function succeeds(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return !result.error && result.status === 0 ? result.stdout : undefined;
}

const machine = describeMachine();
const mainHelp = succeeds(process.execPath, [BIN, '--help']) ?? '';
const hasValidate = /^\s+validate\b/m.test(mainHelp) && succeeds(process.execPath, [BIN, 'validate', '--help']) !== undefined;
const hasSkipValidation = (succeeds(process.execPath, [BIN, 'new', '--help']) ?? '').includes('--skip-validation');
const hasKubectl = machine.kubectl !== undefined;
const hasKubeconform = machine.kubeconform !== undefined;
const hasYeomanPath = existsSync(NEW_VIA_YEOMAN);

// ---------------------------------------------------------------------------------------------
// Running contenders side by side

/**
 * Runs every contender `runs` times, interleaved (A B, B A, A B, …) so that a slow spell of a shared
 * machine hits both sides alike. A contender is { key, spec(run) -> { command, args, cwd, allowFailure } }.
 */
function runSideBySide(contenders, runs) {
  const samples = Object.fromEntries(contenders.map((contender) => [contender.key, { walls: [], rss: [], runs }]));
  for (let run = 0; run < runs; run += 1) {
    const order = run % 2 === 0 ? contenders : [...contenders].reverse();
    for (const contender of order) {
      const { command, args, cwd, allowFailure } = contender.spec(run);
      // Write back what earlier runs left in the page cache, so no run pays for another's files.
      spawnSync('sync');
      const result = measure(command, args, { cwd, allowFailure });
      samples[contender.key].walls.push(result.wallMs);
      if (result.rssMiB !== undefined) samples[contender.key].rss.push(result.rssMiB);
      samples[contender.key].last = result;
    }
  }
  for (const sample of Object.values(samples)) {
    sample.wall = median(sample.walls);
    sample.peak = sample.rss.length > 0 ? median(sample.rss) : undefined;
  }
  return samples;
}


function git(repo, ...args) {
  const result = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} in ${repo}: ${result.stderr}`);
  return result.stdout.trim();
}

/** `git log --format=%T` of the branch and the tree of every tag, as one comparable text. */
function describeTrees(repo) {
  return `${git(repo, 'log', '--format=%T', 'main')}\n${git(repo, 'for-each-ref', '--format=%(refname:short) %(*tree)', 'refs/tags')}`;
}

/** The folders `validate` checks: every stage folder and every bootstrap folder. */
function listKustomizeDirs(repo) {
  const stages = readdirSync(join(repo, 'stages')).sort().map((name) => join(repo, 'stages', name));
  const bootstraps = ['argocd', 'flux'].map((engine) => join(repo, 'bootstrap', engine)).filter((dir) => existsSync(join(dir, 'kustomization.yaml')));
  return [...stages, ...bootstraps];
}

/** One shell process rendering every folder with kubectl kustomize, piped into kubeconform when present. */
function kubectlPipeline(dirs) {
  const locations = SCHEMA_LOCATION_TEMPLATES.map((template) => `-schema-location '${SCHEMAS}/${template}'`).join(' ');
  const step = hasKubeconform ? `kubectl kustomize "$d" | kubeconform -strict -summary ${locations} >/dev/null` : 'kubectl kustomize "$d" >/dev/null';
  return { command: 'bash', args: ['-c', `set -o pipefail; rc=0; for d in "$@"; do ${step} || rc=1; done; exit $rc`, 'kubectl-pipeline', ...dirs] };
}

// ---------------------------------------------------------------------------------------------
// One size: plan, generate (ours and the baseline), compare trees, validate (ours and kubectl)

function benchSize({ copies, runs, validationRuns }) {
  const workshop = planWorkshop({ ...ANSWERS, directory: 'unused' }, copies);
  const inputs = join(work, `inputs-${copies}`);
  dumpBaselineInputs(workshop.plans, inputs);
  const dir = (key) => (run) => join(work, `${key}-${copies}-${run}`);
  const target = (key, run) => dir(key)(run);

  const contenders = [
    {
      key: 'api',
      spec: (run) => ({ command: process.execPath, args: [GENERATE, target('api', run), String(copies)], cwd: work }),
    },
    { key: 'baseline', spec: (run) => ({ command: 'bash', args: [BASELINE, inputs, target('baseline', run)], cwd: work }) },
  ];
  if (copies === 1) {
    // The default workshop also through the bin itself, as a user runs it.
    contenders.unshift({
      key: 'bin',
      spec: (run) => ({ command: process.execPath, args: [BIN, 'new', target('bin', run), '--gitops', 'both'], cwd: work }),
    });
    if (hasSkipValidation) {
      contenders.push({
        key: 'bin-skip',
        spec: (run) => ({ command: process.execPath, args: [BIN, 'new', target('bin-skip', run), '--gitops', 'both', '--skip-validation'], cwd: work }),
      });
    }
    if (hasYeomanPath) {
      contenders.push({
        key: 'yeoman',
        spec: (run) => ({ command: process.execPath, args: [NEW_VIA_YEOMAN, target('yeoman', run), '--gitops', 'both'], cwd: work }),
      });
    }
  }
  const generation = runSideBySide(contenders, runs);
  const ours = target(copies === 1 ? 'bin' : 'api', runs - 1);
  const baseline = target('baseline', runs - 1);
  const treesAgree = describeTrees(ours) === describeTrees(baseline);
  if (copies === 1) {
    const apiTrees = describeTrees(target('api', runs - 1));
    if (apiTrees !== describeTrees(ours)) throw new Error('bench/generate.mjs and the bin wrote different trees for the default workshop');
  }

  let validation;
  if (hasValidate || hasKubectl) {
    const validators = [];
    if (hasValidate) validators.push({ key: 'validate', spec: () => ({ command: process.execPath, args: [BIN, 'validate', ours], cwd: work, allowFailure: true }) });
    if (hasKubectl) validators.push({ key: 'kubectl', spec: () => ({ ...kubectlPipeline(listKustomizeDirs(ours)), cwd: work, allowFailure: true }) });
    validation = runSideBySide(validators, validationRuns);
    if (hasValidate) {
      const json = measure(process.execPath, [BIN, 'validate', ours, '--output', 'json'], { cwd: work, allowFailure: true });
      validation.validate.report = json.stdout;
    }
  }
  const folders = listKustomizeDirs(ours).length;
  // Every run wrote into a folder of its own; they go only now, so no run pays for deleting another's.
  const ofThisSize = (name) => name === `inputs-${copies}` || name.split('-').at(-2) === String(copies); // <key>-<copies>-<run>
  for (const name of readdirSync(work).filter(ofThisSize)) rmSync(join(work, name), { recursive: true, force: true });
  return { copies, runs, validationRuns, workshop, generation, treesAgree, validation, folders };
}

// ---------------------------------------------------------------------------------------------
// Report

function describeVerdict(result) {
  if (!result) return 'not run';
  return result.last.code === 0 ? 'valid (exit 0)' : `invalid (exit ${result.last.code})`;
}

function countValidated(report) {
  try {
    const parsed = JSON.parse(report);
    const stages = Array.isArray(parsed) ? parsed : (parsed.stages ?? parsed.reports ?? []);
    return stages.reduce((sum, stage) => sum + (stage.objects ?? 0), 0) || undefined;
  } catch {
    return undefined;
  }
}

say('# Benchmark results');
say();
say('Written by `npm run bench` (bench/run.mjs); regenerate it rather than editing it.');
say();
say('## Machine');
say();
say(
  formatTable(
    ['what', 'value'],
    [
      ['date', machine.date],
      ['CPU', `${machine.cpu}, ${machine.cores} cores`],
      ['memory', machine.memory],
      ['OS', `${machine.os} (kernel ${machine.kernel})`],
      ['node', machine.node],
      ['git', machine.git ?? 'missing'],
      ['kubectl', machine.kubectl ?? 'missing'],
      ['kubeconform', machine.kubeconform ?? 'not installed'],
      ['load average at start', `${machine.load ?? 'n/a'} (a shared machine: other work runs beside the benchmark)`],
      ['creating a small file', `${Math.round(machine.fileCreation)} µs (the generators' writes weigh by this)`],
    ],
  ),
);
say();
say('## Method');
say();
say('- Every figure is the **median** of several whole-process runs (the run count is in each table), each');
say('  writing into a fresh folder; the contenders of a table run interleaved (A B, B A, …) so a busy');
say('  moment on a shared machine hits both alike. Before every run `sync` writes back what earlier runs');
say('  left in the page cache, and no run\'s folder is deleted until a size is done, so no run pays for');
say('  another\'s files (without this the plain-git baseline measured several times slower, and swung widely).');
say('- **Wall time**: from spawning the process to its exit, as Node measures it around the child.');
say(
  `- **Peak memory**: the largest resident set among the processes of the run (wait4 \`ru_maxrss\`, via ${
    MEMORY_PROBE === 'gnu-time' ? '`/usr/bin/time -f %M`' : MEMORY_PROBE === 'python3' ? "python3's `getrusage(RUSAGE_CHILDREN)`" : 'nothing: no probe found'
  }), not the sum of the tree.`,
);
say('- **Baseline** (`bench/baseline.sh`): the cost floor of the job. Per stage: empty the work tree, copy the');
say('  stage\'s files in, `git add -A`, `git commit -F`, `git tag -a -F`. Its inputs (every stage\'s tree and');
say('  messages, dumped from `planStages`) are prepared before the clock starts.');
say(`- **Bigger workshops**: every Sock Shop workload copied ${SIZES.slice(1).map((size) => `${size.copies}×`).join(', ')} (\`carts\`, \`carts-2\`, …), planned by`);
say('  the same pipeline; generated through the pipeline API (`bench/generate.mjs`: `createRepository`, what');
say('  `sockshop-mesh new` runs) because the bin cannot ask for a synthetic scenario.');
say();

const results = SIZES.map((size) => {
  const result = benchSize(size);
  process.stderr.write(`bench: ${result.workshop.workloads} workloads done\n`);
  return result;
});
const first = results[0];
const gen = first.generation;

say('## 1. Generating the default workshop (9 stages, `--gitops both`)');
say();
say(
  `${first.workshop.plans.length} commits and annotated tags, ${first.workshop.files} files at the last stage, ${first.workshop.objects} objects rendered over all stages. ${first.runs} runs each.`,
);
say();
const genRow = (label, sample) => [label, formatMs(sample.wall), formatSpread(sample), formatMiB(sample.peak), formatRatio(sample.wall / gen.baseline.wall)];
const genRows = [genRow('`sockshop-mesh new DIR --gitops both` (the bin)', gen.bin)];
if (gen['bin-skip']) genRows.push(genRow('… with `--skip-validation`', gen['bin-skip']));
if (gen.yeoman) genRows.push(genRow('… through yeoman-environment (the prompting path)', gen.yeoman));
genRows.push(genRow('`bench/generate.mjs` (pipeline API, for the scaling table)', gen.api));
genRows.push(genRow('`bench/baseline.sh` (plain git, the floor)', gen.baseline));
say(formatTable(['contender', 'wall (median)', 'min – max', 'peak RSS', 'vs baseline'], genRows));
say();
say(`**Ratio: the bin takes ${formatRatio(gen.bin.wall / gen.baseline.wall)} the time of plain git** (target: within 2×).`);
say(
  `Plain git swings most with the machine (five processes per stage, and every stage's files written out): against its fastest run the bin's median is ${formatRatio(gen.bin.wall / Math.min(...gen.baseline.walls))}.`,
);
say(
  first.treesAgree
    ? `Trees agree: \`git log --format=%T main\` and the tree of every tag are identical in both repositories (${first.workshop.plans.length} commits).`
    : '**Trees DIFFER** between the bin\'s repository and the baseline\'s: see `git log --format=%T` of both.',
);
say();

say('## 2. Validating every stage of that repository');
say();
const val = first.validation;
// A table cell: its pipes are escaped.
const pipelineName = hasKubeconform
  ? '`kubectl kustomize` \\| `kubeconform -strict` (bundled schemas)'
  : '`kubectl kustomize` alone — **lower bound** of `kubectl kustomize \\| kubeconform -strict`';
if (!hasKubeconform) {
  say('kubeconform is **not installed** on this machine (it is not on npm or in Debian), so the other side is');
  say('`kubectl kustomize` of every folder alone: the **lower bound** of the kustomize + kubeconform pipeline,');
  say('which can only be slower. The ratio below is therefore a lower bound of the real speed-up.');
  say();
}
if (!hasKubectl) say('kubectl is **not installed**: the kustomize side is not measured.');
const dirCount = first.folders;
const valRows = [];
valRows.push(
  val?.validate
    ? ['`sockshop-mesh validate DIR`', formatMs(val.validate.wall), formatSpread(val.validate), formatMiB(val.validate.peak), describeVerdict(val.validate)]
    : ['`sockshop-mesh validate DIR`', 'validate command not available', '', '', ''],
);
if (val?.kubectl) valRows.push([`${pipelineName}, ${dirCount} folders`, formatMs(val.kubectl.wall), formatSpread(val.kubectl), formatMiB(val.kubectl.peak), hasKubeconform ? describeVerdict(val.kubectl) : 'rendered (no verdict)']);
say(formatTable(['contender', 'wall (median)', 'min – max', 'peak RSS', 'verdict'], valRows));
say();
say(`${first.validationRuns} runs each; the same ${dirCount} folders on both sides (every \`stages/*\` and \`bootstrap/*\`).`);
if (val?.validate && val?.kubectl) {
  const ratio = val.kubectl.wall / val.validate.wall;
  say(`**Ratio: validate is ${formatRatio(ratio)} faster than ${hasKubeconform ? 'kubectl kustomize + kubeconform' : 'kubectl kustomize alone (a lower bound)'}** (target: at least 5×, aim 10×).`);
  if (hasKubeconform) say(val.validate.last.code === val.kubectl.last.code ? 'Verdicts agree.' : '**Verdicts DISAGREE**: compare `validate --output json` with kubeconform\'s output.');
}
if (val?.validate) {
  const counted = countValidated(val.validate.report);
  if (counted) say(`validate checked ${counted} objects.`);
}
say();

say('## 3. Scaling with the number of objects');
say();
say('Objects = rendered objects summed over the 9 stages (what validating every stage checks). Generation by');
say('`bench/generate.mjs` (pipeline API) vs the baseline; validation as above.');
say();
const scaleRows = results.map((result) => [
  String(result.workshop.workloads),
  String(result.workshop.objects),
  `${result.runs} / ${result.validationRuns}`,
  formatMs(result.generation.api.wall),
  formatMs(result.generation.baseline.wall),
  formatRatio(result.generation.api.wall / result.generation.baseline.wall),
  result.treesAgree ? 'yes' : '**no**',
  result.validation?.validate ? formatMs(result.validation.validate.wall) : 'n/a',
  result.validation?.kubectl ? formatMs(result.validation.kubectl.wall) : 'n/a',
  result.validation?.validate && result.validation?.kubectl ? formatRatio(result.validation.kubectl.wall / result.validation.validate.wall) : 'n/a',
  formatMiB(result.generation.api.peak),
  result.validation?.validate ? formatMiB(result.validation.validate.peak) : 'n/a',
]);
say(
  formatTable(
    ['workloads', 'objects', 'runs (generate / validate)', 'generate', 'baseline', 'ratio', 'same trees', 'validate', hasKubeconform ? 'kustomize+kubeconform' : 'kustomize (lower bound)', 'speed-up', 'generate RSS', 'validate RSS'],
    scaleRows,
  ),
);
say();
if (results.length >= 2) {
  const series = [
    ['generate (pipeline API)', (result) => result.generation.api.wall],
    ['baseline (plain git)', (result) => result.generation.baseline.wall],
    ...(hasValidate ? [['validate', (result) => result.validation?.validate?.wall]] : []),
    ...(hasKubectl ? [[hasKubeconform ? 'kustomize + kubeconform' : 'kustomize alone', (result) => result.validation?.kubectl?.wall]] : []),
  ];
  const fitRows = series.map(([name, pick]) => {
    const { slope, intercept, r2 } = fitLine(results.map((result) => [result.workshop.objects, pick(result)]));
    return [name, formatPerObject(slope), formatMs(intercept), r2.toFixed(4)];
  });
  say('Least-squares fit of median wall time against objects (time = fixed + per-object × objects):');
  say();
  say(formatTable(['measurement', 'per object', 'fixed', 'r²'], fitRows));
  say();
  say('An r² close to 1 means the time grows linearly with the number of objects.');
  say();
}

say(`Load average at the end: ${describeMachine().load ?? 'n/a'}.`);

if (!flags.quick) writeFileSync(join(ROOT, 'bench/RESULTS.md'), `${lines.join('\n')}\n`);
else console.log('\n(--quick: bench/RESULTS.md left as it was)');
if (flags.keep) console.log(`scratch folder kept: ${work}`);
else rmSync(work, { recursive: true, force: true });
