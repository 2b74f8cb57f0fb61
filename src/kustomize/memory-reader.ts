/**
 * A repository held in memory (path -> text), as the planner builds it, for the in-process
 * kustomize: the generator renders its own plans with the same renderer `validate` uses on disk.
 */
import type { RepoReader } from './repo-reader.js';

export interface MemoryReader extends RepoReader {
  list(dir: string): string[];
}

export function createMemoryReader(files: ReadonlyMap<string, string>): MemoryReader {
  const dirs = new Map<string, Set<string>>([['', new Set()]]);
  for (const path of files.keys()) {
    const parts = path.split('/');
    for (let depth = 0; depth < parts.length; depth += 1) {
      const parent = parts.slice(0, depth).join('/');
      let entries = dirs.get(parent);
      if (!entries) {
        entries = new Set();
        dirs.set(parent, entries);
      }
      entries.add(parts[depth]);
    }
  }
  return {
    readFile: (path) => files.get(path),
    isDir: (path) => dirs.has(path),
    list: (dir) => [...(dirs.get(dir) ?? [])].sort(),
  };
}
