/**
 * The embedded validator: strict schemas for every kind the generator emits, checked in-process
 * (no kubeconform needed), with readable, located violations.
 */
export type { Severity, SourcedObject, Violation, ViolationCode } from './types.js';
export { validateObjects, type ValidateOptions } from './validate-objects.js';
export { createSchemaStore, getSchemaStore, type SchemaIndexEntry, type SchemaLookup, type SchemaStore, type SchemaStoreOptions } from './schema-store.js';
export { locateBundledSchemaDir, readSchemaFolder, type SchemaFileReader } from './schema-loader.js';
export { SCHEMA_LOCATION_TEMPLATES, computeTemplateValues, listSchemaFileCandidates, nameCoreSchemaFile, nameGroupSchemaFile, type SchemaTemplateValues } from './schema-names.js';
export { SCHEMA_SETS, schemaSetDir, type SchemaSetId } from './schema-sets.js';
