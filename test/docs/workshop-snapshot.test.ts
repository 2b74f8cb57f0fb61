/**
 * One real repository per language (git, commits, annotated tags), read back as a learner reads it:
 * the commit and tag messages, every stage README at its tag, the top README and handout-free file
 * tree at the last tag. The snapshot files are the review copy of the whole generated text.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepository } from '../../src/history/create-repository.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { FLAVORS, getFlavor } from '../../src/flavors/registry.js';
import { LANGUAGES } from '../../src/languages/registry.js';
import { formatTag, stageDir } from '../../src/layout/layout.js';
import { git, readTree } from '../helpers/git.js';


describe.each(FLAVORS.flatMap((each) => LANGUAGES.map((language) => ({ id: each.id, lang: language.id }))))('a $id workshop in $lang', ({ id, lang }) => {
  const flavor = getFlavor(id);
  // One repository for the whole suite (the tests only read it), removed at the end.
  let root = '';
  let repo = '';
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sockshop-mesh-docs-'));
    repo = (await createRepository(checkSettings({ directory: 'ws', lang, flavor: flavor.id }), { cwd: root, moveAside: false })).path;
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('matches its reviewed snapshot: messages, READMEs, and the hash of every file', async () => {
    const sections: string[] = [];
    for (const stage of flavor.stages) {
      const tag = formatTag(stage);
      sections.push(
        `## ${tag}`,
        '',
        '### tag message',
        '',
        git(repo, 'tag', '-l', '--format=%(contents)', tag).trimEnd(),
        '',
        '### commit message',
        '',
        git(repo, 'log', '-1', '--format=%B', tag).trimEnd(),
        '',
        `### ${stageDir(stage)}/README.md`,
        '',
        git(repo, 'show', `${tag}:${stageDir(stage)}/README.md`).trimEnd(),
        '',
      );
    }
    const last = formatTag(flavor.stages[flavor.stages.length - 1]);
    const tree = readTree(repo, last);
    sections.push('## README.md at the last tag', '', tree.get('README.md')!.trimEnd(), '', '## every file at the last tag (sha256)', '');
    for (const [path, text] of [...tree].sort(([a], [b]) => a.localeCompare(b))) sections.push(`${createHash('sha256').update(text).digest('hex').slice(0, 16)}  ${path}`);
    await expect(`${sections.join('\n')}\n`).toMatchFileSnapshot(`__snapshots__/workshop-${flavor.id}-${lang}.md`);
  });

  it('writes its commit and tag messages in its own language', async () => {
    const subjects = git(repo, 'log', '--format=%s').trim().split('\n');
    expect(subjects).toHaveLength(flavor.stages.length);
    const tags = flavor.stages.map((stage) => git(repo, 'tag', '-l', '--format=%(contents:subject)', formatTag(stage)).trim());
    const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
    for (const text of [...subjects, ...tags]) {
      if (lang === 'ja') expect(text).toMatch(/^ステージ \d\d /);
      if (lang === 'ja') expect(text).toMatch(japanese);
      else expect(text).not.toMatch(japanese);
    }
  });
});
