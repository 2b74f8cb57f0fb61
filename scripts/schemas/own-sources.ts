/**
 * Our own schema sources in `schemas-src/<group>/<kind>_<version>.json`: the openAPIV3Schema of an
 * upstream CRD (converted by `scripts/import-crd-schemas.ts`, descriptions left out) plus
 * refinements written by hand where the CRD is looser than the operator's Go types (enums of typed
 * string constants, version patterns). Each refinement says which upstream type it follows.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { UpstreamSource } from './crd-imports.js';
import { isJsonObject, type Json, type JsonObject } from '../../src/validate/crd/json.js';

export interface Refinement {
  /** Dotted path through `properties`; `[]` steps into array items, e.g. `spec.members[]`. */
  path: string;
  /** Keywords set on the node at `path` (replacing the same keywords). */
  merge: JsonObject;
  /** Which upstream type or document the refinement follows. */
  reason: string;
}

export interface OwnSchemaSource {
  apiVersion: string;
  kind: string;
  upstream: UpstreamSource & { crd: string; note?: string };
  refinements: Refinement[];
  schema: JsonObject;
}

/** Every source file below `dir`, with its path relative to `dir`, in path order. */
export function readOwnSources(dir: string): Array<{ file: string; source: OwnSchemaSource }> {
  const files = listJsonFiles(dir).sort();
  return files.map((path) => ({ file: relative(dir, path).split('\\').join('/'), source: JSON.parse(readFileSync(path, 'utf8')) as OwnSchemaSource }));
}

function listJsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return listJsonFiles(path);
    return entry.endsWith('.json') ? [path] : [];
  });
}

/** A copy of `schema` with each refinement applied; a path that does not exist is an error. */
export function applyRefinements(schema: JsonObject, refinements: readonly Refinement[]): JsonObject {
  const copy = structuredClone(schema);
  for (const refinement of refinements) {
    const node = findSchemaNode(copy, refinement.path);
    Object.assign(node, structuredClone(refinement.merge));
  }
  return copy;
}

/** The schema node at a dotted path through `properties` (`[]` steps into `items`); throws when absent. */
export function findSchemaNode(schema: JsonObject, path: string): JsonObject {
  let node: Json | undefined = schema;
  for (const step of path.replace(/\[\]/g, '.[]').split('.').filter(Boolean)) {
    if (!isJsonObject(node)) break;
    node = step === '[]' ? node.items : isJsonObject(node.properties) ? node.properties[step] : undefined;
  }
  if (!isJsonObject(node)) throw new Error(`schema path ${path} does not exist`);
  return node;
}
