/**
 * The words of each stage (title, one-line summary, lesson) in one language: templates/docs/<lang>/
 * stages.yaml, a flavor's entry over the lessons every flavor shares. Commit subjects, tag messages,
 * the stage table and `--help` all read them from here.
 */
import { load } from 'js-yaml';
import type { FlavorId } from '../flavors/types.js';
import type { LanguageId } from '../languages/registry.js';
import { readTemplate } from '../render/template.js';

export interface StageText {
  title: string;
  summary: string;
  lesson: string;
}

type Catalog = Record<string, Record<string, Partial<StageText>>>;

const catalogs = new Map<LanguageId, Catalog>();

export function stageTextFile(lang: LanguageId): string {
  return `docs/${lang}/stages.yaml`;
}

export function loadStageCatalog(lang: LanguageId): Catalog {
  let catalog = catalogs.get(lang);
  if (!catalog) {
    catalog = (load(readTemplate(stageTextFile(lang))) ?? {}) as Catalog;
    catalogs.set(lang, catalog);
  }
  return catalog;
}

export function readStageText(lang: LanguageId, flavor: FlavorId, slug: string): StageText {
  const catalog = loadStageCatalog(lang);
  const merged = { ...catalog.common?.[slug], ...catalog[flavor]?.[slug] };
  for (const field of ['title', 'summary', 'lesson'] as const) {
    if (typeof merged[field] !== 'string' || merged[field] === '') {
      throw new Error(`templates/${stageTextFile(lang)}: no ${field} for stage ${slug} of the ${flavor} flavor (nor under common)`);
    }
  }
  return merged as StageText;
}
