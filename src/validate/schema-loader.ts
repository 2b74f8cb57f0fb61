/**
 * The validator's only disk access: finding the bundled `schemas/` folder and reading files from a
 * schema folder. Everything else works on the text this returns.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Reads one file of a schema folder by its path inside the folder; undefined when there is none. */
export type SchemaFileReader = (file: string) => string | undefined;

/**
 * The package's own `schemas/` folder: the first folder above `from` holding both package.json and
 * schemas/ (works from `src/validate/` under tsx and from `dist/src/validate/` once built).
 */
export function locateBundledSchemaDir(from: string = import.meta.url): string {
  const start = dirname(fileURLToPath(from));
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'schemas', 'index.json'))) return join(dir, 'schemas');
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the bundled schemas/ folder above ${start}; reinstall the package`);
    dir = parent;
  }
}

/** A reader for the files below `dir`; paths that would leave the folder read as missing. */
export function readSchemaFolder(dir: string): SchemaFileReader {
  const root = resolve(dir);
  return (file) => {
    const target = resolve(root, file);
    const inside = relative(root, target);
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return undefined;
    try {
      return readFileSync(target, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
      throw error;
    }
  };
}
