/**
 * Takes the openAPIV3Schema of chosen versions out of an upstream CustomResourceDefinition file,
 * without descriptions (the upstream file, named in each source, keeps them).
 */
import { loadAll } from 'js-yaml';
import { isJsonObject, type Json, type JsonObject } from './json.js';

export interface ExtractedSchema {
  apiVersion: string;
  kind: string;
  schema: JsonObject;
}

/** One entry per requested version found in the CRD documents of `yamlText`. */
export function extractCrdSchemas(yamlText: string, versions: readonly string[]): ExtractedSchema[] {
  const found: ExtractedSchema[] = [];
  for (const document of loadAll(yamlText)) {
    if (!isJsonObject(document as Json) || (document as JsonObject).kind !== 'CustomResourceDefinition') continue;
    const spec = (document as JsonObject).spec as JsonObject;
    const names = spec.names as JsonObject;
    for (const version of spec.versions as JsonObject[]) {
      if (!versions.includes(String(version.name))) continue;
      const schema = (version.schema as JsonObject | undefined)?.openAPIV3Schema;
      if (!isJsonObject(schema as Json)) throw new Error(`${String(names.kind)} ${String(version.name)} has no openAPIV3Schema`);
      found.push({
        apiVersion: `${String(spec.group)}/${String(version.name)}`,
        kind: String(names.kind),
        schema: stripDescriptions(schema as JsonObject) as JsonObject,
      });
    }
  }
  const missing = versions.filter((v) => !found.some((f) => f.apiVersion.endsWith(`/${v}`)));
  if (missing.length > 0) throw new Error(`versions ${missing.join(', ')} not found in the CRD`);
  return found;
}

/** A schema without `description` keywords; property names (even `description`) are kept. */
export function stripDescriptions(node: Json): Json {
  if (!isJsonObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description') continue;
    if ((key === 'properties' || key === 'patternProperties' || key === 'definitions') && isJsonObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, stripDescriptions(child)]));
    } else if (key === 'items' || key === 'additionalProperties' || key === 'not') {
      out[key] = stripDescriptions(value);
    } else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      out[key] = value.map(stripDescriptions);
    } else {
      out[key] = value;
    }
  }
  return out;
}
