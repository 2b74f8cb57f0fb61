/**
 * Schemas from elsewhere than the bundled folder, as stores of the same shape, tried in order:
 * CustomResourceDefinition YAML read straight from a folder (`--crds`, e.g. `kubectl get crd -o
 * yaml` from a real cluster) and kubeconform-style `--schema-location` templates (folders, or URLs
 * fetched once into an on-disk cache).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { extname, join, relative } from 'node:path';
import { loadAll } from 'js-yaml';
import { UserError } from '../errors.js';
import { stripDescriptions } from './crd/crd-extract.js';
import { isJsonObject, type Json, type JsonObject } from './crd/json.js';
import { strictifySchema } from './crd/strictify.js';
import { computeTemplateValues, nameGroupSchemaFile } from './schema-names.js';
import { createSchemaStore, type SchemaLookup, type SchemaStore } from './schema-store.js';
import type { Violation } from './types.js';

function listYamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listYamlFiles(path);
    return ['.yaml', '.yml', '.json'].includes(extname(name)) ? [path] : [];
  });
}

/** Every served version of every CRD below `dir`, as strict schemas named like kubeconform's CRD layout. */
export function readCrdFolder(dir: string): { files: Map<string, string>; problems: Violation[] } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UserError(`--crds ${dir}: not a folder`, 'Give a folder of CustomResourceDefinition YAML, e.g. the output of `kubectl get crd -o yaml > crds/all.yaml`.');
  }
  const files = new Map<string, string>();
  const problems: Violation[] = [];
  for (const path of listYamlFiles(dir)) {
    const file = relative(process.cwd(), path);
    const problem = (message: string): void => void problems.push({ file, path: '', message, severity: 'error', code: 'bad-crd' });
    let documents: unknown[];
    try {
      documents = loadAll(readFileSync(path, 'utf8'));
    } catch (error) {
      problem(`not valid YAML: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    // `kubectl get crd -o yaml` prints a List; plain files hold the CRDs themselves.
    const crds = documents.flatMap((document) => (isJsonObject(document as Json) && (document as JsonObject).kind === 'List' ? ((document as JsonObject).items as Json[]) ?? [] : [document]));
    for (const crd of crds) {
      if (!isJsonObject(crd as Json) || (crd as JsonObject).kind !== 'CustomResourceDefinition') continue;
      const spec = (crd as JsonObject).spec as JsonObject | undefined;
      const kind = (spec?.names as JsonObject | undefined)?.kind;
      if (!spec || typeof spec.group !== 'string' || typeof kind !== 'string' || !Array.isArray(spec.versions)) {
        problem('a CustomResourceDefinition without spec.group, spec.names.kind or spec.versions');
        continue;
      }
      for (const version of spec.versions as JsonObject[]) {
        const schema = (version.schema as JsonObject | undefined)?.openAPIV3Schema;
        if (!isJsonObject(schema as Json)) {
          problem(`${kind} ${String(version.name)} has no openAPIV3Schema: its objects cannot be checked`);
          continue;
        }
        const apiVersion = `${spec.group}/${String(version.name)}`;
        files.set(nameGroupSchemaFile(apiVersion, kind), JSON.stringify(strictifySchema(addImplicitFields(stripDescriptions(schema as JsonObject) as JsonObject))));
      }
    }
  }
  return { files, problems };
}

/** The API server accepts apiVersion, kind and metadata on every object, whether the CRD's schema lists them or not. */
function addImplicitFields(schema: JsonObject): JsonObject {
  const properties = isJsonObject(schema.properties as Json) ? (schema.properties as JsonObject) : {};
  return {
    ...schema,
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      ...properties,
    },
  };
}

export function createCrdStore(dir: string): { store: SchemaStore; problems: Violation[] } {
  const { files, problems } = readCrdFolder(dir);
  return { store: createSchemaStore({ schemaDir: dir, readFile: (file) => files.get(file) }), problems };
}

/** kubeconform's template syntax: `{{ .ResourceKind }}`, `{{ .Group }}`, … */
export function expandLocation(template: string, apiVersion: string, kind: string, kubernetesVersion = 'master'): string {
  const values = computeTemplateValues(apiVersion, kind);
  const table: Record<string, string> = {
    ResourceKind: values.resourceKind,
    ResourceAPIVersion: values.resourceApiVersion,
    Group: values.group,
    KindSuffix: values.kindSuffix,
    NormalizedKubernetesVersion: kubernetesVersion,
    StrictSuffix: '-strict',
  };
  return template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (whole, name: string) => {
    if (!(name in table)) throw new UserError(`--schema-location ${template}: unknown template value ${whole}`, `Known values: ${Object.keys(table).map((key) => `{{ .${key} }}`).join(', ')}.`);
    return table[name];
  });
}

export interface LocationOptions {
  /** Where fetched schemas are kept; default ~/.cache/sockshop-mesh/schemas. */
  cacheDir?: string;
  fetchText?: (url: string) => Promise<string | undefined>;
}

async function fetchOverNetwork(url: string): Promise<string | undefined> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    // fetch says only "fetch failed"; the reason (refused, unknown host, TLS) is its cause.
    const cause = (error as Error & { cause?: NodeJS.ErrnoException }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new UserError(`cannot fetch schema ${url}: ${reason}`, 'Check the --schema-location URL and your network, or download the schemas and give their folder instead.');
  }
  if (response.status === 404) return undefined;
  if (!response.ok) throw new UserError(`cannot fetch schema ${url}: HTTP ${response.status}`, 'Check the --schema-location, or use a local folder.');
  return response.text();
}

async function readLocation(location: string, options: LocationOptions): Promise<string | undefined> {
  if (!/^https?:\/\//.test(location)) return existsSync(location) ? readFileSync(location, 'utf8') : undefined;
  const cacheDir = options.cacheDir ?? join(homedir(), '.cache', 'sockshop-mesh', 'schemas');
  const cached = join(cacheDir, `${createHash('sha256').update(location).digest('hex')}.json`);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  const text = await (options.fetchText ?? fetchOverNetwork)(location);
  if (text !== undefined) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cached, text);
  }
  return text;
}

/**
 * A store over kubeconform-style locations, for the kinds given. Templates are expanded and read
 * (or fetched and cached) up front, so lookups during validation stay synchronous. A location
 * without `{{` is a folder in kubeconform's layout.
 */
export async function createLocationStore(locations: readonly string[], kinds: readonly { apiVersion: string; kind: string }[], options: LocationOptions = {}): Promise<SchemaStore> {
  const stores: SchemaStore[] = [];
  for (const location of locations) {
    if (!location.includes('{{')) {
      if (!existsSync(location) || !statSync(location).isDirectory()) {
        throw new UserError(`--schema-location ${location}: not a readable folder`, 'Give a folder of schemas in kubeconform\'s layout, or a template such as dir/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json.');
      }
      stores.push(createSchemaStore({ schemaDir: location }));
      continue;
    }
    const texts = new Map<string, string>();
    for (const { apiVersion, kind } of kinds) {
      const text = await readLocation(expandLocation(location, apiVersion, kind), options);
      if (text !== undefined) texts.set(`${apiVersion}\n${kind}`, text);
    }
    stores.push({
      location,
      findSchema: (apiVersion, kind) => {
        const text = texts.get(`${apiVersion}\n${kind}`);
        if (text === undefined) return { status: 'missing', tried: [expandLocation(location, apiVersion, kind)] };
        return createSchemaStore({ schemaDir: location, readFile: () => text }).findSchema(apiVersion, kind);
      },
      listKinds: () => [],
    });
  }
  return chainStores(stores);
}

/** The first store that has a schema for the kind wins. */
export function chainStores(stores: readonly SchemaStore[]): SchemaStore {
  const cache = new Map<string, SchemaLookup>();
  return {
    location: stores.map((store) => store.location).join(', '),
    findSchema(apiVersion, kind) {
      const key = `${apiVersion}\n${kind}`;
      const cached = cache.get(key);
      if (cached) return cached;
      const tried: string[] = [];
      let lookup: SchemaLookup | undefined;
      for (const store of stores) {
        const found = store.findSchema(apiVersion, kind);
        if (found.status !== 'missing') {
          lookup = found;
          break;
        }
        tried.push(...found.tried);
      }
      lookup ??= { status: 'missing', tried };
      cache.set(key, lookup);
      return lookup;
    },
    listKinds: () => stores.flatMap((store) => store.listKinds()),
  };
}
