/**
 * The lint as each GitOps engine sees a repository. A layer with one folder per engine (Helm
 * installs) holds different objects for Argo CD and for Flux, so each stage is linted once per
 * engine with that engine's own folders and rules. The bootstraps are followed too: every
 * Application and Kustomization must point at a folder that renders, what it points at is linted as
 * that engine applies it (a class: the shared layers with each participant's own folder), and each
 * participant's GitOps objects must stay inside that participant's fence (src/lint/tenancy.ts).
 * Findings name the file the object comes from, never a generated intermediate.
 */
import { UnsupportedKustomizationError } from '../kustomize/errors.js';
import { basename } from 'node:path';
import type { Flavor, Layer } from '../flavors/types.js';
import { renderKustomization, type RenderCache, type RenderedObject, type RepoReader } from '../kustomize/index.js';
import { findKustomizationFile } from '../kustomize/render-kustomization.js';
import { deriveParticipantNames } from '../layout/names.js';
import { BOOTSTRAP_DIR, layerDir, parseStageId, PARTICIPANTS_BOOTSTRAP_DIR, STAGES_DIR, tenantDir } from '../layout/layout.js';
import { checkStage } from '../lint/check-stage.js';
import { objectViolation } from '../lint/object-violation.js';
import { readPath } from '../lint/references.js';
import { checkTenancy, type ParticipantScope } from '../lint/tenancy.js';
import type { KubeObject } from '../render/manifest.js';
import type { GitOpsEngine } from '../settings/settings.js';
import type { Violation } from '../validate/types.js';

export interface EngineLayers {
  layers: Partial<Record<Layer, KubeObject[]>>;
  objects: RenderedObject[];
}

type Sources = Map<KubeObject, { file: string; line?: number }>;

function render(reader: RepoReader, dir: string, cache: RenderCache): RenderedObject[] {
  return renderKustomization(reader, dir, cache).objects;
}

/** What makes two findings the same: the place, the object, the field and the words. */
export function formatViolationKey(violation: Violation): string {
  return JSON.stringify([violation.file, violation.line, violation.kind, violation.name, violation.namespace, violation.path, violation.message]);
}

/** One violation per finding: the same object seen by two engines (or two participants) is reported once. */
export function dedupeViolations(violations: readonly Violation[]): Violation[] {
  const seen = new Set<string>();
  return violations.filter((violation) => {
    const key = formatViolationKey(violation);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/**
 * What an engine applies at one stage, by layer: for each layer the newest folder of that layer
 * (that engine's, for a layer with one per engine) among this stage and the ones before.
 * `stageDirs` are the stage folder names in order; `index` the stage's position.
 */
export function renderEngineLayers(reader: RepoReader, flavor: Flavor, stageDirs: readonly string[], index: number, engine: GitOpsEngine, cache: RenderCache): EngineLayers {
  const layers: EngineLayers['layers'] = {};
  const objects: RenderedObject[] = [];
  for (const definition of flavor.layers) {
    for (let at = index; at >= 0; at -= 1) {
      const stage = parseStageId(stageDirs[at]);
      if (!stage) continue;
      const dir = layerDir(stage, definition, engine);
      if (findKustomizationFile(reader, dir) === undefined) continue;
      const rendered = render(reader, dir, cache);
      layers[definition.layer] = rendered.map((entry) => entry.object);
      objects.push(...rendered);
      break;
    }
  }
  return { layers, objects };
}

function lint(flavor: Flavor, engine: GitOpsEngine, layers: EngineLayers['layers'], sources: Sources, fallback: string): Violation[] {
  return checkStage({ flavor, layers, engines: [engine], sourceOf: (object) => sources.get(object) ?? { file: fallback } });
}

const sourcesOf = (objects: readonly RenderedObject[]): Sources => new Map(objects.map((entry) => [entry.object, { file: entry.file, ...(entry.line ? { line: entry.line } : {}) }]));

/** A stage linted once per engine, with that engine's folders. */
export function lintStageEngines(reader: RepoReader, flavor: Flavor, engines: readonly GitOpsEngine[], stageDirs: readonly string[], index: number, cache: RenderCache): { violations: Violation[]; objects: RenderedObject[] } {
  const violations: Violation[] = [];
  const objects: RenderedObject[] = [];
  for (const engine of engines) {
    const rendered = renderEngineLayers(reader, flavor, stageDirs, index, engine, cache);
    objects.push(...rendered.objects);
    violations.push(...lint(flavor, engine, rendered.layers, sourcesOf(rendered.objects), `${STAGES_DIR}/${stageDirs[index]}`));
  }
  return { violations: dedupeViolations(violations), objects };
}

/** The layer a folder applies: the last of its path segments that names a layer (`cluster/installers/flux`, `tenants/user1/mesh`). */
function findPathLayer(flavor: Flavor, path: string): Layer | undefined {
  const names = new Set(flavor.layers.map((definition) => definition.layer as string));
  return path.split('/').reverse().find((segment) => names.has(segment)) as Layer | undefined;
}

/** The layer of a rendered object, from the stage folder it comes from: `stages/<id>/<layer>/…`. */
function findFileLayer(flavor: Flavor, file: string): Layer | undefined {
  const [root, , layer] = file.split('/');
  return root === STAGES_DIR && flavor.layers.some((definition) => definition.layer === layer) ? (layer as Layer) : undefined;
}

/** The repository folder a GitOps object syncs, with the field that names it; chart Applications and other kinds have none. */
function readSyncPath(object: KubeObject): { path: string; field: string } | undefined {
  if (object.kind === 'Application' && object.apiVersion.startsWith('argoproj.io/')) {
    const path = readPath(object, 'spec.source.path');
    return typeof path === 'string' ? { path, field: 'spec.source.path' } : undefined;
  }
  if (object.kind === 'Kustomization' && object.apiVersion.startsWith('kustomize.toolkit.fluxcd.io/')) {
    const path = readPath(object, 'spec.path');
    return typeof path === 'string' ? { path, field: 'spec.path' } : undefined;
  }
  return undefined;
}

const normalize = (path: string) => path.replace(/^\.\//, '').replace(/\/+$/, '');

/** The participants a bootstrap has a file for (`bootstrap/<engine>/participants/<name>.yaml`). */
export function listBootstrapParticipants(reader: RepoReader, engine: GitOpsEngine): string[] {
  const dir = `${BOOTSTRAP_DIR}/${engine}/${PARTICIPANTS_BOOTSTRAP_DIR}`;
  if (!reader.isDir(dir) || !reader.list) return [];
  return reader
    .list(dir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => basename(name, '.yaml'))
    .sort();
}

/** A participant's fence: the namespaces their own folder creates, and the folders they may sync. */
export function describeParticipantScope(reader: RepoReader, flavor: Flavor, participant: string, cache: RenderCache): ParticipantScope {
  const layers = flavor.layers.filter((definition) => definition.scope === 'participant');
  // Namespaces are cluster-scoped: Flux's folders of cluster-scoped layers hold them; Argo CD's one folder holds everything.
  const scoped = layers.filter((definition) => definition.clusterScoped).map((definition) => tenantDir(participant, definition.layer));
  const existing = (dir: string) => findKustomizationFile(reader, dir) !== undefined;
  const dirs = scoped.some(existing) ? scoped.filter(existing) : [tenantDir(participant)].filter(existing);
  const namespaces = new Set<string>();
  for (const dir of dirs) {
    try {
      for (const { object } of render(reader, dir, cache)) if (object.kind === 'Namespace') namespaces.add(object.metadata.name);
    } catch {
      // A folder that does not render is reported where a GitOps object points at it.
    }
  }
  return {
    participant,
    namespaces: [...namespaces].sort(),
    gitopsName: deriveParticipantNames(flavor, participant, '').gitopsName,
    dir: tenantDir(participant),
    privileged: layers.filter((definition) => definition.clusterScoped).map((definition) => tenantDir(participant, definition.layer)),
  };
}

/**
 * The lint of one engine's bootstrap (its objects as rendered from `bootstrap/<engine>`): the
 * folders its GitOps objects point at, what those apply, and each participant's fence.
 */
export function lintBootstrap(
  reader: RepoReader,
  flavor: Flavor,
  engine: GitOpsEngine,
  bootstrap: readonly RenderedObject[],
  cache: RenderCache,
  /** Folders already built by a real kustomize (what the in-process renderer does not support), by path. */
  builtElsewhere: ReadonlyMap<string, readonly RenderedObject[]> = new Map(),
): Violation[] {
  const violations: Violation[] = [];
  const at = (entry: RenderedObject, path: string, message: string, code: string): Violation => objectViolation(entry.object, entry, path, message, code);
  const participants = listBootstrapParticipants(reader, engine);
  const ownerOf = (entry: RenderedObject) => participants.find((participant) => entry.file === `${BOOTSTRAP_DIR}/${engine}/${PARTICIPANTS_BOOTSTRAP_DIR}/${participant}.yaml`);

  // What each GitOps object points at, rendered once per folder.
  const units = new Map<string | undefined, { layer: Layer | undefined; objects: RenderedObject[] }[]>();
  for (const entry of bootstrap) {
    const sync = readSyncPath(entry.object);
    if (!sync) continue;
    const dir = normalize(sync.path);
    if (findKustomizationFile(reader, dir) === undefined) {
      violations.push(at(entry, sync.field, `points at ${sync.path}, which has no kustomization.yaml in this repository`, 'reference'));
      continue;
    }
    let objects: RenderedObject[];
    try {
      objects = render(reader, dir, cache);
    } catch (error) {
      const built = error instanceof UnsupportedKustomizationError ? builtElsewhere.get(dir) : undefined;
      if (built) {
        objects = [...built];
        const owner = ownerOf(entry);
        units.set(owner, [...(units.get(owner) ?? []), { layer: engine === 'flux' ? findPathLayer(flavor, dir) : undefined, objects }]);
        continue;
      }
      const reason = error instanceof Error ? error.message : String(error);
      violations.push(at(entry, sync.field, `points at ${sync.path}, which does not render: ${reason}`, 'render'));
      continue;
    }
    const owner = ownerOf(entry);
    units.set(owner, [...(units.get(owner) ?? []), { layer: engine === 'flux' ? findPathLayer(flavor, dir) : undefined, objects }]);
  }

  // Each participant with the shared parts (or the one participant: everything), linted as this engine applies it.
  const groups = participants.length > 0 ? participants.map((participant) => [...(units.get(undefined) ?? []), ...(units.get(participant) ?? [])]) : [units.get(undefined) ?? []];
  for (const group of groups) {
    const layers: EngineLayers['layers'] = {};
    const all: RenderedObject[] = [];
    for (const { layer, objects } of group) {
      for (const entry of objects) {
        const own = layer ?? findFileLayer(flavor, entry.file) ?? flavor.layers[flavor.layers.length - 1].layer;
        (layers[own] ??= []).push(entry.object);
        all.push(entry);
      }
    }
    if (all.length > 0) violations.push(...lint(flavor, engine, layers, sourcesOf(all), `${BOOTSTRAP_DIR}/${engine}`));
  }

  for (const participant of participants) {
    const own = bootstrap.filter((entry) => ownerOf(entry) === participant);
    violations.push(...checkTenancy(own, describeParticipantScope(reader, flavor, participant, cache)));
  }
  return dedupeViolations(violations);
}
