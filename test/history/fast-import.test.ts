import { describe, expect, it } from 'vitest';
import { formatFastImport } from '../../src/history/fast-import.js';

const identity = { name: 'Ada', email: 'ada@example.com', when: '1764057600 +0000' };

describe('formatFastImport', () => {
  it('writes commits with full trees, parents, and annotated tags', () => {
    const stream = formatFastImport(
      [
        { message: 'one\n', tag: 'v1.0.0+a', tagMessage: 'A\n', files: new Map([['a.txt', 'é\n']]) },
        { message: 'two\n', tag: 'v1.1.0+b', tagMessage: 'B\n', files: new Map([['b/c.yaml', 'x: 1\n'], ['a.txt', 'é\n']]) },
      ],
      'main',
      identity,
    );
    expect(stream).toContain('commit refs/heads/main\nmark :1\nauthor Ada <ada@example.com> 1764057600 +0000\n');
    expect(stream).toContain('M 100644 inline a.txt\ndata 3\né\n'); // byte length, not characters
    expect(stream).toContain('mark :2');
    expect(stream).toContain('from :1\ndeleteall\nM 100644 inline a.txt');
    expect(stream.indexOf('inline a.txt', stream.indexOf('mark :2'))).toBeLessThan(stream.indexOf('inline b/c.yaml'));
    expect(stream).toContain('tag v1.1.0+b\nfrom :2\ntagger Ada <ada@example.com> 1764057600 +0000\ndata 2\nB\n');
    expect(stream.endsWith('done\n')).toBe(true);
  });

  it('writes an entry to its own branch, parented on the entry before, in the same stream', () => {
    const stream = formatFastImport(
      [
        { message: 'one\n', tag: 't1', tagMessage: 'A\n', files: new Map([['a', '1']]) },
        { branch: 'stage/01-b', message: 'two\n', tag: 't2', tagMessage: 'B\n', files: new Map([['a', '2']]) },
        { branch: 'stage/02-c', message: 'three\n', tag: 't3', tagMessage: 'C\n', files: new Map([['a', '3']]) },
      ],
      'main',
      identity,
    );
    expect(stream.match(/^commit /gm)).toHaveLength(3);
    expect(stream).toContain('commit refs/heads/main\nmark :1\n');
    expect(stream).toMatch(/commit refs\/heads\/stage\/01-b\nmark :2\n[^]*?from :1\n/);
    expect(stream).toMatch(/commit refs\/heads\/stage\/02-c\nmark :3\n[^]*?from :2\n/);
    expect(stream).toContain('tag t3\nfrom :3\n');
  });

  it.each(['../escape', '/abs/path', 'a/../../b', 'with space', 'a/./b', 'quote"d'])('refuses the unsafe path %j', (path) => {
    expect(() => formatFastImport([{ message: 'm', tag: 't', tagMessage: 't', files: new Map([[path, '']]) }], 'main', identity)).toThrow(/unsafe path/);
  });
});
