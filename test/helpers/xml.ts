/**
 * A small XML well-formedness checker for the tests, written as a character scanner (no regular
 * expressions): an optional declaration, one root element, matching tags, quoted attribute values
 * without `<`, no duplicate attributes, only the five predefined entities and character references,
 * no stray `&`, `<` or `]]>` in text, and only characters XML 1.0 allows. It returns the tree with
 * attribute values and text decoded, so tests can check what a reader would see.
 */

export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isNameChar(char: string, first: boolean): boolean {
  const code = char.codePointAt(0)!;
  const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || char === '_' || char === ':' || code >= 0xc0;
  return first ? letter : letter || char === '-' || char === '.' || (code >= 48 && code <= 57);
}

function isAllowedChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000;
}

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\n' || char === '\t' || char === '\r';
}

export function parseXml(source: string): XmlNode {
  let pos = 0;
  const fail = (problem: string): never => {
    throw new Error(`not well-formed XML at offset ${pos}: ${problem}`);
  };
  for (const char of source) if (!isAllowedChar(char.codePointAt(0)!)) fail(`forbidden character U+${char.codePointAt(0)!.toString(16)}`);
  const skipSpace = () => {
    while (isSpace(source[pos])) pos += 1;
  };
  const expect = (text: string) => {
    if (!source.startsWith(text, pos)) fail(`expected ${JSON.stringify(text)}`);
    pos += text.length;
  };
  const readName = (): string => {
    const start = pos;
    if (pos >= source.length || !isNameChar(source[pos], true)) fail('expected a name');
    while (pos < source.length && isNameChar(source[pos], false)) pos += 1;
    return source.slice(start, pos);
  };
  const readReference = (): string => {
    expect('&');
    const end = source.indexOf(';', pos);
    if (end < 0 || end - pos > 10) fail('unterminated entity reference');
    const body = source.slice(pos, end);
    pos = end + 1;
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)));
    if (!(body in NAMED)) fail(`unknown entity &${body};`);
    return NAMED[body];
  };
  const readAttributeValue = (): string => {
    const quote = source[pos];
    if (quote !== '"' && quote !== "'") fail('attribute value must be quoted');
    pos += 1;
    let value = '';
    while (source[pos] !== quote) {
      if (pos >= source.length) fail('unterminated attribute value');
      if (source[pos] === '<') fail('"<" in an attribute value');
      if (source[pos] === '&') value += readReference();
      else value += source[pos++];
    }
    pos += 1;
    return value;
  };
  const readElement = (): XmlNode => {
    expect('<');
    const node: XmlNode = { name: readName(), attributes: {}, children: [], text: '' };
    for (;;) {
      const hadSpace = isSpace(source[pos]);
      skipSpace();
      if (source.startsWith('/>', pos)) {
        pos += 2;
        return node;
      }
      if (source[pos] === '>') {
        pos += 1;
        break;
      }
      if (!hadSpace) fail('attributes must be separated by white space');
      const name = readName();
      if (name in node.attributes) fail(`duplicate attribute ${name}`);
      skipSpace();
      expect('=');
      skipSpace();
      node.attributes[name] = readAttributeValue();
    }
    for (;;) {
      if (pos >= source.length) fail(`unclosed element <${node.name}>`);
      if (source.startsWith('</', pos)) {
        pos += 2;
        if (readName() !== node.name) fail(`mismatched closing tag for <${node.name}>`);
        skipSpace();
        expect('>');
        return node;
      }
      if (source[pos] === '<') node.children.push(readElement());
      else if (source[pos] === '&') node.text += readReference();
      else {
        if (source.startsWith(']]>', pos)) fail('"]]>" in text');
        node.text += source[pos++];
      }
    }
  };
  if (source.startsWith('<?xml', pos)) {
    const end = source.indexOf('?>', pos);
    if (end < 0) fail('unterminated XML declaration');
    pos = end + 2;
  }
  skipSpace();
  const root = readElement();
  skipSpace();
  if (pos !== source.length) fail('content after the root element');
  return root;
}
