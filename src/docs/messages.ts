/**
 * Short texts written into a repository (commit and tag messages, diagram labels) in one language:
 * templates/docs/<lang>/messages.yaml, the same keys in every language. `{name}` is replaced by a
 * computed value; a missing key or value is a bug and throws.
 */
import { load } from 'js-yaml';
import type { LanguageId } from '../languages/registry.js';
import { readTemplate } from '../render/template.js';

type Messages = Record<string, unknown>;
const loaded = new Map<LanguageId, Messages>();

export function messagesFile(lang: LanguageId): string {
  return `docs/${lang}/messages.yaml`;
}

export function loadMessages(lang: LanguageId): Messages {
  let messages = loaded.get(lang);
  if (!messages) {
    messages = (load(readTemplate(messagesFile(lang))) ?? {}) as Messages;
    loaded.set(lang, messages);
  }
  return messages;
}

/** Every key of a catalog, dotted (`commit.subject`), for the test that both languages have the same. */
export function listMessageKeys(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    value && typeof value === 'object' ? listMessageKeys(value as Messages, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

export function formatMessage(lang: LanguageId, key: string, values: Record<string, string | number> = {}): string {
  const text = key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Messages)[part] : undefined), loadMessages(lang));
  if (typeof text !== 'string') throw new Error(`templates/${messagesFile(lang)}: no message ${key}`);
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`templates/${messagesFile(lang)}: message ${key} needs a value for {${name}}`);
    return String(values[name]);
  });
}
