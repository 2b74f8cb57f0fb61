/**
 * Fields the kubernetes-models packages lost: their generator removed every `description` key,
 * including properties that are *named* description (and, in JSONSchemaProps, the
 * `x-kubernetes-*` properties). Without these, valid objects would fail. Each patch restores the
 * upstream field as the upstream specification declares it.
 */
import type { JsonObject } from '../../src/validate/crd/json.js';
import { findSchemaNode } from './own-sources.js';

export interface DefinitionPatch {
  /** Definition id, e.g. `io.k8s.api.scheduling.v1.PriorityClass`. */
  id: string;
  /** Dotted path inside the definition; empty for its root. */
  path: string;
  properties: Record<string, JsonObject>;
  reason: string;
}

const OPTIONAL_STRING: JsonObject = { type: 'string', nullable: true };
const OPTIONAL_BOOLEAN: JsonObject = { type: 'boolean', nullable: true };
const JSON_SCHEMA_PROPS = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps';
const K8S_OPENAPI = 'kubernetes/kubernetes api/openapi-spec (1.27)';

export const NPM_PATCHES: readonly DefinitionPatch[] = [
  { id: 'io.k8s.api.scheduling.v1.PriorityClass', path: '', properties: { description: OPTIONAL_STRING }, reason: K8S_OPENAPI },
  { id: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceColumnDefinition', path: '', properties: { description: OPTIONAL_STRING }, reason: K8S_OPENAPI },
  { id: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ExternalDocumentation', path: '', properties: { description: OPTIONAL_STRING }, reason: K8S_OPENAPI },
  {
    id: JSON_SCHEMA_PROPS,
    path: '',
    properties: {
      description: OPTIONAL_STRING,
      'x-kubernetes-embedded-resource': OPTIONAL_BOOLEAN,
      'x-kubernetes-int-or-string': OPTIONAL_BOOLEAN,
      'x-kubernetes-list-map-keys': { type: 'array', items: { type: 'string' }, nullable: true },
      'x-kubernetes-list-type': OPTIONAL_STRING,
      'x-kubernetes-map-type': OPTIONAL_STRING,
      'x-kubernetes-preserve-unknown-fields': OPTIONAL_BOOLEAN,
      'x-kubernetes-validations': { type: 'array', items: { $ref: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ValidationRule#' }, nullable: true },
    },
    reason: K8S_OPENAPI,
  },
];

/** Adds the lost properties to the harvested definitions, in place; a patch that no longer applies is an error. */
export function applyNpmPatches(definitions: Map<string, JsonObject>, patches: readonly DefinitionPatch[] = NPM_PATCHES): void {
  for (const patch of patches) {
    const definition = definitions.get(patch.id);
    if (!definition) throw new Error(`npm patch: definition ${patch.id} not found`);
    const node = findSchemaNode(definition, patch.path);
    const properties = (node.properties ?? {}) as JsonObject;
    for (const [name, schema] of Object.entries(patch.properties)) {
      if (name in properties) throw new Error(`npm patch: ${patch.id} ${patch.path} already has ${name}; drop the patch`);
      properties[name] = structuredClone(schema);
    }
    node.properties = properties;
  }
}
