/**
 * Reading and moving an existing workshop repository: the git adapter for the review and promotion
 * commands. Plain git through src/history/git.ts, one process per question, no simple-git.
 */
import { existsSync, statSync } from 'node:fs';
import { UserError } from '../errors.js';
import { runGit, tryGit } from '../history/git.js';

/** The repository's top-level folder, or a UserError when `dir` is not inside one. */
export async function findTopLevel(dir: string): Promise<string> {
  // Checked first: git spawned in a missing folder fails with ENOENT, as if git were not installed.
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UserError(`${dir} is not a folder.`, 'Pass the workshop repository with --dir DIR, or run the command inside it.');
  }
  const result = await tryGit(['rev-parse', '--show-toplevel'], dir);
  if (result.code !== 0) {
    throw new UserError(`${dir} is not a git repository.`, 'Run the command inside a repository made by `sockshop-mesh new`, or pass it with --dir DIR.');
  }
  return result.stdout.trim();
}

/** The commit a revision names, or undefined (no error) when it names none. */
export async function resolveCommit(dir: string, revision: string): Promise<string | undefined> {
  const result = await tryGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], dir);
  return result.code === 0 ? result.stdout.trim() : undefined;
}

/** A file's content at a commit, or undefined when the commit has no such file. */
export async function readFileAt(dir: string, commit: string, path: string): Promise<string | undefined> {
  const result = await tryGit(['cat-file', 'blob', `${commit}:${path}`], dir);
  return result.code === 0 ? result.stdout : undefined;
}

/** The names directly inside a folder of a commit. */
export async function listFolder(dir: string, commit: string, folder: string): Promise<string[]> {
  const output = await runGit(['ls-tree', '--name-only', commit, `${folder}/`], dir);
  return output.split('\n').filter(Boolean).map((path) => path.slice(folder.length + 1));
}

/** Blob ids of every file under the given folders of a commit: path -> blob id. */
export async function listBlobs(dir: string, commit: string, folders: readonly string[]): Promise<Map<string, string>> {
  const output = await runGit(['ls-tree', '-r', '-z', commit, '--', ...folders], dir);
  const blobs = new Map<string, string>();
  for (const entry of output.split('\0').filter(Boolean)) {
    const [meta, path] = entry.split('\t');
    blobs.set(path, meta.split(' ')[2]);
  }
  return blobs;
}

export interface LocalRefs {
  /** Branch name -> commit. */
  branches: Map<string, string>;
  /** Remote-tracking branch (`origin/main`) -> commit: what a clone knows of the remote's branches. */
  remoteBranches: Map<string, string>;
  /** Tag name -> the commit it points at (annotated tags peeled). */
  tags: Map<string, string>;
  /** Tag name -> the tag object itself (what a push sends and `ls-remote` shows). */
  tagObjects: Map<string, string>;
  /** Tag name -> the first line of its message. */
  tagSubjects: Map<string, string>;
}

export async function readLocalRefs(dir: string): Promise<LocalRefs> {
  const format = '--format=%(refname)%00%(objectname)%00%(*objectname)%00%(contents:subject)';
  const output = await runGit(['for-each-ref', format, 'refs/heads', 'refs/tags', 'refs/remotes'], dir);
  const refs: LocalRefs = { branches: new Map(), remoteBranches: new Map(), tags: new Map(), tagObjects: new Map(), tagSubjects: new Map() };
  for (const line of output.split('\n').filter(Boolean)) {
    const [name, object, peeled, subject] = line.split('\0');
    if (name.startsWith('refs/heads/')) refs.branches.set(name.slice('refs/heads/'.length), object);
    else if (name.startsWith('refs/remotes/')) {
      if (!name.endsWith('/HEAD')) refs.remoteBranches.set(name.slice('refs/remotes/'.length), object);
    } else {
      const tag = name.slice('refs/tags/'.length);
      refs.tags.set(tag, peeled || object);
      refs.tagObjects.set(tag, object);
      refs.tagSubjects.set(tag, subject ?? '');
    }
  }
  return refs;
}

/** Every commit reachable from `tips` that adds a file under `folder`, with its subject and the files it adds. */
export async function listAdditions(dir: string, tips: readonly string[], folder: string): Promise<{ commit: string; subject: string; added: string[] }[]> {
  if (tips.length === 0) return [];
  const output = await runGit(['log', '--format=%x00%H%x00%s', '--name-only', '--diff-filter=A', ...tips, '--', `${folder}/`], dir);
  return output
    .split('\0')
    .slice(1)
    .reduce<{ commit: string; subject: string; added: string[] }[]>((commits, part, index, parts) => {
      if (index % 2 === 0) commits.push({ commit: part, subject: (parts[index + 1] ?? '').split('\n')[0], added: (parts[index + 1] ?? '').split('\n').slice(1).filter(Boolean) });
      return commits;
    }, []);
}

/** Creates an annotated tag at a commit (for a stage whose tag this clone lacks); returns the tag object. */
export async function createTag(dir: string, name: string, commit: string, message: string): Promise<string> {
  await runGit(['tag', '--annotate', '--file=-', name, commit], dir, message);
  return (await runGit(['rev-parse', `refs/tags/${name}`], dir)).trim();
}

/** Uncommitted changes, one `git status --porcelain` line each (untracked files included). */
export async function readChanges(dir: string): Promise<string[]> {
  return (await runGit(['status', '--porcelain'], dir)).split('\n').filter(Boolean);
}

/** The checked-out branch, or undefined on a detached HEAD. */
export async function readCurrentBranch(dir: string): Promise<string | undefined> {
  const result = await tryGit(['symbolic-ref', '--quiet', '--short', 'HEAD'], dir);
  return result.code === 0 ? result.stdout.trim() : undefined;
}

export async function readRemoteUrl(dir: string, name: string): Promise<string | undefined> {
  const result = await tryGit(['remote', 'get-url', name], dir);
  return result.code === 0 ? result.stdout.trim() : undefined;
}

export async function addRemote(dir: string, name: string, url: string): Promise<void> {
  await runGit(['remote', 'add', name, url], dir);
}

export interface RemoteRefs {
  branches: Map<string, string>;
  /** Tag name -> the tag object (what a push compares). */
  tags: Map<string, string>;
}

/** What a remote holds (`git ls-remote`); a UserError when it cannot be reached. */
export async function readRemoteRefs(dir: string, remote: string): Promise<RemoteRefs> {
  const result = await tryGit(['ls-remote', '--heads', '--tags', remote], dir);
  if (result.code !== 0) {
    throw new UserError(`cannot read the remote ${remote}: ${lastLines(result.stderr)}`, 'Check the URL and your access to it (git ls-remote <url> must work), then run the command again.');
  }
  const refs: RemoteRefs = { branches: new Map(), tags: new Map() };
  for (const line of result.stdout.split('\n').filter(Boolean)) {
    const [object, name] = line.split('\t');
    if (name.endsWith('^{}')) continue;
    if (name.startsWith('refs/heads/')) refs.branches.set(name.slice('refs/heads/'.length), object);
    else if (name.startsWith('refs/tags/')) refs.tags.set(name.slice('refs/tags/'.length), object);
  }
  return refs;
}

/** True when `ancestor` is known here and is an ancestor of (or equal to) `descendant`. */
export async function isAncestor(dir: string, ancestor: string, descendant: string): Promise<boolean> {
  const known = await tryGit(['cat-file', '-e', `${ancestor}^{commit}`], dir);
  if (known.code !== 0) return false;
  const result = await tryGit(['merge-base', '--is-ancestor', ancestor, descendant], dir);
  if (result.code > 1) throw new Error(`git merge-base --is-ancestor failed: ${result.stderr.trim()}`);
  return result.code === 0;
}

/**
 * Pushes refspecs in one atomic push (all or nothing) where the remote supports it. A refusal is a
 * UserError carrying the remote's own words.
 */
export async function pushRefs(dir: string, remote: string, refspecs: readonly string[]): Promise<void> {
  let result = await tryGit(['push', '--porcelain', '--atomic', remote, ...refspecs], dir);
  if (result.code !== 0 && /does not support --atomic/.test(result.stderr)) {
    result = await tryGit(['push', '--porcelain', remote, ...refspecs], dir);
  }
  if (result.code !== 0) {
    const rejected = result.stdout.split('\n').filter((line) => line.startsWith('!'));
    const remoteSays = result.stderr.split('\n').filter((line) => line.startsWith('remote:')).map((line) => line.trim());
    const details = [...remoteSays, ...rejected.map((line) => line.replace(/^!\t/, 'rejected: ').replace(/\t/g, ' '))];
    throw new UserError(
      `the remote ${remote} refused the push; nothing was changed there:\n${(details.length > 0 ? details : [lastLines(result.stderr)]).map((line) => `  ${line}`).join('\n')}`,
      'Nothing was pushed (the push is atomic). Fix what the remote reports (permissions, protected branches, server hooks) and run the command again.',
    );
  }
}

/** Commits the given paths (already written to the work tree) on the current branch; the user's hooks run. */
export async function commitPaths(dir: string, paths: readonly string[], message: string): Promise<string> {
  await runGit(['add', '--', ...paths], dir);
  await runGit(['commit', '--quiet', '--file=-', '--', ...paths], dir, message);
  return (await runGit(['rev-parse', 'HEAD'], dir)).trim();
}

/** Moves the checked-out branch back to `commit`, index and work tree included (only after a clean-tree check). */
export async function resetTo(dir: string, commit: string): Promise<void> {
  await runGit(['reset', '--quiet', '--hard', commit], dir);
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' / ');
}
