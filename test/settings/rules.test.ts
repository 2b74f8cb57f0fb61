import { describe, expect, it } from 'vitest';
import { checkBranch, checkDnsLabel, checkDomain, checkRemote, measureDistance, suggestNearest, toSshUrl } from '../../src/settings/rules.js';

describe('checkDnsLabel', () => {
  it.each(['user1', 'a', 'a-b-9', 'x'.repeat(63)])('accepts %s', (value) => expect(checkDnsLabel(value)).toBeUndefined());
  it.each(['User1', '-a', 'a-', 'a_b', 'a.b', '', 'ü'])('rejects %j', (value) => expect(checkDnsLabel(value)).toMatch(/DNS label/));
  it('names the length when too long', () => expect(checkDnsLabel('x'.repeat(64))).toMatch(/at most 63 characters \(it has 64\)/));
});

describe('checkDomain', () => {
  it.each(['apps.example.com', 'apps.cluster-6a92.6a92.sandbox595.opentlc.com', 'a.b'])('accepts %s', (value) => expect(checkDomain(value)).toBeUndefined());
  it.each(['localhost', 'Apps.example.com', 'apps..example.com', 'apps.example.com.', '*.apps.example.com', 'apps example.com', ''])(
    'rejects %j',
    (value) => expect(checkDomain(value)).toMatch(/DNS domain/),
  );
});

describe('checkRemote', () => {
  it.each([
    'https://github.com/org/repo.git',
    'http://gitea.local:3000/org/repo',
    'ssh://git@github.com/org/repo.git',
    'git@github.com:org/repo.git',
  ])('accepts %s', (value) => expect(checkRemote(value)).toBeUndefined());
  it.each(['not a url', 'https://x/y; rm -rf /', 'https://x/$(id)', 'ftp://x/y', 'git://github.com/o/r.git', 'file:///srv/git/repo.git', "https://x/y'z", 'https://x/y\nz', 'github.com/org/repo'])(
    'rejects %j',
    (value) => expect(checkRemote(value)).toMatch(/must be a git URL/),
  );
  it('refuses a password in the URL', () => expect(checkRemote('https://me:secret@github.com/o/r.git')).toMatch(/without a password/));
});

describe('checkBranch', () => {
  it.each(['main', 'workshop/2026', 'user1-stage', 'v1.x'])('accepts %s', (value) => expect(checkBranch(value)).toBeUndefined());
  it.each(['', '-x', 'a..b', 'a b', 'a~1', 'a^', 'a:b', 'x.lock', 'a/', '/a', '.hidden', 'a/.b', 'a@{1}', 'a\\b'])('rejects %j', (value) =>
    expect(checkBranch(value)).toMatch(/git branch name/),
  );
});

describe('suggestNearest', () => {
  it('finds typos', () => {
    expect(suggestNearest('domian', ['domain', 'tenant', 'remote'])).toBe('domain');
    expect(suggestNearest('argo', ['argocd', 'flux', 'both'])).toBe('argocd');
  });
  it('suggests nothing for unrelated words', () => expect(suggestNearest('zzzzzz', ['domain', 'tenant'])).toBeUndefined());
  it('measures edit distance', () => {
    expect(measureDistance('kitten', 'sitting')).toBe(3);
    expect(measureDistance('', 'abc')).toBe(3);
  });
});

describe('toSshUrl', () => {
  it('rewrites scp-like remotes for Flux and leaves URLs alone', () => {
    expect(toSshUrl('git@github.com:org/ws.git')).toBe('ssh://git@github.com/org/ws.git');
    expect(toSshUrl('https://github.com/org/ws.git')).toBe('https://github.com/org/ws.git');
    expect(toSshUrl('ssh://git@host:2222/org/ws.git')).toBe('ssh://git@host:2222/org/ws.git');
  });
});
