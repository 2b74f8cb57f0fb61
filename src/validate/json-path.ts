/**
 * Field paths as people write them: `spec.template.spec.containers[0].image`, with keys that are
 * not plain names quoted (`metadata.annotations["sidecar.istio.io/inject"]`).
 */

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Turns an ajv instancePath (a JSON pointer) into a field path, reading `root` to tell array indexes from keys. */
export function formatJsonPath(pointer: string, root: unknown): string {
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map(decodePointerSegment);
  let path = '';
  let node: unknown = root;
  for (const segment of segments) {
    path = appendPathSegment(path, segment, Array.isArray(node));
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return path;
}

/** `path` followed by one key (or array index). */
export function appendPathSegment(path: string, segment: string, isIndex = false): string {
  if (isIndex && /^[0-9]+$/.test(segment)) return `${path}[${segment}]`;
  if (PLAIN_KEY.test(segment)) return path === '' ? segment : `${path}.${segment}`;
  return `${path}[${JSON.stringify(segment)}]`;
}

function decodePointerSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
