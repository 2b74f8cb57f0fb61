/**
 * A stage folder rendered in-process when the renderer supports everything in it, else (with
 * `fallback`) by the real kustomize; the result says which did the work and why. A git revision
 * is written to a temporary folder for the real kustomize.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix } from 'node:path';
import { dump, load } from 'js-yaml';
import { UnsupportedKustomizationError } from './errors.js';
import { parseDocuments, isMap } from './parse-documents.js';
import { KUSTOMIZATION_FILE_NAMES } from './read-kustomization.js';
import { renderWithKustomizeBinary, type FindKustomizeOptions, type KustomizeTool } from './kustomize-binary.js';
import { renderKustomization, type RenderCache, type RenderedObject } from './render-kustomization.js';
import { createWorkingTreeReader, resolveRepoPath, type RepoReader, type WorkingTreeReader } from './repo-reader.js';

export type Renderer = 'in-process' | KustomizeTool;

export interface RenderStageOptions {
  /** Build with the real kustomize what the in-process renderer does not support. */
  fallback: boolean;
  kustomize?: FindKustomizeOptions;
  /** Shared by the renders of one reader (see RenderCache). */
  cache?: RenderCache;
}

export interface StageRender {
  renderer: Renderer;
  objects: RenderedObject[];
  /** Why the real kustomize was used. */
  fallbackReason?: string;
}

function isWorkingTree(reader: RepoReader): reader is WorkingTreeReader {
  return typeof (reader as Partial<WorkingTreeReader>).root === 'string';
}

/** Copies every file a listing reader holds into `target`. */
export function copyReaderTree(reader: RepoReader, target: string, dir = ''): void {
  if (!reader.list) throw new Error('this reader cannot list its files, so it cannot be copied');
  for (const name of reader.list(dir)) {
    const path = dir ? `${dir}/${name}` : name;
    if (reader.isDir(path)) {
      copyReaderTree(reader, target, path);
      continue;
    }
    const text = reader.readFile(path);
    if (text === undefined) continue;
    mkdirSync(dirname(join(target, path)), { recursive: true });
    writeFileSync(join(target, path), text);
  }
}

/** The annotation kustomize writes with `buildMetadata: [originAnnotations]`: the file an object came from. */
const ORIGIN = 'config.kubernetes.io/origin';

/**
 * Builds `dir` with the real kustomize on a temporary copy of the tree whose kustomization asks for
 * origin annotations, so each object still names the file it comes from (and the line of its document
 * there), as the in-process renderer does: findings and layer checks then point at the user's source,
 * not at kustomize's output. The annotation is removed again; the user's files are never touched.
 */
async function renderWithOrigins(reader: RepoReader, dir: string, options: RenderStageOptions) {
  const root = mkdtempSync(join(tmpdir(), 'sockshop-mesh-kustomize-'));
  try {
    if (isWorkingTree(reader)) cpSync(reader.root, root, { recursive: true, filter: (source) => basename(source) !== '.git' });
    else copyReaderTree(reader, root);
    const name = KUSTOMIZATION_FILE_NAMES.find((candidate) => reader.readFile(dir ? `${dir}/${candidate}` : candidate) !== undefined);
    if (name) {
      const file = join(root, dir, name);
      const kustomization = load(readFileSync(file, 'utf8'));
      if (isMap(kustomization)) {
        const metadata = Array.isArray(kustomization.buildMetadata) ? kustomization.buildMetadata : [];
        if (!metadata.includes('originAnnotations')) kustomization.buildMetadata = [...metadata, 'originAnnotations'];
        writeFileSync(file, dump(kustomization, { lineWidth: -1 }));
      }
    }
    const built = await renderWithKustomizeBinary(join(root, dir), options.kustomize);
    return { tool: built.tool, objects: built.objects.map((rendered) => attributeOrigin(reader, dir, rendered)) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The object as if rendered in-process: its source file and document line from the origin annotation, the annotation gone. */
function attributeOrigin(reader: RepoReader, dir: string, rendered: RenderedObject): RenderedObject {
  const annotations = rendered.object.metadata?.annotations as Record<string, string> | undefined;
  const origin = annotations?.[ORIGIN];
  if (!annotations || typeof origin !== 'string') return rendered;
  delete annotations[ORIGIN];
  if (Object.keys(annotations).length === 0) delete (rendered.object.metadata as { annotations?: unknown }).annotations;
  let parsed: unknown;
  try {
    parsed = load(origin);
  } catch {
    return rendered;
  }
  if (!isMap(parsed)) return rendered;
  // A generated object (configMapGenerator, …) names the kustomization that configured it.
  const relative = typeof parsed.path === 'string' ? parsed.path : isMap(parsed.configuredIn) && typeof parsed.configuredIn.path === 'string' ? parsed.configuredIn.path : undefined;
  if (relative === undefined || typeof parsed.repo === 'string') return rendered;
  const file = posix.normalize(posix.join(dir, relative));
  if (file.startsWith('../')) return rendered;
  const { kind, metadata } = rendered.object;
  const text = reader.readFile(file);
  let index = 0;
  let line = 1;
  if (text !== undefined) {
    try {
      const document = parseDocuments(text, file).find(({ value }) => isMap(value) && value.kind === kind && isMap(value.metadata) && value.metadata.name === metadata?.name);
      if (document) ({ index, line } = document);
    } catch {
      // A file kustomize read but we cannot parse: the file name alone still says where to look.
    }
  }
  return { ...rendered, file, index, line };
}

/** Renders `dir` (repository-relative) of a folder on disk (`source` a path) or of any reader. */
export async function renderStage(source: RepoReader | string, dir: string, options: RenderStageOptions): Promise<StageRender> {
  const reader = typeof source === 'string' ? createWorkingTreeReader(source) : source;
  const folder = resolveRepoPath('', dir);
  try {
    return { renderer: 'in-process', objects: renderKustomization(reader, folder, options.cache).objects };
  } catch (error) {
    if (!(error instanceof UnsupportedKustomizationError) || !options.fallback || (!isWorkingTree(reader) && !reader.list)) throw error;
    if (!isWorkingTree(reader) && !reader.list) throw error;
    const built = await renderWithOrigins(reader, folder, options);
    return { renderer: built.tool, objects: built.objects, fallbackReason: error.message };
  }
}
