/**
 * The Argo CD bootstrap's AppProjects fence exactly what their Application applies: the
 * destinations are the namespaces of the objects a real kustomize builds from the synced path (the
 * whole cluster, a class's shared parts, or one participant's folder), and no other. Every flavor,
 * one participant and a class.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { FLAVORS } from '../../src/flavors/registry.js';
import { BOOTSTRAP_FILES, bootstrapDir, ENTRY_DIR, pinFile, tenantDir } from '../../src/layout/layout.js';
import { planStages } from '../../src/plan/plan-stages.js';
import type { KubeObject } from '../../src/render/manifest.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { buildWithKustomize } from '../helpers/kustomize.js';
import { makeTempDir } from '../helpers/temp.js';

function writeFiles(files: ReadonlyMap<string, string>): string {
  const root = makeTempDir();
  for (const [path, text] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Where the objects go: their namespaces, and the namespaces they create. */
function namespacesOf(objects: readonly KubeObject[]): string[] {
  const found = new Set<string>();
  for (const object of objects) {
    if (object.metadata.namespace) found.add(object.metadata.namespace);
    if (object.kind === 'Namespace') found.add(object.metadata.name);
  }
  return [...found].sort();
}

const destinations = (project: any) => (project.spec.destinations as { namespace: string }[]).map((destination) => destination.namespace).sort();
const find = (documents: any[], kind: string, name?: string) => documents.find((document) => document?.kind === kind && (name === undefined || document.metadata.name === name));

describe('the Argo CD projects', () => {
  for (const flavor of FLAVORS) {
    it(`allow exactly the namespaces the cluster's Application applies to, one participant (${flavor.id})`, () => {
      const plans = planStages(checkSettings({ flavor: flavor.id, gitops: 'argocd' }));
      const last = plans.at(-1)!;
      const root = writeFiles(last.files);
      const project = find(loadAll(last.files.get(`${bootstrapDir('argocd')}/${BOOTSTRAP_FILES.argocd.project}`)!) as any[], 'AppProject');
      const application = find(loadAll(last.files.get(pinFile('argocd'))!) as any[], 'Application');
      expect(application.spec.source.path).toBe(ENTRY_DIR);
      expect(destinations(project)).toEqual(namespacesOf(buildWithKustomize(join(root, ENTRY_DIR))));
    });

    it(`allow exactly the namespaces of the shared parts and of each participant, a class (${flavor.id})`, () => {
      const plans = planStages(checkSettings({ flavor: flavor.id, gitops: 'argocd', tenants: '2' }));
      const last = plans.at(-1)!;
      const root = writeFiles(last.files);
      const shared = find(loadAll(last.files.get(`${bootstrapDir('argocd')}/${BOOTSTRAP_FILES.argocd.project}`)!) as any[], 'AppProject', find(loadAll(last.files.get(pinFile('argocd'))!) as any[], 'Application').spec.project);
      const sharedObjects = buildWithKustomize(join(root, ENTRY_DIR));
      expect(destinations(shared)).toEqual(namespacesOf(sharedObjects));
      for (const participant of ['user1', 'user2']) {
        const documents = loadAll(last.files.get(pinFile('argocd', participant))!) as any[];
        const application = find(documents, 'Application');
        expect(application.spec.source.path).toBe(tenantDir(participant));
        const own = namespacesOf(buildWithKustomize(join(root, tenantDir(participant))));
        expect(own.every((namespace) => namespace.startsWith(`${participant}-`)), participant).toBe(true);
        expect(destinations(find(documents, 'AppProject', application.spec.project)), participant).toEqual(own);
      }
    });
  }
});
