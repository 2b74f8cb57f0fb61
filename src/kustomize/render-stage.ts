/**
 * A stage folder rendered in-process when the renderer supports everything in it, else (with
 * `fallback`) by the real kustomize; the result says which did the work and why. A git revision
 * is written to a temporary folder for the real kustomize.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { UnsupportedKustomizationError } from './errors.js';
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

async function renderCopy(reader: RepoReader, dir: string, options: RenderStageOptions) {
  const root = mkdtempSync(join(tmpdir(), 'sockshop-mesh-kustomize-'));
  try {
    copyReaderTree(reader, root);
    return await renderWithKustomizeBinary(join(root, dir), options.kustomize);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Renders `dir` (repository-relative) of a folder on disk (`source` a path) or of any reader. */
export async function renderStage(source: RepoReader | string, dir: string, options: RenderStageOptions): Promise<StageRender> {
  const reader = typeof source === 'string' ? createWorkingTreeReader(source) : source;
  const folder = resolveRepoPath('', dir);
  try {
    return { renderer: 'in-process', objects: renderKustomization(reader, folder, options.cache).objects };
  } catch (error) {
    if (!(error instanceof UnsupportedKustomizationError) || !options.fallback || (!isWorkingTree(reader) && !reader.list)) throw error;
    const built = isWorkingTree(reader)
      ? await renderWithKustomizeBinary(join(reader.root, folder), options.kustomize)
      : await renderCopy(reader, folder, options);
    return { renderer: built.tool, objects: built.objects, fallbackReason: error.message };
  }
}
