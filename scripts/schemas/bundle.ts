/**
 * Builds one self-contained schema file per kind: the strict root schema, with every definition it
 * reaches through `$ref` kept once under `definitions` (kubeconform reads each file on its own, and
 * shared definitions keep files small and compile faster than inlining).
 */
import { isJsonObject, type Json, type JsonObject } from '../../src/validate/crd/json.js';
import { readRefTarget, rewriteRef, strictifySchema } from '../../src/validate/crd/strictify.js';

export const OBJECT_META_ID = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

export interface KindSchemaInput {
  apiVersion: string;
  kind: string;
  /** The kind's root schema as the source writes it (not yet strict). */
  root: JsonObject;
}

/** Raw definitions by id, and their strict forms computed once per build. */
export interface DefinitionPool {
  raw: ReadonlyMap<string, JsonObject>;
  strict: Map<string, JsonObject>;
}

export function createDefinitionPool(raw: ReadonlyMap<string, JsonObject>): DefinitionPool {
  return { raw, strict: new Map() };
}

/** The strict, self-contained schema of one kind. */
export function bundleKindSchema(input: KindSchemaInput, pool: DefinitionPool): JsonObject {
  const root = strictifySchema(input.root);
  pinIdentity(root, input.apiVersion, input.kind);
  const definitions: JsonObject = {};
  const pending = collectRefs(root);
  while (pending.length > 0) {
    const id = pending.pop() as string;
    if (id in definitions) continue;
    const strict = resolveDefinition(id, pool);
    definitions[id] = strict;
    pending.push(...collectRefs(strict));
  }
  if (Object.keys(definitions).length > 0) root.definitions = definitions;
  return root;
}

function resolveDefinition(id: string, pool: DefinitionPool): JsonObject {
  const cached = pool.strict.get(id);
  if (cached) return cached;
  const raw = pool.raw.get(id);
  if (!raw) throw new Error(`schema definition ${id} is referenced but missing from the sources`);
  const strict = strictifySchema(raw);
  pool.strict.set(id, strict);
  return strict;
}

/** apiVersion and kind pinned to one value and required; metadata is Kubernetes' ObjectMeta. */
function pinIdentity(root: JsonObject, apiVersion: string, kind: string): void {
  const properties = isJsonObject(root.properties) ? root.properties : {};
  properties.apiVersion = { enum: [apiVersion], type: 'string' };
  properties.kind = { enum: [kind], type: 'string' };
  if (!isRefToObjectMeta(properties.metadata)) properties.metadata = { $ref: rewriteRef(OBJECT_META_ID) };
  root.properties = properties;
  root.type = 'object';
  root.additionalProperties = false;
  const required = Array.isArray(root.required) ? root.required.filter((r) => r !== 'apiVersion' && r !== 'kind') : [];
  root.required = ['apiVersion', 'kind', ...required];
}

function isRefToObjectMeta(value: Json | undefined): boolean {
  return JSON.stringify(value ?? null).includes(rewriteRef(OBJECT_META_ID));
}

/** Ids of every `$ref` below a node. */
export function collectRefs(node: Json): string[] {
  const found: string[] = [];
  const visit = (value: Json): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isJsonObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (key === '$ref' && typeof child === 'string') found.push(readRefTarget(child));
        else visit(child);
      }
    }
  };
  visit(node);
  return found;
}
