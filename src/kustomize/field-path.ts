/**
 * Kustomize field paths, as replacements use them: dot-separated segments, where a segment in
 * brackets is one map key even with dots in it (`metadata.labels.[istio.io/rev]`), `[name=x]`
 * picks the list item whose field `name` is `x`, a number picks a list item by index and `*`
 * every item of a list.
 */
import { isMap } from './parse-documents.js';

export type PathSegment =
  | { type: 'key'; key: string }
  | { type: 'index'; index: number }
  | { type: 'match'; field: string; value: string }
  | { type: 'all' };

export function parseFieldPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let rest = path;
  while (rest.length > 0) {
    let raw: string;
    let bracketed = false;
    if (rest.startsWith('[')) {
      const end = rest.indexOf(']');
      if (end < 0) throw new Error(`unbalanced "[" in field path ${JSON.stringify(path)}`);
      raw = rest.slice(1, end);
      bracketed = true;
      rest = rest.slice(end + 1);
      if (rest.startsWith('.')) rest = rest.slice(1);
      else if (rest.length > 0) throw new Error(`expected "." after "]" in field path ${JSON.stringify(path)}`);
    } else {
      const dot = rest.indexOf('.');
      raw = dot < 0 ? rest : rest.slice(0, dot);
      rest = dot < 0 ? '' : rest.slice(dot + 1);
    }
    if (raw === '') throw new Error(`empty segment in field path ${JSON.stringify(path)}`);
    const equals = bracketed ? raw.indexOf('=') : -1;
    if (equals > 0) segments.push({ type: 'match', field: raw.slice(0, equals), value: raw.slice(equals + 1) });
    else if (!bracketed && raw === '*') segments.push({ type: 'all' });
    else if (!bracketed && /^\d+$/.test(raw)) segments.push({ type: 'index', index: Number(raw) });
    else segments.push({ type: 'key', key: raw });
  }
  return segments;
}

/** Where a path leads in a value: the parent and the key or index of each leaf it reaches. */
export interface FieldSlot {
  parent: Record<string, unknown> | unknown[];
  key: string | number;
}

/**
 * Every slot a path reaches in `root`. A missing map key is created (as a map, or the leaf slot
 * itself) only with `create`; a missing list item never is. Returns [] when the path leads nowhere.
 */
export function findSlots(root: unknown, segments: readonly PathSegment[], create = false): FieldSlot[] {
  let slots: FieldSlot[] = [{ parent: { root }, key: 'root' }];
  segments.forEach((segment, position) => {
    const last = position === segments.length - 1;
    const next: FieldSlot[] = [];
    for (const slot of slots) {
      let value = (slot.parent as Record<string | number, unknown>)[slot.key];
      if (segment.type === 'key') {
        if (value === undefined && create) {
          value = {};
          (slot.parent as Record<string | number, unknown>)[slot.key] = value;
        }
        if (!isMap(value)) continue;
        if (!(segment.key in value) && !create) continue;
        if (!(segment.key in value) && !last) value[segment.key] = {};
        next.push({ parent: value, key: segment.key });
      } else if (Array.isArray(value)) {
        if (segment.type === 'index' && segment.index < value.length) next.push({ parent: value, key: segment.index });
        if (segment.type === 'all') value.forEach((_, index) => next.push({ parent: value as unknown[], key: index }));
        if (segment.type === 'match') {
          value.forEach((item, index) => {
            if (isMap(item) && String(item[segment.field]) === segment.value) next.push({ parent: value as unknown[], key: index });
          });
        }
      }
    }
    slots = next;
  });
  return slots;
}

export function readSlot(slot: FieldSlot): unknown {
  return (slot.parent as Record<string | number, unknown>)[slot.key];
}

export function writeSlot(slot: FieldSlot, value: unknown): void {
  (slot.parent as Record<string | number, unknown>)[slot.key] = value;
}
