import { describe, expect, it } from 'vitest';
import { formatPullRequestUrl, parseWebRepository } from '../../src/publish/pull-request-urls.js';

describe('parseWebRepository', () => {
  it.each([
    ['https://github.com/acme/ws.git', 'github', 'https://github.com/acme/ws'],
    ['https://user@github.com/acme/ws', 'github', 'https://github.com/acme/ws'],
    ['git@github.com:acme/ws.git', 'github', 'https://github.com/acme/ws'],
    ['ssh://git@github.example.com/acme/ws.git', 'github', 'https://github.example.com/acme/ws'],
    ['https://gitlab.com/group/sub/ws.git', 'gitlab', 'https://gitlab.com/group/sub/ws'],
    ['git@gitlab.example.com:group/sub/ws.git', 'gitlab', 'https://gitlab.example.com/group/sub/ws'],
    ['ssh://git@gitlab.example.com:2222/group/ws.git', 'gitlab', 'https://gitlab.example.com/group/ws'],
    ['https://gitlab.example.com:8443/group/ws.git', 'gitlab', 'https://gitlab.example.com:8443/group/ws'],
  ])('%s is %s at %s', (remote, forge, url) => expect(parseWebRepository(remote)).toEqual({ forge, url }));

  it.each(['https://git.example.com/acme/ws.git', '/tmp/remote.git', 'file:///tmp/remote.git', 'https://github.com/onlyowner', 'not a url'])(
    'knows no pull-request page for %s',
    (remote) => expect(parseWebRepository(remote)).toBeUndefined(),
  );
});

describe('formatPullRequestUrl', () => {
  it('opens a GitHub compare page of the stage branch against its base, names URL-encoded', () => {
    expect(formatPullRequestUrl({ forge: 'github', url: 'https://github.com/acme/ws' }, 'stage/02-control-plane', 'stage/01-operators')).toBe(
      'https://github.com/acme/ws/compare/stage%2F01-operators...stage%2F02-control-plane?expand=1',
    );
  });

  it('opens a GitLab new merge request with source and target branches', () => {
    expect(formatPullRequestUrl({ forge: 'gitlab', url: 'https://gitlab.com/g/ws' }, 'stage/01-operators', 'main')).toBe(
      'https://gitlab.com/g/ws/-/merge_requests/new?merge_request%5Bsource_branch%5D=stage%2F01-operators&merge_request%5Btarget_branch%5D=main',
    );
  });
});
