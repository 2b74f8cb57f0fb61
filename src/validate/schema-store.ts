/**
 * Finds, compiles and caches the schema of each apiVersion + kind from a schema folder in
 * kubeconform's layout (default: the package's bundled `schemas/`). Each schema file is read once
 * per store; lookups after the first are a map read. A schema gets a plain checker (check-schema.ts)
 * when it can, and is compiled by ajv (loaded then, not before) only when an object fails that check
 * or the schema needs ajv: compiling is most of the cost of a run, and most objects are valid.
 */
import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';
import { buildSchemaCheck, type SchemaCheck } from './check-schema.js';
import { listSchemaFileCandidates } from './schema-names.js';
import { locateBundledSchemaDir, readSchemaFolder, type SchemaFileReader } from './schema-loader.js';
import { schemaSetDir, type SchemaSetId } from './schema-sets.js';

export interface SchemaIndexEntry {
  apiVersion: string;
  kind: string;
  file: string;
}

export type SchemaLookup =
  | {
      status: 'found';
      file: string;
      schema: unknown;
      /** A yes/no answer without ajv, when the schema allows one: true means valid, false means ask `validate`. */
      check?: SchemaCheck;
      /** ajv's validator (compiled on first use when there is a `check`); its errors are the messages. */
      readonly validate: ValidateFunction;
    }
  | { status: 'missing'; tried: string[] }
  | { status: 'invalid'; file: string; reason: string };

export interface SchemaStore {
  /** Where the schemas come from, for messages. */
  readonly location: string;
  findSchema(apiVersion: string, kind: string): SchemaLookup;
  /** Every apiVersion and kind the folder's index.json lists (empty without one). */
  listKinds(): readonly SchemaIndexEntry[];
}

export interface SchemaStoreOptions {
  /** A schema folder in kubeconform's layout; default: the bundled one. */
  schemaDir?: string;
  /**
   * A schema set inside that folder (`sets/<set>/`, src/validate/schema-sets.ts), looked in before
   * the folder itself, as kubeconform does with two `-schema-location`s.
   */
  set?: SchemaSetId;
  /** Reads files instead of `schemaDir` (tests, or schemas held in memory). */
  readFile?: SchemaFileReader;
}

/** Formats the schemas use that ajv checks; anything else in `format` is ignored. */
const CHECKED_FORMATS = ['date-time', 'int32', 'int64', 'float', 'double', 'byte', 'binary'] as const;
const CHECKED_FORMAT_SET: ReadonlySet<string> = new Set(CHECKED_FORMATS);
const API_VERSION = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(\/[A-Za-z0-9-]+)?$/;
const KIND = /^[A-Za-z][A-Za-z0-9]*$/;

export function createSchemaStore(options: SchemaStoreOptions = {}): SchemaStore {
  const schemaDir = options.readFile ? options.schemaDir ?? '(in memory)' : options.schemaDir ?? locateBundledSchemaDir();
  const readShared = options.readFile ?? readSchemaFolder(schemaDir);
  const setDir = options.set ? schemaSetDir(options.set) : undefined;
  const readFile: SchemaFileReader = setDir ? (file) => readShared(`${setDir}/${file}`) ?? readShared(file) : readShared;
  let ajv: Ajv | undefined;
  const getAjv = () => (ajv ??= createAjv());
  const byFile = new Map<string, SchemaLookup>();
  const byKind = new Map<string, SchemaLookup>();
  let index: SchemaIndexEntry[] | undefined;

  const loadFile = (file: string, kind: string): SchemaLookup | undefined => {
    const cached = byFile.get(file);
    if (cached) return cached.status === 'found' && !pinsKind(cached.schema, kind) ? undefined : cached;
    const text = readFile(file);
    if (text === undefined) return undefined;
    const lookup = loadSchema(getAjv, file, text);
    byFile.set(file, lookup);
    // Like kubeconform: a file whose schema pins another kind is not this kind's schema.
    return lookup.status === 'found' && !pinsKind(lookup.schema, kind) ? undefined : lookup;
  };

  return {
    location: setDir ? `${schemaDir} (with ${setDir})` : schemaDir,
    findSchema(apiVersion, kind) {
      const key = `${apiVersion}\n${kind}`;
      const cached = byKind.get(key);
      if (cached) return cached;
      const tried = API_VERSION.test(apiVersion) && KIND.test(kind) ? listSchemaFileCandidates(apiVersion, kind) : [];
      const lookup = tried.reduce<SchemaLookup | undefined>((found, file) => found ?? loadFile(file, kind), undefined) ?? { status: 'missing', tried };
      byKind.set(key, lookup);
      return lookup;
    },
    listKinds() {
      index ??= [...(setDir ? parseIndex(readShared(`${setDir}/index.json`)) : []), ...parseIndex(readShared('index.json'))];
      return index;
    },
  };
}

const bundledStores = new Map<SchemaSetId | undefined, SchemaStore>();

/**
 * One store over the bundled schemas, shared by every caller in the process: a set's (its folder, then
 * the shared one) or, without a set, the shared schemas only (Kubernetes and every kind no set owns).
 */
export function getSchemaStore(set?: SchemaSetId): SchemaStore {
  let store = bundledStores.get(set);
  if (!store) bundledStores.set(set, (store = createSchemaStore({ set })));
  return store;
}

function createAjv(): Ajv {
  const require = createRequire(import.meta.url);
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  const formatsPlugin = require('ajv-formats') as { default: (ajv: Ajv, formats: string[]) => Ajv };
  // strict: false lets ajv accept schema keywords it does not know; the schemas themselves are strict about data.
  // inlineRefs/optimize off: compiling dominates the cost of a run, and both halve compile time here.
  const ajv = new AjvClass({ strict: false, allErrors: true, verbose: true, validateSchema: false, inlineRefs: false, code: { optimize: false } });
  formatsPlugin.default(ajv, [...CHECKED_FORMATS]);
  return ajv;
}

function loadSchema(getAjv: () => Ajv, file: string, text: string): SchemaLookup {
  try {
    const schema: unknown = JSON.parse(text);
    const check = buildSchemaCheck(schema, CHECKED_FORMAT_SET);
    if (!check) return { status: 'found', file, schema, validate: getAjv().compile(schema as object) };
    let compiled: ValidateFunction | undefined;
    return {
      status: 'found',
      file,
      schema,
      check,
      get validate() {
        compiled ??= getAjv().compile(schema as object);
        return compiled;
      },
    };
  } catch (error) {
    return { status: 'invalid', file, reason: (error as Error).message };
  }
}

function pinsKind(schema: unknown, kind: string): boolean {
  const pinned = (schema as { properties?: { kind?: { enum?: unknown[] } } } | undefined)?.properties?.kind?.enum;
  return !Array.isArray(pinned) || pinned.includes(kind);
}

function parseIndex(text: string | undefined): SchemaIndexEntry[] {
  if (text === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as SchemaIndexEntry[]) : [];
  } catch {
    return [];
  }
}
