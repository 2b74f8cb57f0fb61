/** Reading generated Markdown for the docs tests: code blocks, diagrams, listed objects. */
export interface Block {
  lang: string;
  body: string;
}

/** Fenced blocks, in order. */
export function listBlocks(markdown: string): Block[] {
  return [...markdown.matchAll(/^[ \t]*```(\w*)\n([\s\S]*?)^[ \t]*```$/gm)].map((match) => ({ lang: match[1], body: match[2] }));
}

/** What must be the same in every language: commands without their trailing comments, diagrams without their labels. */
export function normalizeBlock(block: Block): string {
  if (block.lang === 'mermaid') return block.body.replace(/"[^"]*"/g, '""');
  return block.body
    .split('\n')
    .map((line) => line.replace(/\s+# .*$/, '').trimEnd())
    .join('\n');
}

/** The backticked items of a README's bullet lists that name objects (`Kind/name (namespace)`). */
export function listObjectItems(markdown: string): string[] {
  return [...markdown.matchAll(/^- `([A-Z][A-Za-z]+\/[^`]+)`$/gm)].map((match) => match[1]);
}

/** A commit message's listed objects (`- Kind/name (namespace)`), section by section. */
export function listMessageItems(message: string): string[] {
  return [...message.matchAll(/^- ([A-Z][A-Za-z]+\/\S+(?: \([^)]+\))?)$/gm)].map((match) => match[1]);
}

