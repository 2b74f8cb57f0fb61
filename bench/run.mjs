#!/usr/bin/env node
/**
 * `npm run bench`: whole-process wall time and peak memory, median of several runs, side by side:
 *   1. generating the default workshop (all stages, --gitops both) with the bin vs bench/baseline.sh
 *      (the same files, commits and annotated tags with plain git);
 *   2. validating every stage (and the bootstrap) with `sockshop-mesh validate` vs `kubectl kustomize`
 *      of each folder piped into `kubeconform -strict` over the bundled schemas (kustomize alone,
 *      as a lower bound, when kubeconform is missing);
 *   3. both again for workshops with 10×, 25× and 50× the services, with a least-squares fit of time
 *      against the number of objects;
 *   4. a class: `new --tenants N` + `validate` for N = 10, 25, 50, 100 participants, vs plain git
 *      (and kubectl for the smaller classes), a fit of time per participant and the tree size each
 *      added participant costs.
 * Prints the tables and rewrites bench/RESULTS.md with them. Needs `npm run build` first.
 * Options: --quick (fewer sizes and runs, for trying it out; RESULTS.md is not written),
 * --only class (only part 4; its section of RESULTS.md is replaced, the rest kept),
 * --keep (leave the scratch folder).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean' }, keep: { type: 'boolean' }, only: { type: 'string' } } });
if (flags.only !== undefined && flags.only !== 'class') {
  console.error(`bench: --only ${JSON.stringify(flags.only)}: the one part that runs alone is "class" (npm run bench -- --only class).`);
  process.exit(2);
}
/**
 * A class (`new --tenants N`): participants, runs of new + validate, and whether the kubectl
 * pipeline (4 folders and more per participant, one kubectl process each) is measured beside it.
 */
const CLASS_SIZES = flags.quick
  ? [{ participants: 10, runs: 1, kubectl: true }, { participants: 25, runs: 1, kubectl: false }]
  : [
      { participants: 10, runs: 3, kubectl: true },
      { participants: 25, runs: 3, kubectl: false },
      { participants: 50, runs: 3, kubectl: false },
      { participants: 100, runs: 3, kubectl: false },
    ];
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
const { dumpBaselineInputs, planClass, planWorkshop } = await import('./lib/workshop.mjs');
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
  const samples = Object.fromEntries(contenders.map((contender) => [contender.key, { walls: [], rss: [], cpus: [], runs }]));
  for (let run = 0; run < runs; run += 1) {
    const order = run % 2 === 0 ? contenders : [...contenders].reverse();
    for (const contender of order) {
      const { command, args, cwd, allowFailure } = contender.spec(run);
      // Write back what earlier runs left in the page cache, so no run pays for another's files.
      spawnSync('sync');
      const result = measure(command, args, { cwd, allowFailure });
      samples[contender.key].walls.push(result.wallMs);
      if (result.rssMiB !== undefined) samples[contender.key].rss.push(result.rssMiB);
      if (result.cpuMs !== undefined && !Number.isNaN(result.cpuMs)) samples[contender.key].cpus.push(result.cpuMs);
      samples[contender.key].last = result;
    }
  }
  for (const sample of Object.values(samples)) {
    sample.wall = median(sample.walls);
    sample.peak = sample.rss.length > 0 ? median(sample.rss) : undefined;
    sample.cpu = sample.cpus.length > 0 ? median(sample.cpus) : undefined;
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

/** The folders under `dir` (itself included) that hold a kustomization, down to `depth` levels. */
function listKustomizations(dir, depth, skip = []) {
  if (!existsSync(dir)) return [];
  const own = existsSync(join(dir, 'kustomization.yaml')) ? [dir] : [];
  if (depth === 0) return own;
  const children = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !skip.includes(entry.name))
    .map((entry) => entry.name)
    .sort()
    .flatMap((name) => listKustomizations(join(dir, name), depth - 1));
  return [...own, ...children];
}

/**
 * The folders `validate` checks: every stage folder, the entry point `cluster/` and its layer
 * folders, each participant's folders (a class) and every bootstrap folder.
 */
function listKustomizeDirs(repo) {
  const stages = readdirSync(join(repo, 'stages')).sort().map((name) => join(repo, 'stages', name));
  const tenants = existsSync(join(repo, 'tenants')) ? readdirSync(join(repo, 'tenants')).sort().map((name) => join(repo, 'tenants', name)) : [];
  const entries = [...listKustomizations(join(repo, 'cluster'), 2), ...tenants.flatMap((dir) => listKustomizations(dir, 1, ['values']))];
  const bootstraps = ['argocd', 'flux'].map((engine) => join(repo, 'bootstrap', engine)).filter((dir) => existsSync(join(dir, 'kustomization.yaml')));
  return [...stages, ...entries, ...bootstraps];
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
// A class: `new --tenants N` and `validate` of what it wrote, against plain git and kubectl

/** Bytes and files of a planned tree (the last stage's working tree, without .git). */
function measureTree(files) {
  let bytes = 0;
  for (const text of files.values()) bytes += Buffer.byteLength(text);
  return { bytes, files: files.size };
}

function benchClass({ participants, runs, kubectl }) {
  const planned = planClass({ ...ANSWERS, directory: 'unused' }, participants);
  const inputs = join(work, `class-inputs-${participants}`);
  dumpBaselineInputs(planned.plans, inputs);
  const target = (key, run) => join(work, `class-${key}-${participants}-${run}`);
  const generation = runSideBySide(
    [
      {
        key: 'bin',
        spec: (run) => ({ command: process.execPath, args: [BIN, 'new', target('bin', run), '--yes', '--tenants', String(participants), '--gitops', 'both'], cwd: work }),
      },
      { key: 'baseline', spec: (run) => ({ command: 'bash', args: [BASELINE, inputs, target('baseline', run)], cwd: work }) },
    ],
    runs,
  );
  const ours = target('bin', runs - 1);
  const treesAgree = describeTrees(ours) === describeTrees(target('baseline', runs - 1));
  const dirs = listKustomizeDirs(ours);
  const validation = runSideBySide([{ key: 'validate', spec: () => ({ command: process.execPath, args: [BIN, 'validate', ours], cwd: work, allowFailure: true }) }], runs);
  // The kubectl side runs once: one kubectl process per folder, hundreds of folders.
  if (kubectl && hasKubectl) validation.kubectl = runSideBySide([{ key: 'kubectl', spec: () => ({ ...kubectlPipeline(dirs), cwd: work, allowFailure: true }) }], 1).kubectl;
  const tree = measureTree(planned.plans.at(-1).files);
  for (const name of readdirSync(work).filter((entry) => entry.startsWith('class-') && entry.split('-').includes(String(participants)))) rmSync(join(work, name), { recursive: true, force: true });
  return { participants, runs, planned, generation, treesAgree, validation, folders: dirs.length, tree };
}

/** CPU time of new + validate (user + system), which a busy machine inflates far less than wall time. */
const cpuOf = (result) => (result.generation.bin.cpu ?? Number.NaN) + (result.validation.validate.cpu ?? Number.NaN);

function reportClass(classResults) {
  say('## 4. A class: `new --tenants N` and `validate` of that repository');
  say();
  say('`sockshop-mesh new DIR --yes --tenants N --gitops both` (the bin, default flavor), then `sockshop-mesh validate DIR`');
  say('(every stage, `cluster/`, every participant\'s folders, both bootstraps), for N participants, beside');
  say('`bench/baseline.sh` writing the same trees with plain git and, for the smaller classes, `kubectl kustomize`');
  say(`${hasKubeconform ? '| kubeconform' : '(alone: kubeconform is not installed, so a lower bound)'} of the same folders (one kubectl process per folder, run once).`);
  say('Target (issue 10): N = 100, new + validate within 10 s on this machine.');
  say();
  const rows = classResults.map((result) => {
    const generation = result.generation.bin.wall;
    const validate = result.validation.validate.wall;
    return [
      String(result.participants),
      String(result.planned.objects),
      String(result.folders),
      `${result.runs}`,
      formatMs(generation),
      formatMs(validate),
      `**${formatMs(generation + validate)}**`,
      formatMs(cpuOf(result)),
      formatMs(result.generation.baseline.wall),
      formatRatio(generation / result.generation.baseline.wall),
      result.treesAgree ? 'yes' : '**no**',
      result.validation.kubectl ? formatMs(result.validation.kubectl.wall) : 'not run',
      result.validation.kubectl ? formatRatio(result.validation.kubectl.wall / validate) : 'n/a',
      result.validation.validate.last.code === 0 ? 'valid' : `exit ${result.validation.validate.last.code}`,
      formatMiB(result.generation.bin.peak),
      formatMiB(result.validation.validate.peak),
    ];
  });
  say(
    formatTable(
      ['participants', 'objects (all stages)', 'folders validated', 'runs', 'new', 'validate', 'new + validate', 'CPU (new + validate)', 'baseline (plain git)', 'new vs baseline', 'same trees', hasKubeconform ? 'kustomize+kubeconform' : 'kustomize (lower bound)', 'validate speed-up', 'verdict', 'new RSS', 'validate RSS'],
      rows,
    ),
  );
  say();
  const last = classResults.at(-1);
  const total = last.generation.bin.wall + last.validation.validate.wall;
  say(`**N = ${last.participants}: new + validate ${formatMs(total)}** wall (target 10 s: ${total <= 10_000 ? 'met' : '**missed**'}), ${formatMs(cpuOf(last))} of CPU.`);
  say('Wall time on a shared machine moves with the load of other work (see the load averages); CPU time (user + system, GNU time) much less: it is the better measure of what a participant costs.');
  say();
  if (classResults.length >= 2) {
    const fit = (pick) => fitLine(classResults.map((result) => [result.participants, pick(result)]));
    const series = [
      ['new', (result) => result.generation.bin.wall],
      ['validate', (result) => result.validation.validate.wall],
      ['new + validate', (result) => result.generation.bin.wall + result.validation.validate.wall],
      ...(classResults.every((result) => Number.isFinite(cpuOf(result))) ? [['CPU of new + validate', cpuOf]] : []),
      ['baseline (plain git)', (result) => result.generation.baseline.wall],
    ];
    say('Least-squares fit against the number of participants (time = fixed + per participant × N):');
    say();
    say(formatTable(['measurement', 'per participant', 'fixed', 'r²'], series.map(([name, pick]) => {
      const { slope, intercept, r2 } = fit(pick);
      return [name, formatPerObject(slope), formatMs(intercept), r2.toFixed(4)];
    })));
    say();
    const bytes = fitLine(classResults.map((result) => [result.participants, result.tree.bytes]));
    const files = fitLine(classResults.map((result) => [result.participants, result.tree.files]));
    say('The working tree at the last stage (without .git), and what each added participant adds to it:');
    say();
    say(formatTable(['participants', 'files', 'bytes'], classResults.map((result) => [String(result.participants), String(result.tree.files), String(result.tree.bytes)])));
    say();
    say(`Per added participant: **${files.slope.toFixed(1)} files and ${(bytes.slope / 1024).toFixed(1)} KiB** (${Math.round(bytes.slope)} bytes; fixed part ${Math.round(files.intercept)} files, ${(bytes.intercept / 1024).toFixed(0)} KiB; r² ${bytes.r2.toFixed(4)}). Stage folders are shared: a participant adds only their thin overlays, values, handout and bootstrap files.`);
    say();
  }
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

if (!flags.only) {
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
}

const classResults = CLASS_SIZES.map((size) => {
  const result = benchClass(size);
  process.stderr.write(`bench: a class of ${size.participants} done\n`);
  return result;
});
reportClass(classResults);

say(`Load average at the end: ${describeMachine().load ?? 'n/a'}.`);

const RESULTS = join(ROOT, 'bench/RESULTS.md');
const CLASS_HEADING = '## 4. A class';
if (flags.quick) {
  // Nothing written: see below.
} else if (flags.only === 'class') {
  // Only the class part ran: its section replaces the one in RESULTS.md, the rest stays as it was.
  const text = lines.join('\n');
  const section = text.slice(text.indexOf(CLASS_HEADING));
  const old = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '';
  const start = old.indexOf(CLASS_HEADING);
  const end = start < 0 ? -1 : old.indexOf('\n## ', start + CLASS_HEADING.length);
  const kept = start < 0 ? old.trimEnd() : `${old.slice(0, start).trimEnd()}${end < 0 ? '' : `\n\n${old.slice(end + 1).trimEnd()}`}`;
  writeFileSync(RESULTS, `${kept}\n\n${section.trimEnd()}\n\n(Section 4 from \`npm run bench -- --only class\`, ${machine.date}, load average ${machine.load ?? 'n/a'} at its start.)\n`);
} else writeFileSync(RESULTS, `${lines.join('\n')}\n`);
if (flags.quick) console.log('\n(--quick: bench/RESULTS.md left as it was)');
if (flags.keep) console.log(`scratch folder kept: ${work}`);
else rmSync(work, { recursive: true, force: true });
