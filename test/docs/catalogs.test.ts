/**
 * Every language is a folder of prose with the same shape: the same template paths, the same
 * message keys with the same `{placeholders}`, the same stage entries; and the Japanese prose keeps
 * to the glossary's spelling. Languages come from the registry, never from a list here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { FLAVORS } from '../../src/flavors/registry.js';
import { listMessageKeys, loadMessages } from '../../src/docs/messages.js';
import { loadStageCatalog, readStageText } from '../../src/docs/stage-texts.js';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../src/languages/registry.js';
import { templatePath } from '../../src/render/template.js';

const listFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? listFiles(join(dir, name)) : [join(dir, name)]));
const templatesOf = (lang: string) =>
  listFiles(templatePath(`docs/${lang}`))
    .map((file) => relative(templatePath(`docs/${lang}`), file))
    .filter((file) => file.endsWith('.hbs') || file.endsWith('.yaml'))
    .sort();
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
const lookUp = (messages: Record<string, unknown>, key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages) as string;
const others = LANGUAGES.filter((language) => language.id !== DEFAULT_LANGUAGE);

describe('language folders', () => {
  it('has more than one language to compare', () => {
    expect(others.length).toBeGreaterThan(0);
  });

  for (const { id } of others) {
    it(`${id} has exactly the template paths of ${DEFAULT_LANGUAGE}`, () => {
      expect(templatesOf(id)).toEqual(templatesOf(DEFAULT_LANGUAGE));
    });

    it(`${id} has every message key of ${DEFAULT_LANGUAGE}, no other, with the same placeholders`, () => {
      const reference = loadMessages(DEFAULT_LANGUAGE);
      const messages = loadMessages(id);
      const keys = listMessageKeys(reference).sort();
      expect(keys.length).toBeGreaterThan(20);
      expect(listMessageKeys(messages).sort()).toEqual(keys);
      for (const key of keys) {
        const text = lookUp(messages, key);
        expect(typeof text, key).toBe('string');
        expect(text.trim(), key).not.toBe('');
        expect(placeholders(text), key).toEqual(placeholders(lookUp(reference, key)));
      }
    });

    it(`${id} has the stage entries of ${DEFAULT_LANGUAGE}, field for field`, () => {
      const reference = loadStageCatalog(DEFAULT_LANGUAGE);
      const catalog = loadStageCatalog(id);
      const shape = (value: Record<string, Record<string, object>>) =>
        Object.entries(value).flatMap(([group, stages]) => Object.entries(stages).flatMap(([slug, fields]) => Object.keys(fields).map((field) => `${group}.${slug}.${field}`))).sort();
      expect(shape(catalog)).toEqual(shape(reference));
      // Every stage of every flavor has its texts in this language (a title may be a name, like "front-end v2").
      for (const flavor of FLAVORS) {
        for (const stage of flavor.stages) {
          const text = readStageText(id, flavor.id, stage.slug);
          for (const field of ['summary', 'lesson'] as const) expect(text[field], `${flavor.id} ${stage.slug} ${field}`).not.toBe(readStageText(DEFAULT_LANGUAGE, flavor.id, stage.slug)[field]);
        }
      }
    });
  }
});

describe('the Japanese glossary', () => {
  const glossary = readFileSync(templatePath('docs/ja/GLOSSARY.md'), 'utf8');
  // The table's second column: the Japanese terms the prose uses.
  const terms = glossary
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| English') && !line.startsWith('|---'))
    .flatMap((line) => line.split('|')[2].split('/').map((term) => term.trim()))
    .filter((term) => /[^\x00-\x7f]/.test(term));
  const prose = templatesOf('ja').map((file) => [file, readFileSync(templatePath(`docs/ja/${file}`), 'utf8')] as const);

  it('lists the terms of the style the issue names', () => {
    for (const term of ['サービスメッシュ', 'コントロールプレーン', 'サイドカー', 'Ingress ゲートウェイ', 'トラフィック分割', '可観測性', 'ステージ', 'タグ']) expect(terms).toContain(term);
  });

  it('is followed: no word of the glossary that ends in a long-vowel mark appears without it', () => {
    const longVowel = [...new Set(terms.flatMap((term) => term.split(/\s+/)).filter((word) => word.endsWith('ー') && word.length > 2))];
    expect(longVowel).toContain('リポジトリー');
    expect(longVowel.length).toBeGreaterThan(5);
    for (const word of longVowel) {
      const short = new RegExp(`${word.slice(0, -1)}(?!ー)`);
      for (const [file, text] of prose) expect(text.match(short)?.[0], `${file} spells ${word} without ー`).toBeUndefined();
    }
  });

  it('keeps Japanese paragraphs on one line (a line break would show as a space between characters)', () => {
    for (const [file, text] of prose.filter(([file]) => file.endsWith('.hbs'))) {
      const lines = text.split('\n');
      lines.forEach((line, index) => {
        const next = lines[index + 1] ?? '';
        const joined = /[\u3040-\u30ff\u4e00-\u9fff。、]$/.test(line) && /^[\u3040-\u30ff\u4e00-\u9fff]/.test(next);
        expect(joined, `${file}:${index + 1} continues on the next line`).toBe(false);
        expect(line, `${file}:${index + 1} has a space after 。 or 、`).not.toMatch(/[。、] (?!\|)/);
      });
    }
    for (const [file, text] of prose.filter(([file]) => file.endsWith('.yaml'))) {
      const walk = (node: unknown): string[] => (typeof node === 'string' ? [node] : node && typeof node === 'object' ? Object.values(node).flatMap(walk) : []);
      for (const value of walk(load(text))) expect(value, file).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff。、] [\u3040-\u30ff\u4e00-\u9fff]|[。、] /);
    }
  });
});
