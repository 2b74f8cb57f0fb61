/**
 * A whole class in one generation, checked the way the GitOps engines will see it: for every flavor,
 * a real repository for 3 participants and both engines; at every stage tag, every path an engine
 * syncs (read from the bootstrap at that tag: Argo CD Application paths, Flux Kustomization paths)
 * is built with the real `kubectl kustomize` and validated with the flavor's strict schemas. Then:
 * the shared parts are owned once per engine, each participant's objects name only their own
 * namespaces, each participant's Argo CD project and Flux ServiceAccount confine them, and at the last
 * stage every participant has the whole shop in the mesh. Expected sets come from the flavor
 * registry, the tenant list and the shared stage folders (written for the placeholder participant).
 * One generated class per flavor, shared by the tests of that flavor (they only read it).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { dump, loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLAVORS } from '../../src/flavors/registry.js';
import type { Flavor } from '../../src/flavors/types.js';
import { PARTICIPANT_ROLE } from '../../src/gitops/flux.js';
import { createRepository } from '../../src/history/create-repository.js';
import { bootstrapDir, ENTRY_DIR, entryLayerDir, formatTag, stageDir, tenantDir } from '../../src/layout/layout.js';
import { deriveParticipantNames, deriveRepositoryNames, PLACEHOLDER_PARTICIPANT, type ParticipantNames } from '../../src/layout/names.js';
import { checkInjection } from '../../src/lint/injection.js';
import { findTemplate, readTemplate } from '../../src/render/template.js';
import { parseWorkloads } from '../../src/scenario/workloads.js';
import type { KubeObject } from '../../src/render/manifest.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import type { GitOpsEngine, Settings } from '../../src/settings/settings.js';
import { getSchemaStore } from '../../src/validate/schema-store.js';
import { validateObjects } from '../../src/validate/validate-objects.js';
import { KUSTOMIZE } from '../helpers/kustomize.js';

const PARTICIPANTS = 3;
const ENGINES: readonly GitOpsEngine[] = ['argocd', 'flux'];
/** Builds run side by side, a few at a time (the machine has 2 cores). */
const CONCURRENCY = 4;

/** One path an engine syncs, who owns it and what it builds to. */
interface Synced {
  engine: GitOpsEngine;
  /** The participant, or undefined for the instructor's shared part. */
  participant?: string;
  path: string;
  /** The Argo CD Application or Flux Kustomization that syncs it. */
  owner: KubeObject;
  objects: KubeObject[];
}

interface TagBuild {
  tag: string;
  /** What `oc apply -k bootstrap/<engine>` applies at this tag. */
  bootstrap: Record<GitOpsEngine, KubeObject[]>;
  synced: Synced[];
  /** The shared stage folder, written for the placeholder participant. */
  stage: KubeObject[];
  failures: string[];
}

interface GeneratedClass {
  settings: Settings;
  repo: string;
  tags: TagBuild[];
  names: ParticipantNames[];
  placeholder: ParticipantNames;
}

let running = 0;
const waiting: (() => void)[] = [];
async function limit<T>(task: () => Promise<T>): Promise<T> {
  if (running >= CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await task();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function kustomize(dir: string): Promise<KubeObject[]> {
  return limit(
    () =>
      new Promise((resolve, reject) => {
        execFile(KUSTOMIZE.command, [...KUSTOMIZE.args, dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
          if (error) reject(new Error(`${KUSTOMIZE.command} ${[...KUSTOMIZE.args, dir].join(' ')}: ${stderr || error.message}`));
          else resolve((loadAll(stdout) as KubeObject[]).filter(Boolean));
        });
      }),
  );
}

/** Marks which of the built paths an object came from (removed again after the build). */
const PATH_LABEL = 'class-test.invalid/path';
let batches = 0;

/**
 * Builds several folders of one checked-out tree with one `kubectl kustomize` (a process per folder
 * would take minutes): each folder is wrapped in a kustomization that only labels what it builds,
 * and the wrappers are built together. A folder that does not build fails the whole batch; each
 * folder is then built on its own, to say which one and why.
 */
async function buildFolders(tree: string, paths: readonly string[], failures: string[], where: string): Promise<Map<string, KubeObject[]>> {
  const batch = join(tree, '.class-test', String((batches += 1)));
  for (const [index, path] of paths.entries()) {
    mkdirSync(join(batch, String(index)), { recursive: true });
    writeFileSync(
      join(batch, String(index), 'kustomization.yaml'),
      dump({
        resources: [relative(join(batch, String(index)), join(tree, path))],
        labels: [{ pairs: { [PATH_LABEL]: String(index) } }],
        // kustomize drops a participant's values (local-config) only at the very end, so two
        // participants' values would clash in the batch: drop them in each wrapper instead.
        patches: [{ target: { kind: 'ConfigMap', annotationSelector: 'config.kubernetes.io/local-config=true' }, patch: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: any\n$patch: delete\n' }],
      }),
    );
  }
  writeFileSync(join(batch, 'kustomization.yaml'), dump({ resources: paths.map((_, index) => String(index)) }));
  const built = new Map<string, KubeObject[]>(paths.map((path) => [path, []]));
  try {
    for (const object of await kustomize(batch)) {
      const labels = object.metadata.labels!;
      const path = paths[Number(labels[PATH_LABEL])];
      delete labels[PATH_LABEL];
      if (Object.keys(labels).length === 0) delete object.metadata.labels;
      built.get(path)!.push(object);
    }
  } catch (batchError) {
    let found = false;
    for (const path of paths) {
      try {
        built.set(path, await kustomize(join(tree, path)));
      } catch (error) {
        found = true;
        failures.push(`${where} ${path}: ${(error as Error).message}`);
      }
    }
    // Each builds alone, so together they clash (the same object twice).
    if (!found) failures.push(`${where} ${paths.join(', ')} together: ${(batchError as Error).message}`);
  }
  return built;
}

const identity = (object: KubeObject) => `${object.apiVersion.split('/')[0]}/${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Every string in an object, with its path. */
function* walkStrings(value: unknown, path = ''): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [index, item] of value.entries()) yield* walkStrings(item, `${path}[${index}]`);
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) yield* walkStrings(item, path ? `${path}.${key}` : key);
}

function read(object: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), object);
}

type Entry = Omit<Synced, 'objects'> & { revision: string };

/** The paths an engine syncs, read from what its bootstrap applies, with the tag each is pinned to. */
function listSynced(engine: GitOpsEngine, bootstrap: readonly KubeObject[], settings: Settings, participantOf: (source: string) => string | undefined): Entry[] {
  if (engine === 'argocd') {
    return bootstrap
      .filter((object) => object.kind === 'Application' && read(object, 'spec.source.repoURL') === settings.remote)
      .map((application) => ({
        engine,
        participant: participantOf(application.metadata.name),
        path: read(application, 'spec.source.path') as string,
        owner: application,
        revision: read(application, 'spec.source.targetRevision') as string,
      }));
  }
  const sources = new Map(bootstrap.filter((object) => object.kind === 'GitRepository').map((object) => [object.metadata.name, read(object, 'spec.ref.tag') as string]));
  return bootstrap
    .filter((object) => object.kind === 'Kustomization' && object.apiVersion.startsWith('kustomize.toolkit.fluxcd.io/'))
    .map((kustomization) => {
      const source = read(kustomization, 'spec.sourceRef.name') as string;
      return { engine, participant: participantOf(source), path: (read(kustomization, 'spec.path') as string).replace(/^\.\//, ''), owner: kustomization, revision: sources.get(source)! };
    });
}

function checkout(repo: string, root: string, tag: string): string {
  const tree = join(root, 'trees', tag);
  mkdirSync(tree, { recursive: true });
  execFileSync('sh', ['-c', `git -C "$0" archive --format=tar "$1" | tar -x -C "$2"`, repo, tag, tree]);
  return tree;
}

/**
 * One tag: its bootstrap and stage folder; each participant's paths as if their pin named this tag
 * (promote moves a participant to any tag); the shared paths at the tag their pin names (the
 * instructor's part is installed once, at the last stage), built once per engine and pin.
 */
async function buildTag(trees: ReadonlyMap<string, string>, generated: Omit<GeneratedClass, 'tags'>, tag: string, stage: string, shared: Map<string, Promise<Map<string, KubeObject[]>>>, sharedFailures: string[]): Promise<TagBuild> {
  const tree = trees.get(tag)!;
  const failures: string[] = [];
  const first = await buildFolders(tree, [bootstrapDir('argocd'), bootstrapDir('flux'), stage], failures, tag);
  const bootstrap = { argocd: first.get(bootstrapDir('argocd'))!, flux: first.get(bootstrapDir('flux'))! };
  const participantOf = (name: string) => generated.names.find((names) => names.gitopsName === name)?.participant;
  const synced: Synced[] = [];
  for (const engine of ENGINES) {
    const entries = listSynced(engine, bootstrap[engine], generated.settings, participantOf);
    const own = entries.filter((entry) => entry.participant !== undefined);
    const ownBuilt = await buildFolders(tree, own.map((entry) => entry.path), failures, `${tag} ${engine}`);
    synced.push(...own.map(({ revision: _revision, ...entry }) => ({ ...entry, objects: ownBuilt.get(entry.path)! })));
    const instructor = entries.filter((entry) => entry.participant === undefined);
    for (const entry of instructor) if (!trees.has(entry.revision)) failures.push(`${tag} ${engine} ${entry.path}: pinned to ${entry.revision}, which is no tag of this repository`);
    const byRevision = new Map<string, Entry[]>();
    for (const entry of instructor.filter((candidate) => trees.has(candidate.revision))) byRevision.set(entry.revision, [...(byRevision.get(entry.revision) ?? []), entry]);
    for (const [revision, group] of byRevision) {
      const key = `${engine} ${revision} ${group.map((entry) => entry.path).join(' ')}`;
      if (!shared.has(key)) shared.set(key, buildFolders(trees.get(revision)!, group.map((entry) => entry.path), sharedFailures, `${revision} ${engine} (shared)`));
      const built = await shared.get(key)!;
      synced.push(...group.map(({ revision: _revision, ...entry }) => ({ ...entry, objects: built.get(entry.path)! })));
    }
  }
  return { tag, bootstrap, synced, stage: first.get(stage)!, failures };
}

/** The namespaces (and cluster-scoped names) a participant may name. */
function ownNamespaces(names: ParticipantNames): string[] {
  return [names.appNamespace, names.meshNamespace];
}

/** Every place a participant's object names a namespace, or another participant (or the placeholder) shows through. */
function findForeignReferences(object: KubeObject, own: ParticipantNames, others: readonly ParticipantNames[], flavor: Flavor): string[] {
  const allowed = new Set(ownNamespaces(own));
  const where = `${identity(object)}`;
  const problems: string[] = [];
  const check = (path: string, namespace: unknown) => {
    if (namespace !== undefined && !allowed.has(namespace as string)) problems.push(`${where} ${path}: ${String(namespace)}`);
  };
  check('metadata.namespace', object.metadata.namespace);
  if (object.kind === 'Namespace') check('metadata.name', object.metadata.name);
  if (object.kind === 'Istio') {
    check('spec.namespace', read(object, 'spec.namespace'));
    if (object.metadata.name !== own.controlPlane) problems.push(`${where} metadata.name: not ${own.controlPlane}`);
    const selectors = (read(object, 'spec.values.meshConfig.discoverySelectors') as { matchLabels?: Record<string, string> }[] | undefined) ?? [];
    if (selectors.length === 0) problems.push(`${where}: no discoverySelectors, so it would see every participant's namespaces`);
    for (const [index, selector] of selectors.entries()) {
      for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (value !== own.discovery) problems.push(`${where} discoverySelectors[${index}].${key}: ${value}`);
    }
  }
  if (object.kind === 'Namespace') {
    for (const [key, value] of Object.entries(object.metadata.labels ?? {})) if (key === 'istio-discovery' && value !== own.discovery) problems.push(`${where} label ${key}: ${value}`);
  }
  if (object.kind === 'ServiceMeshMemberRoll') for (const [index, member] of ((read(object, 'spec.members') as string[]) ?? []).entries()) check(`spec.members[${index}]`, member);
  if (object.kind === 'ServiceMeshMember') check('spec.controlPlaneRef.namespace', read(object, 'spec.controlPlaneRef.namespace'));
  if (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') {
    for (const subject of (object.subjects as { kind: string; name: string; namespace?: string }[]) ?? []) {
      // A ServiceAccount of their own namespaces, or their own Flux ServiceAccount.
      // (A RoleBinding's ServiceAccount subject without a namespace is in the RoleBinding's.)
      const namespace = subject.namespace ?? (object.kind === 'RoleBinding' ? object.metadata.namespace : undefined);
      const theirs = namespace === flavor.platform.fluxNamespace ? subject.name === own.gitopsName : allowed.has(namespace ?? '');
      if (subject.kind === 'ServiceAccount' && !theirs) problems.push(`${where} subjects: ${namespace}/${subject.name}`);
    }
  }
  if (object.kind === 'Application' || object.kind === 'Kustomization') problems.push(`${where}: a participant's path holds a GitOps object`);
  // Every string: no other participant's names, no placeholder's.
  const foreign = [...others, deriveParticipantNames(flavor, PLACEHOLDER_PARTICIPANT, 'unused.invalid')].flatMap((names) => [names.appNamespace, names.meshNamespace, names.gitopsName]);
  for (const [path, text] of walkStrings(object)) {
    for (const name of foreign) if (new RegExp(`(^|[^a-z0-9-])${name}($|[^a-z0-9-])`).test(text) || text.includes(`-${name}.`)) problems.push(`${where} ${path}: names ${name} (${text})`);
  }
  return problems;
}

for (const flavor of FLAVORS) {
  describe(`a class of ${PARTICIPANTS} on ${flavor.id}, both engines`, () => {
    let root: string;
    let cls: GeneratedClass;
    const store = getSchemaStore(flavor.schemaSet);
    const last = () => cls.tags[cls.tags.length - 1];
    const sharedLayers = flavor.layers.filter((definition) => definition.scope === 'shared');
    const participantLayers = flavor.layers.filter((definition) => definition.scope === 'participant');

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), `sockshop-mesh-class-${flavor.id}-`));
      const settings = checkSettings({ directory: 'cls', flavor: flavor.id, tenants: String(PARTICIPANTS), gitops: 'both' });
      const { path } = await createRepository(settings, { cwd: root, moveAside: false });
      const base = {
        settings,
        repo: path,
        names: settings.tenants.map((participant) => deriveParticipantNames(flavor, participant, settings.domain)),
        placeholder: deriveParticipantNames(flavor, PLACEHOLDER_PARTICIPANT, settings.domain),
      };
      const trees = new Map(flavor.stages.map((stage) => [formatTag(stage), checkout(path, root, formatTag(stage))]));
      const shared = new Map<string, Promise<Map<string, KubeObject[]>>>();
      const sharedFailures: string[] = [];
      const tags = await Promise.all(flavor.stages.map((stage) => buildTag(trees, base, formatTag(stage), stageDir(stage), shared, sharedFailures)));
      for (const build of tags) build.failures.push(...sharedFailures);
      cls = { ...base, tags };
    }, 300_000);

    afterAll(() => {
      if (root) rmSync(root, { recursive: true, force: true });
    });

    it('names the participants the tenant list gives, and writes a tag for every stage of the flavor', () => {
      expect(cls.settings.tenants).toEqual(Array.from({ length: PARTICIPANTS }, (_, index) => `user${index + 1}`));
      const tags = execFileSync('git', ['-C', cls.repo, 'tag', '--list'], { encoding: 'utf8' }).trim().split('\n').sort();
      expect(tags).toEqual(flavor.stages.map(formatTag).sort());
    });

    it('syncs exactly the shared entry point and each participant’s folders, per engine, at every tag', () => {
      const repo = deriveRepositoryNames(flavor, cls.settings);
      for (const build of cls.tags) {
        const argocd = build.synced.filter((entry) => entry.engine === 'argocd').map((entry) => `${entry.participant ?? '-'} ${entry.path}`);
        expect(argocd.sort(), build.tag).toEqual([`- ${ENTRY_DIR}`, ...cls.names.map((names) => `${names.participant} ${tenantDir(names.participant)}`)].sort());
        const flux = build.synced.filter((entry) => entry.engine === 'flux').map((entry) => `${entry.participant ?? '-'} ${entry.path}`);
        expect(flux.sort(), build.tag).toEqual(
          [
            ...sharedLayers.map((definition) => `- ${entryLayerDir(definition, 'flux')}`),
            ...cls.names.flatMap((names) => participantLayers.map((definition) => `${names.participant} ${tenantDir(names.participant, definition.layer)}`)),
          ].sort(),
        );
        // The shared Application and Kustomizations are the repository's, the others each participant's.
        for (const entry of build.synced.filter((candidate) => candidate.participant === undefined)) {
          expect([repo.gitopsName, ...sharedLayers.map((definition) => repo.fluxKustomization(definition.layer))]).toContain(entry.owner.metadata.name);
        }
      }
    });

    it('builds every synced path and both bootstraps with the real kustomize at every tag, and they validate clean', () => {
      for (const build of cls.tags) {
        expect(build.failures.length, build.failures.join('\n')).toBe(0);
        const documents = [...ENGINES.flatMap((engine) => build.bootstrap[engine].map((object) => ({ file: `${build.tag}:${bootstrapDir(engine)}`, object }))), ...build.synced.flatMap((entry) => entry.objects.map((object) => ({ file: `${build.tag}:${entry.path}`, object })))];
        const violations = validateObjects(documents.map((document, index) => ({ ...document, index })), { store });
        expect(violations.map((violation) => `${violation.file} ${violation.kind}/${violation.name} ${violation.path}: ${violation.message}`)).toEqual([]);
        // A Flux layer may be empty (nothing in a participant's mesh at an early stage, no platform layer
        // in a flavor without cluster-wide mesh pieces); what each Application, the shared part and each participant sync is not.
        for (const entry of build.synced.filter((candidate) => candidate.engine === 'argocd')) expect(entry.objects.length, `${build.tag} argocd ${entry.path}`).toBeGreaterThan(0);
        expect(build.synced.filter((entry) => entry.engine === 'flux' && entry.participant === undefined).flatMap((entry) => entry.objects).length, `${build.tag} flux shared`).toBeGreaterThan(0);
        for (const names of cls.names) {
          expect(build.synced.filter((entry) => entry.engine === 'flux' && entry.participant === names.participant).flatMap((entry) => entry.objects).length, `${build.tag} flux ${names.participant}`).toBeGreaterThan(0);
        }
      }
    });

    it('owns every object once per engine: shared objects (Subscriptions, IstioCNI, …) only in the shared part', () => {
      const placeholderNamespaces = new Set(ownNamespaces(cls.placeholder));
      const isParticipants = (object: KubeObject) =>
        placeholderNamespaces.has(object.metadata.namespace ?? '') || (object.kind === 'Namespace' && placeholderNamespaces.has(object.metadata.name)) || object.kind === flavor.injection.controlPlaneKind;
      // The shared objects of the whole workshop: what the last stage folder holds beyond the participant's.
      const sharedExpected = countBy(last().stage.filter((object) => !isParticipants(object)), identity);
      for (const build of cls.tags) {
        for (const engine of ENGINES) {
          const synced = build.synced.filter((entry) => entry.engine === engine);
          const all = synced.flatMap((entry) => entry.objects);
          const twice = [...countBy(all, identity)].filter(([, count]) => count > 1);
          expect(twice, `${build.tag} ${engine}`).toEqual([]);
          const shared = synced.filter((entry) => entry.participant === undefined).flatMap((entry) => entry.objects);
          // Helm installs are per engine: the stage folder holds the other engine's too.
          const sharedIds = new Set(shared.map(identity));
          const missing = [...sharedExpected.keys()].filter((id) => !sharedIds.has(id) && !/^(argoproj\.io|helm\.toolkit\.fluxcd\.io|source\.toolkit\.fluxcd\.io)\//.test(id));
          expect(missing, `${build.tag} ${engine}`).toEqual([]);
          expect(shared.filter((object) => object.kind === 'Subscription').length, `${build.tag} ${engine} Subscriptions`).toBe(
            last().stage.filter((object) => object.kind === 'Subscription').length,
          );
          for (const entry of synced.filter((candidate) => candidate.participant !== undefined)) {
            const leaked = entry.objects.filter((object) => sharedExpected.has(identity(object)));
            expect(leaked.map(identity), `${build.tag} ${engine} ${entry.path}`).toEqual([]);
          }
        }
      }
    });

    it('gives each participant, at every tag, the placeholder’s objects of that stage under their own names', () => {
      for (const [index, build] of cls.tags.entries()) {
        const placeholderNamespaces = new Set(ownNamespaces(cls.placeholder));
        const expected = build.stage
          .filter((object) => placeholderNamespaces.has(object.metadata.namespace ?? '') || (object.kind === 'Namespace' && placeholderNamespaces.has(object.metadata.name)) || object.kind === flavor.injection.controlPlaneKind)
          .map(identity)
          .sort();
        const stageNamespaces = build.stage.filter((object) => object.kind === 'Namespace' && placeholderNamespaces.has(object.metadata.name)).length;
        for (const names of cls.names) {
          const toPlaceholder = (text: string) =>
            text.split(names.appNamespace).join(cls.placeholder.appNamespace).split(names.meshNamespace).join(cls.placeholder.meshNamespace).replace(new RegExp(`/${names.controlPlane}$`), `/${cls.placeholder.controlPlane}`);
          for (const engine of ENGINES) {
            const objects = build.synced.filter((entry) => entry.engine === engine && entry.participant === names.participant).flatMap((entry) => entry.objects);
            // Flux adds one RoleBinding per participant namespace for the participant's ServiceAccount.
            const rbac = engine === 'flux' ? objects.filter((object) => object.kind === 'RoleBinding' && object.metadata.name === `${PARTICIPANT_ROLE}-flux`) : [];
            expect(rbac.length, `${build.tag} ${engine} ${names.participant}`).toBe(engine === 'flux' ? stageNamespaces : 0);
            const rest = objects.filter((object) => !rbac.includes(object));
            expect(rest.map((object) => toPlaceholder(identity(object))).sort(), `${build.tag} (${index}) ${engine} ${names.participant}`).toEqual(expected);
          }
        }
      }
    });

    it('keeps each participant’s objects to their own namespaces, control plane and names', () => {
      for (const build of cls.tags) {
        for (const names of cls.names) {
          const others = cls.names.filter((other) => other !== names);
          const problems = build.synced
            .filter((entry) => entry.participant === names.participant)
            .flatMap((entry) => entry.objects.flatMap((object) => findForeignReferences(object, names, others, flavor)).map((problem) => `${build.tag} ${entry.engine} ${entry.path}: ${problem}`));
          // Every problem in the message (a long string would be cut short in the diff).
          expect(problems.length, problems.join('\n')).toBe(0);
          // Their GitOps objects too: Argo CD destinations and Flux target namespaces and ServiceAccounts.
          for (const entry of build.synced.filter((candidate) => candidate.participant === names.participant)) {
            const destination = read(entry.owner, 'spec.destination.namespace') ?? read(entry.owner, 'spec.targetNamespace');
            if (destination !== undefined) expect(ownNamespaces(names)).toContain(destination);
            const account = read(entry.owner, 'spec.serviceAccountName');
            if (account !== undefined) expect(account).toBe(names.gitopsName);
          }
        }
      }
    });

    it('confines each participant’s Argo CD Application to an AppProject of their own namespaces, fixed by the instructor', () => {
      for (const build of cls.tags) {
        const projects = build.bootstrap.argocd.filter((object) => object.kind === 'AppProject');
        // The projects live where only the instructor applies: in the bootstrap, never in a synced path.
        for (const entry of build.synced) {
          const gitops = entry.objects.filter((object) => /^(AppProject|Application|ApplicationSet)$/.test(object.kind));
          // The shared part may install Helm charts through Applications of its own; a participant's holds none.
          if (entry.participant !== undefined) expect(gitops.map(identity), entry.path).toEqual([]);
          for (const object of gitops) {
            expect(object.kind, `${entry.path} ${identity(object)}`).toBe('Application');
            expect(read(object, 'spec.source.chart'), `${entry.path} ${identity(object)}`).toBeTypeOf('string');
            expect(read(object, 'spec.source.repoURL')).not.toBe(cls.settings.remote);
          }
        }
        for (const names of cls.names) {
          const entry = build.synced.find((candidate) => candidate.engine === 'argocd' && candidate.participant === names.participant)!;
          expect(entry.owner.metadata.namespace).toBe(flavor.platform.argocdNamespace);
          const project = read(entry.owner, 'spec.project');
          expect(project).toBe(names.gitopsName);
          const appProject = projects.find((object) => object.metadata.name === project)!;
          expect(appProject, `${build.tag} ${names.participant}`).toBeDefined();
          expect(read(appProject, 'spec.sourceRepos')).toEqual([cls.settings.remote]);
          const destinations = read(appProject, 'spec.destinations') as { server: string; namespace: string }[];
          expect(destinations.map((destination) => destination.namespace).sort()).toEqual(ownNamespaces(names).sort());
          // Cluster-scoped objects by name, and only theirs: their namespaces and their control plane.
          const clusterScoped = read(appProject, 'spec.clusterResourceWhitelist') as { group: string; kind: string; name?: string }[];
          for (const entry of clusterScoped) expect([...ownNamespaces(names), names.controlPlane], JSON.stringify(entry)).toContain(entry.name);
          const kinds = new Set(clusterScoped.map((item) => item.kind));
          // What the participant's path holds at cluster scope is allowed by that list.
          for (const object of entry.objects.filter((candidate) => candidate.metadata.namespace === undefined)) {
            expect(clusterScoped.some((item) => item.kind === object.kind && item.name === object.metadata.name), `${build.tag} ${identity(object)}`).toBe(true);
          }
          expect(kinds.has('ClusterRole') || kinds.has('ClusterRoleBinding') || kinds.has('CustomResourceDefinition')).toBe(false);
          const namespaced = (read(appProject, 'spec.namespaceResourceWhitelist') as { group: string; kind: string }[]).map((item) => item.kind);
          expect(namespaced.filter((kind) => /^(Application|ApplicationSet|AppProject|Kustomization|GitRepository)$/.test(kind))).toEqual([]);
        }
        // One Application per participant and one for the shared part, nothing templated.
        const applications = build.bootstrap.argocd.filter((object) => object.kind === 'Application');
        expect(applications.length).toBe(cls.names.length + 1);
        expect(build.bootstrap.argocd.filter((object) => object.kind === 'ApplicationSet')).toEqual([]);
        for (const application of applications) expect(JSON.stringify(read(application, 'spec.project'))).not.toMatch(/[{}$]/);
      }
    });

    it('applies each participant’s Flux Kustomizations after the platform, as their ServiceAccount where their RBAC reaches', () => {
      const repo = deriveRepositoryNames(flavor, cls.settings);
      const lastShared = repo.fluxKustomization(sharedLayers[sharedLayers.length - 1].layer);
      for (const build of cls.tags) {
        const kustomizations = new Map(build.bootstrap.flux.filter((object) => object.kind === 'Kustomization').map((object) => [object.metadata.name, object]));
        const allObjects = [...build.bootstrap.flux, ...build.synced.filter((entry) => entry.engine === 'flux').flatMap((entry) => entry.objects)];
        const role = build.bootstrap.flux.find((object) => object.kind === 'ClusterRole' && object.metadata.name === PARTICIPANT_ROLE)!;
        expect(role).toBeDefined();
        for (const names of cls.names) {
          const account = build.bootstrap.flux.find((object) => object.kind === 'ServiceAccount' && object.metadata.name === names.gitopsName);
          expect(account?.metadata.namespace).toBe(flavor.platform.fluxNamespace);
          const own = build.synced.filter((entry) => entry.engine === 'flux' && entry.participant === names.participant);
          expect(own.length).toBe(participantLayers.length);
          for (const [position, definition] of participantLayers.entries()) {
            const entry = own.find((candidate) => candidate.path === tenantDir(names.participant, definition.layer))!;
            // Their cluster-scoped objects (namespaces, control plane) need Flux's own rights; everything else runs as them.
            expect(read(entry.owner, 'spec.serviceAccountName')).toBe(definition.clusterScoped ? undefined : names.gitopsName);
            if (definition.clusterScoped) {
              for (const object of entry.objects) {
                const ownName = object.metadata.namespace === undefined ? [...ownNamespaces(names), names.controlPlane].includes(object.metadata.name) : ownNamespaces(names).includes(object.metadata.namespace);
                expect(ownName, `${build.tag} ${identity(object)}`).toBe(true);
              }
            } else {
              expect(entry.objects.filter((object) => object.metadata.namespace === undefined).map(identity), `${build.tag} ${entry.path}`).toEqual([]);
            }
            const previous = position === 0 ? lastShared : `${names.gitopsName}-${participantLayers[position - 1].layer}`;
            expect(read(entry.owner, 'spec.dependsOn'), `${build.tag} ${entry.path}`).toEqual([{ name: previous }]);
          }
          // Following dependsOn from their last Kustomization reaches the platform's first one.
          let name: string | undefined = `${names.gitopsName}-${participantLayers[participantLayers.length - 1].layer}`;
          const chain: string[] = [];
          while (name !== undefined) {
            chain.push(name);
            name = (read(kustomizations.get(name), 'spec.dependsOn') as { name: string }[] | undefined)?.[0]?.name;
          }
          expect(chain.at(-1)).toBe(repo.fluxKustomization(sharedLayers[0].layer));
          // The ServiceAccount is bound only inside their own namespaces, and only to the participant role.
          const bindings = allObjects.filter((object) => /^(Cluster)?RoleBinding$/.test(object.kind) && ((object.subjects as { name: string; namespace?: string }[]) ?? []).some((subject) => subject.name === names.gitopsName && subject.namespace === flavor.platform.fluxNamespace));
          expect(bindings.length, `${build.tag} ${names.participant}`).toBeGreaterThan(0);
          for (const binding of bindings) {
            expect(binding.kind).toBe('RoleBinding');
            expect(ownNamespaces(names)).toContain(binding.metadata.namespace);
            expect(read(binding, 'roleRef.name')).toBe(PARTICIPANT_ROLE);
          }
          // Every namespace their namespaced Kustomizations write to has such a binding.
          const written = new Set(own.filter((entry) => read(entry.owner, 'spec.serviceAccountName') !== undefined).flatMap((entry) => entry.objects.map((object) => object.metadata.namespace!)));
          for (const namespace of written) expect(bindings.map((binding) => binding.metadata.namespace), `${build.tag} ${names.participant}`).toContain(namespace);
          // The role reaches every kind they write, and no GitOps object.
          const rules = (role.rules as { apiGroups: string[]; resources: string[] }[]) ?? [];
          expect(rules.flatMap((rule) => rule.apiGroups).filter((group) => /fluxcd|argoproj/.test(group))).toEqual([]);
        }
      }
    });

    it('writes a README that tells the instructor how to bootstrap and move the class, and a handout per participant', () => {
      const show = (path: string) => execFileSync('git', ['-C', cls.repo, 'show', `${last().tag}:${path}`], { encoding: 'utf8' });
      const readme = show('README.md');
      for (const engine of ENGINES) expect(readme).toContain(`${flavor.platform.cli} apply -k ${bootstrapDir(engine)}`);
      for (const names of cls.names) expect(readme).toContain(`\`${names.participant}\``);
      expect(readme).toContain('promote --tenant');
      expect(readme).toContain('promote --all');
      expect(readme).toMatch(/In \*\*follow mode\*\*[^\n]*class moves together/);
      for (const names of cls.names) {
        const handout = show(`${tenantDir(names.participant)}/README.md`);
        for (const value of [names.participant, names.appNamespace, names.meshNamespace, names.gitopsName]) expect(handout, names.participant).toContain(value);
        for (const other of cls.names.filter((candidate) => candidate !== names)) expect(handout).not.toContain(other.appNamespace);
      }
    });

    it('ends the workshop with the whole shop in each participant’s mesh', () => {
      const build = last();
      // The shop: every workload of the flavor's workload tables.
      const tables = [...new Set(flavor.stages.flatMap((stage) => Object.values(stage.layers).map((content) => content?.workloads)).filter((table): table is string => typeof table === 'string'))];
      const shop = tables.flatMap((table) => parseWorkloads(readTemplate(findTemplate('manifests', flavor.templateRoots, table)), table).map((workload) => workload.name)).sort();
      expect(shop.length).toBeGreaterThan(0);
      for (const names of cls.names) {
        for (const engine of ENGINES) {
          const objects = build.synced.filter((entry) => entry.engine === engine && entry.participant === names.participant).flatMap((entry) => entry.objects);
          const deployments = objects.filter((object) => object.kind === 'Deployment' && object.metadata.namespace === names.appNamespace && shop.includes(object.metadata.name));
          expect(deployments.map((object) => object.metadata.name).sort(), `${engine} ${names.participant}`).toEqual(shop);
          for (const deployment of deployments) {
            const label = (read(deployment, 'spec.template.metadata.labels') as Record<string, string>)[flavor.injection.podLabel];
            expect(label, `${engine} ${names.participant} ${deployment.metadata.name}`).toBe(flavor.injection.podLabel === 'istio.io/rev' ? names.controlPlane : 'true');
          }
          // The participant's own control plane manages the shop's namespace (member roll or discovery selectors).
          expect(checkInjection(objects, flavor.injection).map((finding) => `${identity(finding.object)}: ${finding.message}`)).toEqual([]);
          expect(objects.filter((object) => object.kind === flavor.injection.controlPlaneKind).map((object) => object.metadata.name)).toEqual([names.controlPlane]);
        }
      }
    });
  });
}
