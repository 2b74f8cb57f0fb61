/**
 * Reads the raw JSON schemas embedded in the kubernetes-models packages. Each compiled module holds
 * one `const schema = {…};` literal (JSON with quoted keys) and registers it under an id such as
 * `io.k8s.api.apps.v1.Deployment` or `networking.istio.io.v1beta1.Gateway`; `$ref`s name those ids.
 * The modules are read as text, never imported.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isJsonObject, type JsonObject } from '../../src/validate/crd/json.js';

export interface NpmPackage {
  name: string;
  version: string;
  license: string;
  dir: string;
}

/** One kind found in a package: its root definition id and where it came from. */
export interface NpmKind {
  apiVersion: string;
  kind: string;
  rootId: string;
  pkg: NpmPackage;
}

const SCHEMA_LITERAL = /^const schema = (\{\}|\{[\s\S]*?^\});$/m;
const REGISTERED_ID = /register\("([^"]+)", schema\)/;
const DECLARED_ID = /^const schemaId = "([^"]+)";$/m;

/** The installed package `name`, found in a node_modules folder above this script; checks the version. */
export function locateNpmPackage(name: string, expectedVersion: string): NpmPackage {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) {
      const manifest = JSON.parse(readFileSync(join(candidate, 'package.json'), 'utf8')) as Record<string, unknown>;
      const version = String(manifest.version);
      if (version !== expectedVersion) {
        throw new Error(`${name}@${version} is installed, the schema build expects ${expectedVersion} (npm ci restores it)`);
      }
      return { name, version, license: String(manifest.license), dir: candidate };
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package ${name} is not installed (npm ci installs the devDependencies)`);
    dir = parent;
  }
}

/** Parses one compiled module into its id and schema; undefined when the file holds no schema. */
export function parseSchemaModule(text: string): { id: string; schema: JsonObject } | undefined {
  const literal = SCHEMA_LITERAL.exec(text);
  const id = DECLARED_ID.exec(text)?.[1] ?? REGISTERED_ID.exec(text)?.[1];
  if (!literal?.[1] || !id) return undefined;
  const schema: unknown = JSON.parse(literal[1]);
  if (!isJsonObject(schema)) throw new Error(`schema ${id} is not an object`);
  return { id, schema };
}

/** Every schema module below `dir` (recursively), except the packages' index files. */
export function readSchemaModules(dir: string, into: Map<string, JsonObject>): string[] {
  const ids: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (entry !== 'node_modules') ids.push(...readSchemaModules(path, into));
      continue;
    }
    if (!entry.endsWith('.mjs') || entry === 'index.mjs') continue;
    const parsed = parseSchemaModule(readFileSync(path, 'utf8'));
    if (!parsed) continue;
    into.set(parsed.id, parsed.schema);
    ids.push(parsed.id);
  }
  return ids;
}

/** The apiVersion and kind a root schema pins with single-value enums, if it is a kind's root. */
export function readKindIdentity(schema: JsonObject): { apiVersion: string; kind: string } | undefined {
  const properties = schema.properties;
  if (!isJsonObject(properties)) return undefined;
  const apiVersion = pickSingleEnum(properties.apiVersion);
  const kind = pickSingleEnum(properties.kind);
  return apiVersion && kind ? { apiVersion, kind } : undefined;
}

function pickSingleEnum(value: unknown): string | undefined {
  if (!isJsonObject(value) || !Array.isArray(value.enum) || value.enum.length !== 1) return undefined;
  const only = value.enum[0];
  return typeof only === 'string' ? only : undefined;
}
