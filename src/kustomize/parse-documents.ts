/**
 * A YAML stream split into documents, each with the 1-based line where its content starts, in one
 * parse (js-yaml's event stream carries source offsets). Errors name the file and the line.
 */
import { constructFromEvents, EVENT_ID, parseEvents, YAMLException, type Event } from 'js-yaml';
import { KustomizationError } from './errors.js';

export interface YamlDocument {
  /** Index of the document in its file, from 0, counting empty documents. */
  index: number;
  /** 1-based line of the document's first node (after `---` and comments). */
  line: number;
  value: unknown;
}

function countLine(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

function locateNode(event: Event | undefined): number {
  if (!event) return -1;
  const starts: number[] = [];
  if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) starts.push(event.start, event.anchorStart, event.tagStart);
  if (event.type === EVENT_ID.SCALAR) starts.push(event.valueStart, event.anchorStart, event.tagStart);
  if (event.type === EVENT_ID.ALIAS) starts.push(event.anchorStart);
  const known = starts.filter((start) => start >= 0);
  return known.length > 0 ? Math.min(...known) : -1;
}

function describeYamlError(error: unknown, file: string): never {
  if (error instanceof YAMLException) {
    throw new KustomizationError(file, error.mark ? error.mark.line + 1 : undefined, `invalid YAML: ${error.reason}`);
  }
  throw error;
}

/** Every document of a YAML stream (empty ones included, as null). */
export function parseDocuments(text: string, file: string): YamlDocument[] {
  let events: Event[];
  let values: unknown[];
  try {
    events = parseEvents(text, { filename: file });
    values = constructFromEvents(events, { source: text, filename: file });
  } catch (error) {
    describeYamlError(error, file);
  }
  const offsets: number[] = [];
  events.forEach((event, i) => {
    if (event.type === EVENT_ID.DOCUMENT) offsets.push(locateNode(events[i + 1]));
  });
  return values.map((value, index) => {
    const offset = offsets[index] ?? -1;
    return { index, line: offset >= 0 ? countLine(text, offset) : 1, value };
  });
}

export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
