/**
 * A demanding new user's catalog, run through the built bin: bad values, answers files, targets,
 * remotes, repositories. Every case checks the message, the exit code, that no stack trace shows,
 * and that nothing beside the command was written, changed or lost (the folder's full listing with
 * content hashes is the same before and after).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_OPTIONS, FLAG_OPTIONS, VALUED_OPTIONS } from '../../src/settings/options.js';
import { freshDir, listTree, runCli, STACK_LINE } from './support.js';

const TOKEN = 'hunter2-SECRET-token';

interface Case {
  name: string;
  args: string[];
  /** Runs in the case's folder before the command; may return extra args. */
  prepare?: (cwd: string) => void;
  env?: NodeJS.ProcessEnv;
  code: number;
  /** Every one must appear on stderr. */
  says: (string | RegExp)[];
}

/** Runs one case in a fresh folder and checks what every case must hold. */
function check({ args, prepare, env, code, says }: Case, cwd: string): void {
  prepare?.(cwd);
  const before = listTree(cwd);
  const run = runCli(args, cwd, env);
  expect(run.code, run.stderr).toBe(code);
  for (const text of says) {
    if (typeof text === 'string') expect(run.stderr).toContain(text);
    else expect(run.stderr).toMatch(text);
  }
  expect(run.stderr).not.toMatch(STACK_LINE);
  expect(run.stdout + run.stderr).not.toContain(TOKEN);
  expect(listTree(cwd)).toEqual(before);
}

// ---------------------------------------------------------------------------------------------
// new: values

const VALUE_CASES: Case[] = VALUED_OPTIONS.flatMap(({ name, example }) => [
  { name: `--${name} given last, without its value`, args: ['new', 'ws', `--${name}`], code: 2, says: [`--${name} needs a value (for example: --${name} ${example})`] },
  { name: `--${name} followed by another option`, args: ['new', 'ws', `--${name}`, '--yes'], code: 2, says: [`--${name} needs a value`] },
]);

const UNKNOWN_CASES: Case[] = [
  { name: 'new: a misspelt option', args: ['new', 'ws', '--domian', 'apps.x.example.com'], code: 2, says: ['unknown option --domian (did you mean --domain?)'] },
  { name: 'new: a misspelt flag', args: ['new', 'ws', '--move-asid'], code: 2, says: ['unknown option --move-asid (did you mean --move-aside?)'] },
  { name: 'new: Yeoman-style --force is not ours', args: ['new', 'ws', '--forse'], code: 2, says: ['unknown option --forse'] },
  { name: 'new: an unknown short flag', args: ['new', 'ws', '-q'], code: 2, says: ['unknown option -q'] },
  { name: 'validate: a misspelt option', args: ['validate', '.', '--stgae', '1'], code: 2, says: ['unknown option --stgae (did you mean --stage?)'] },
  { name: 'diff: a misspelt option', args: ['diff', '0', '1', '--outptu', 'json'], code: 2, says: ['unknown option --outptu (did you mean --output?)'] },
  { name: 'publish: a misspelt option', args: ['publish', '--remte', 'x'], code: 2, says: ['unknown option --remte (did you mean --remote?)'] },
  { name: 'promote: --no-x for a skip-x option', args: ['promote', '--no-tags'], code: 2, says: ['unknown option --no-tags'] },
  { name: 'status: a misspelt option', args: ['status', '--tenat', 'user1'], code: 2, says: ['unknown option --tenat (did you mean --tenant?)'] },
  { name: 'an unknown command', args: ['pubish'], code: 2, says: ['unknown command "pubish" (did you mean publish?)'] },
  { name: 'publish: --remote without its value', args: ['publish', '--remote'], code: 2, says: ["'--remote"] },
  { name: 'status: --tenant followed by another option', args: ['status', '--tenant', '--remote', 'x'], code: 2, says: ["'--tenant"] },
  { name: 'diff: a choice that is not one', args: ['diff', '0', '1', '--output', 'html'], code: 2, says: ['--output "html": must be one of'] },
  { name: 'diff: a missing argument', args: ['diff', '0'], code: 2, says: ['missing <to>'] },
  { name: 'validate: too many arguments', args: ['validate', 'a', 'b'], code: 2, says: ['too many arguments: "b"'] },
];

// ---------------------------------------------------------------------------------------------
// new: answers files

const answers = (text: string) => (cwd: string) => writeFileSync(join(cwd, 'answers.yaml'), text);
const ALIAS_BOMB = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[index]}`).join(',')}]`)];
const ANSWER_CASES: Case[] = [
  {
    name: 'a YAML alias bomb under real keys',
    args: ['new', 'ws', '--answers', 'answers.yaml'],
    prepare: answers(`${ALIAS_BOMB.map((line, index) => line.replace(/^\w+/, ANSWER_OPTIONS[index % ANSWER_OPTIONS.length].name)).join('\n')}\n`),
    code: 2,
    says: ['uses a YAML alias (*name)'],
  },
  { name: 'a YAML alias of a list in tenants', args: ['new', 'ws', '--answers', 'answers.yaml'], prepare: answers('x: &names [a, b]\ntenants: *names\n'), code: 2, says: [/uses a YAML alias|unknown key "x"/] },
  { name: 'a list instead of a mapping', args: ['new', 'ws', '--answers', 'answers.yaml'], prepare: answers('- gitops: flux\n'), code: 2, says: ['expected a mapping of option names to values'] },
  { name: 'a misspelt key', args: ['new', 'ws', '--answers', 'answers.yaml'], prepare: answers('gitop: flux\n'), code: 2, says: ['unknown key "gitop" (did you mean "gitops"?)'] },
  { name: 'broken YAML', args: ['new', 'ws', '--answers', 'answers.yaml'], prepare: answers('gitops: [flux\n'), code: 2, says: ['not valid YAML or JSON'] },
  { name: 'a missing answers file', args: ['new', 'ws', '--answers', 'nope.yaml'], code: 2, says: [/cannot read the answers file \S*nope\.yaml: ENOENT/] },
  { name: 'a folder as the answers file', args: ['new', 'ws', '--answers', 'dir'], prepare: (cwd) => mkdirSync(join(cwd, 'dir')), code: 2, says: [/cannot read the answers file \S*dir: EISDIR/] },
  { name: 'a bad value in the answers file', args: ['new', 'ws', '--answers', 'answers.yaml'], prepare: answers('gitops: fluxx\n'), code: 2, says: ['--gitops "fluxx": must be one of argocd, flux, both (did you mean flux?)'] },
];

// ---------------------------------------------------------------------------------------------
// new: names git and Kubernetes would refuse later

/** Branch names `git check-ref-format --branch` refuses: each must be refused by `new` up front. */
const BAD_BRANCHES = ['a..b', 'a b', 'a~1', 'a^', 'a:b', 'a?', 'a*', 'a[x', 'a\\b', '-x', '/a', 'a/', 'a.', 'x.lock', 'a/.b', 'a@{1}', 'a//b'];
const gitRefuses = (name: string) => {
  try {
    execFileSync('git', ['check-ref-format', '--branch', name], { stdio: 'pipe' });
    return false;
  } catch {
    return true;
  }
};
const BRANCH_CASES: Case[] = [
  ...BAD_BRANCHES.map((branch) => ({ name: `--branch ${JSON.stringify(branch)} (git refuses it)`, args: ['new', 'ws', '--until', '0', `--branch=${branch}`], code: 2, says: [`--branch ${JSON.stringify(branch)}: must be a git branch name`] })),
  { name: '--branch @ (git reads it as HEAD)', args: ['new', 'ws', '--until', '0', '--branch', '@'], code: 2, says: ['--branch "@": must be a git branch name'] },
  { name: '--branch HEAD', args: ['new', 'ws', '--until', '0', '--branch', 'HEAD'], code: 2, says: ['--branch "HEAD": must not be HEAD'] },
  { name: '--branch like a stage tag', args: ['new', 'ws', '--until', '0', '--branch', 'v1.4.0+sidecar-injection'], code: 2, says: ['must not look like a stage tag'] },
  { name: '--branch clashing with the review branches', args: ['new', 'ws', '--until', '1', '--review', '--branch', 'stage/01-operators'], code: 2, says: ['the review form puts every later stage on a branch stage/NN-name'] },
  { name: '--branch stage (a prefix of the review branches)', args: ['new', 'ws', '--until', '0', '--branch', 'stage'], code: 2, says: ['must not be "stage" or start with "stage/"'] },
];

const longDomain = (length: number) => {
  const labels: string[] = [];
  let left = length - '.example.com'.length;
  while (left > 0) {
    const size = Math.min(60, left - (labels.length > 0 ? 1 : 0));
    labels.push('d'.repeat(Math.max(size, 1)));
    left -= size + (labels.length > 1 ? 1 : 0);
  }
  return `${labels.join('.')}.example.com`;
};
const DOMAIN_CASES: Case[] = [
  {
    name: 'a domain too long for the Route host derived from it',
    args: ['new', 'ws', '--until', '0', '--domain', longDomain(235)],
    code: 2,
    says: [/makes the front-end Route host "front-end-user1-sockshop\.d+/, /which is \d+ characters, over the 253 of a host name/],
  },
  { name: 'a domain over 253 characters', args: ['new', 'ws', '--until', '0', '--domain', longDomain(260)], code: 2, says: [/--domain "d+[.d]*\.example\.com": is 2\d\d characters: a DNS name has at most 253/] },
  { name: 'a domain with a 64-character label', args: ['new', 'ws', '--until', '0', '--domain', `${'a'.repeat(64)}.example.com`], code: 2, says: [`has the label "${'a'.repeat(64)}" of 64 characters: a DNS label has at most 63`] },
  { name: 'a class whose participant makes a namespace over 63', args: ['new', 'ws', '--until', '0', '--tenants', `${'p'.repeat(60)}`], code: 2, says: [/over|at most 63/] },
  { name: 'a tenant with capitals', args: ['new', 'ws', '--until', '0', '--tenant', 'User1'], code: 2, says: ['--tenant "User1": must be a DNS label'] },
];

// ---------------------------------------------------------------------------------------------
// new: targets

const TARGET_CASES: Case[] = [
  { name: 'a symlink to a folder', args: ['new', 'link', '--until', '0'], prepare: (cwd) => (mkdirSync(join(cwd, 'real')), symlinkSync('real', join(cwd, 'link'))), code: 2, says: ['link is a symbolic link (to real)'] },
  { name: 'a dangling symlink', args: ['new', 'link', '--until', '0'], prepare: (cwd) => symlinkSync('nowhere', join(cwd, 'link')), code: 2, says: ['link is a symbolic link (to nowhere)'] },
  { name: 'a parent that is a file', args: ['new', 'file/ws', '--until', '0'], prepare: (cwd) => writeFileSync(join(cwd, 'file'), 'x'), code: 2, says: ['file is a file, so file/ws cannot be created inside it'] },
  { name: 'a file as the target', args: ['new', 'file', '--until', '0'], prepare: (cwd) => writeFileSync(join(cwd, 'file'), 'x'), code: 2, says: ['file is a file, not a folder'] },
  {
    name: 'a folder that is not empty',
    args: ['new', 'ws', '--until', '0'],
    prepare: (cwd) => (mkdirSync(join(cwd, 'ws')), writeFileSync(join(cwd, 'ws', 'mine.txt'), 'mine')),
    code: 2,
    says: ['ws is not empty', '--move-aside'],
  },
  {
    name: 'an existing repository',
    args: ['new', 'ws', '--until', '0'],
    prepare: (cwd) => (mkdirSync(join(cwd, 'ws')), execFileSync('git', ['init', '-q', join(cwd, 'ws')])),
    code: 2,
    says: ['ws is already a git repository'],
  },
];

// ---------------------------------------------------------------------------------------------
// new: remotes and identity

const IDENTITY_CASES: Case[] = [
  { name: 'a remote with a password', args: ['new', 'ws', '--until', '0', '--remote', `https://user:${TOKEN}@git.example.com/org/ws.git`], code: 2, says: ['https://user:***@git.example.com/org/ws.git', 'without a password'] },
  { name: 'a remote with a token as the user', args: ['new', 'ws', '--until', '0', '--remote', `https://ghp_${TOKEN}@github.com/org/ws.git`], code: 2, says: ['https://***@github.com/org/ws.git'] },
  { name: 'a remote over ftp', args: ['new', 'ws', '--until', '0', '--remote', 'ftp://git.example.com/ws.git'], code: 2, says: ['cannot pull over ftp'] },
  { name: 'a bad GIT_AUTHOR_DATE', args: ['new', 'ws', '--until', '0'], env: { GIT_AUTHOR_DATE: 'next tuesday-ish' }, code: 2, says: ['GIT_AUTHOR_DATE "next tuesday-ish" is not a date git understands'] },
  { name: 'a bad GIT_COMMITTER_DATE', args: ['new', 'ws', '--until', '0'], env: { GIT_COMMITTER_DATE: 'yesterday at noon-ish' }, code: 2, says: ['GIT_COMMITTER_DATE "yesterday at noon-ish" is not a date git understands'] },
];

// ---------------------------------------------------------------------------------------------
// repository commands

const VALIDATE_CASES: Case[] = [
  { name: 'validate on a missing folder', args: ['validate', 'nope'], code: 2, says: [/nope: no such folder/] },
  { name: 'validate on a file', args: ['validate', 'file'], prepare: (cwd) => writeFileSync(join(cwd, 'file'), 'x'), code: 2, says: [/file: not a folder/] },
  { name: 'validate on a folder that is not a workshop', args: ['validate', '.'], code: 2, says: [/./] },
  { name: 'status outside a repository', args: ['status'], code: 2, says: [/./] },
];

describe('hardening catalog: each case says what is wrong, exits 2, shows no stack and writes nothing', () => {
  const all = [...VALUE_CASES, ...UNKNOWN_CASES, ...ANSWER_CASES, ...BRANCH_CASES, ...DOMAIN_CASES, ...TARGET_CASES, ...IDENTITY_CASES, ...VALIDATE_CASES];
  it('has at least 60 cases, from the option table where it can', () => {
    expect(VALUE_CASES).toHaveLength(2 * (ANSWER_OPTIONS.filter((option) => option.type !== 'boolean').length + FLAG_OPTIONS.filter((flag) => flag.type === 'string').length));
    expect(all.length).toBeGreaterThanOrEqual(60);
  });

  it('lists only branch names git itself refuses', () => {
    expect(BAD_BRANCHES.filter((name) => !gitRefuses(name))).toEqual([]);
  });

  for (const item of all) {
    it(item.name, () => check(item, freshDir()));
  }
});

// ---------------------------------------------------------------------------------------------
// repository commands on a real workshop repository

describe('hardening catalog: repository commands', () => {
  let repo: string;
  let config: string;
  beforeAll(() => {
    const cwd = freshDir();
    const run = runCli(['new', 'ws', '--until', '1', '--skip-validation'], cwd);
    expect(run.code, run.stderr).toBe(0);
    repo = join(cwd, 'ws');
    config = execFileSync('git', ['config', '--local', '--list'], { cwd: repo, encoding: 'utf8' });
  });

  const commands: { name: string; args: (remote: string) => string[] }[] = [
    { name: 'publish', args: (remote) => ['publish', '--remote', remote] },
    { name: 'status', args: (remote) => ['status', '--remote', remote] },
    { name: 'promote', args: (remote) => ['promote', '--push', '--remote', remote] },
  ];
  const remotes = [`https://user:${TOKEN}@127.0.0.1:9/org/ws.git`, `https://oauth2:${TOKEN}@gitlab.example.com/org/ws.git`, `https://ghp_${TOKEN}@github.com/org/ws.git`];
  for (const command of commands) {
    for (const remote of remotes) {
      it(`${command.name} --remote with credentials (${remote.replace(TOKEN, '…')}) never prints or stores them`, () => {
        const before = listTree(repo);
        const run = runCli([...command.args(remote), '--dir', repo], repo);
        expect(run.code, run.stderr).toBe(2);
        expect(run.stdout + run.stderr).not.toContain(TOKEN);
        expect(run.stderr).toContain('***@');
        expect(run.stderr).toContain('credential helper');
        expect(run.stderr).not.toMatch(STACK_LINE);
        expect(execFileSync('git', ['config', '--local', '--list'], { cwd: repo, encoding: 'utf8' })).toBe(config);
        expect(listTree(repo)).toEqual(before);
      });
    }
  }

  it('an origin that already holds a token is never printed', () => {
    const clone = join(freshDir(), 'clone');
    execFileSync('git', ['clone', '-q', repo, clone]);
    execFileSync('git', ['remote', 'set-url', 'origin', `https://user:${TOKEN}@127.0.0.1:9/org/ws.git`], { cwd: clone });
    const run = runCli(['publish'], clone);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
    expect(run.stderr).toContain('https://user:***@127.0.0.1:9/org/ws.git');
  });

  it('validate --schema-location on a port fetch refuses names the URL', () => {
    const run = runCli(['validate', repo, '--stage', '0', '--schema-location', 'http://127.0.0.1:9/{{ .ResourceKind }}.json'], repo, { HOME: freshDir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot fetch schema http:\/\/127\.0\.0\.1:9\/\w+\.json: /);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('validate --schema-location on a closed port names the URL and the refusal', async () => {
    // A port that was free a moment ago: nothing listens there, so the connection is refused.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as { port: number };
        server.close(() => resolve(free));
      });
    });
    const home = freshDir();
    const run = runCli(['validate', repo, '--stage', '0', '--schema-location', `http://127.0.0.1:${port}/{{ .ResourceKind }}.json`], repo, { HOME: home });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot fetch schema http://127.0.0.1:${port}/`);
    expect(run.stderr).toContain('ECONNREFUSED');
    expect(listTree(home)).toEqual([]);
  });

  it('diff of two stages gives the same text whatever key order a side was written in', () => {
    const clone = join(freshDir(), 'clone');
    execFileSync('git', ['clone', '-q', repo, clone]);
    const original = runCli(['diff', '0', 'HEAD'], clone);
    expect(original.code, original.stderr).toBe(0);
    // Rewrite every YAML file of the later stage's overlays with its keys in reverse order: same objects.
    const files = execFileSync('git', ['ls-files', '*.yaml'], { cwd: clone, encoding: 'utf8' }).split('\n').filter(Boolean);
    const script = `
      const { readFileSync, writeFileSync } = require('node:fs');
      const yaml = require(${JSON.stringify(join(process.cwd(), 'node_modules/js-yaml'))});
      const flip = (v) => Array.isArray(v) ? v.map(flip) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, flip(x)])) : v;
      for (const file of process.argv.slice(1)) {
        const docs = yaml.loadAll(readFileSync(file, 'utf8'));
        writeFileSync(file, docs.map((d) => yaml.dump(flip(d), { lineWidth: -1 })).join('---\\n'));
      }`;
    execFileSync(process.execPath, ['-e', script, ...files], { cwd: clone });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qam', 'reorder keys'], { cwd: clone });
    const reordered = runCli(['diff', '0', 'HEAD'], clone);
    expect(reordered.code, reordered.stderr).toBe(0);
    expect(execFileSync('git', ['diff', '--stat', 'HEAD~1', 'HEAD'], { cwd: clone, encoding: 'utf8' })).toMatch(/\d+ files? changed/);
    expect(original.stdout).toMatch(/changed|added/);
    expect(reordered.stdout).toBe(original.stdout);
  });
});
