/**
 * The whole history as one `git fast-import` stream: one commit per stage holding that stage's
 * complete tree, and one annotated tag per commit. Each commit's parent is the one before it; an
 * entry may name its own branch (the review form puts every stage after the first on one), so all
 * refs are still written by a single process. Pure: the git adapter only pipes it.
 */
/** A repository's files at one commit: path -> content. */
export type Tree = ReadonlyMap<string, string>;

export interface Identity {
  name: string;
  email: string;
  /** Seconds since the epoch and zone, as git prints them: `1764057600 +0000`. */
  when: string;
  /** The committer (and tagger), when not the author: git reads GIT_COMMITTER_* apart from GIT_AUTHOR_*. */
  committer?: Omit<Identity, 'committer'>;
}

export interface HistoryEntry {
  /** The branch this commit is written to; the stream's branch when absent. */
  branch?: string;
  message: string;
  tag: string;
  tagMessage: string;
  files: Tree;
}

/** Characters fast-import would need quoted, or that could leave the repository. */
const SAFE_PATH = /^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._/-]+$/;

function data(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

function person(identity: Omit<Identity, 'committer'>): string {
  return `${identity.name} <${identity.email}> ${identity.when}`;
}

export function formatFastImport(entries: readonly HistoryEntry[], branch: string, identity: Identity): string {
  const parts: string[] = [];
  entries.forEach((entry, index) => {
    const mark = index + 1;
    parts.push(`commit refs/heads/${entry.branch ?? branch}\nmark :${mark}\nauthor ${person(identity)}\ncommitter ${person(identity.committer ?? identity)}\n`);
    parts.push(data(entry.message));
    if (index > 0) parts.push(`from :${mark - 1}\n`);
    parts.push('deleteall\n');
    for (const path of [...entry.files.keys()].sort()) {
      if (!SAFE_PATH.test(path)) throw new Error(`refusing to write the unsafe path ${JSON.stringify(path)}`);
      parts.push(`M 100644 inline ${path}\n`, data(entry.files.get(path)!));
    }
    parts.push('\n');
  });
  entries.forEach((entry, index) => {
    parts.push(`tag ${entry.tag}\nfrom :${index + 1}\ntagger ${person(identity.committer ?? identity)}\n`, data(entry.tagMessage));
  });
  parts.push('done\n');
  return parts.join('');
}
