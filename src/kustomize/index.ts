/** Kustomize builds: in-process for the subset our overlays use, the real binary for the rest. */
export { KustomizationError, UnsupportedKustomizationError } from './errors.js';
export { readGitRevision, type GitRevisionReader } from './git-reader.js';
export { findKustomize, renderWithKustomizeBinary, type BinaryRender, type FindKustomizeOptions, type KustomizeCommand, type KustomizeTool } from './kustomize-binary.js';
export { renderKustomization, type KustomizationRender, type RenderCache, type RenderedObject } from './render-kustomization.js';
export { renderStage, type Renderer, type RenderStageOptions, type StageRender } from './render-stage.js';
export { createWorkingTreeReader, resolveRepoPath, type RepoReader, type WorkingTreeReader } from './repo-reader.js';
export type { PatchTarget } from './select-objects.js';
export { createMemoryReader, type MemoryReader } from './memory-reader.js';
export { LOCAL_CONFIG } from './render-kustomization.js';
