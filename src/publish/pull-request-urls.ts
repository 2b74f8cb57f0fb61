/**
 * Where to open each stage's pull request: the web address of a GitHub or GitLab repository from
 * its git URL (https://, ssh:// or scp-like git@host:path), and the compare / new-merge-request
 * links for one branch into another. Pure.
 */

export type Forge = 'github' | 'gitlab';

export interface WebRepository {
  forge: Forge;
  /** e.g. https://github.com/org/repo or https://gitlab.example.com/group/sub/repo */
  url: string;
}

const SCP_LIKE = /^[A-Za-z0-9._-]+@([A-Za-z0-9.-]+):(.+)$/;

/** The forge and web address of a git remote, or undefined when it is neither GitHub nor GitLab. */
export function parseWebRepository(remote: string): WebRepository | undefined {
  let host: string;
  let path: string;
  let port = '';
  const scp = SCP_LIKE.exec(remote);
  if (scp && !remote.includes('://')) {
    host = scp[1];
    path = scp[2];
  } else {
    let url: URL;
    try {
      url = new URL(remote);
    } catch {
      return undefined;
    }
    if (!['https:', 'http:', 'ssh:', 'git:'].includes(url.protocol)) return undefined;
    host = url.hostname;
    path = url.pathname;
    // An https port is where the web interface lives too; an ssh port is not.
    if ((url.protocol === 'https:' || url.protocol === 'http:') && url.port) port = `:${url.port}`;
  }
  // github.com, github.example.com; gitlab.com, gitlab.example.com, git.gitlab-ce.example.org
  const forge: Forge | undefined = /(^|[.-])github([.-]|$)/.test(host) ? 'github' : /(^|[.-])gitlab([.-]|$)/.test(host) ? 'gitlab' : undefined;
  if (!forge) return undefined;
  const cleaned = path.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/, '');
  if (cleaned.split('/').length < 2) return undefined;
  return { forge, url: `https://${host.toLowerCase()}${port}/${cleaned}` };
}

/** The page that opens a pull (merge) request of `head` into `base`, branch names URL-encoded. */
export function formatPullRequestUrl(repository: WebRepository, head: string, base: string): string {
  const enc = encodeURIComponent;
  if (repository.forge === 'github') return `${repository.url}/compare/${enc(base)}...${enc(head)}?expand=1`;
  return `${repository.url}/-/merge_requests/new?${enc('merge_request[source_branch]')}=${enc(head)}&${enc('merge_request[target_branch]')}=${enc(base)}`;
}
