/** Just enough XML writing for the JUnit report: escaped text and attributes, nested elements. */

/** Characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD. */
function replaceForbidden(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const allowed =
      code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000;
    out += allowed ? char : '\ufffd';
  }
  return out;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escaped for an attribute value or element text; newlines in attributes kept as `&#10;`. */
export function escapeXml(text: string, inAttribute = false): string {
  const escaped = replaceForbidden(text).replace(/[&<>"']/g, (char) => ENTITIES[char]);
  return inAttribute ? escaped.replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;') : escaped;
}

export interface XmlElement {
  name: string;
  attributes?: Record<string, string | number | undefined>;
  children?: XmlElement[];
  text?: string;
}

export function writeXmlElement(element: XmlElement, indent = ''): string {
  const attributes = Object.entries(element.attributes ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value), true)}"`)
    .join('');
  const open = `${indent}<${element.name}${attributes}`;
  const children = element.children ?? [];
  if (children.length === 0 && element.text === undefined) return `${open}/>`;
  if (children.length === 0) return `${open}>${escapeXml(element.text ?? '')}</${element.name}>`;
  const inner = children.map((child) => writeXmlElement(child, `${indent}  `)).join('\n');
  return `${open}>\n${inner}\n${indent}</${element.name}>`;
}

export function writeXmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${writeXmlElement(root)}\n`;
}
