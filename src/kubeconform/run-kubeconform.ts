/**
 * The kubeconform adapter: the only module that runs kubeconform. It feeds rendered YAML on
 * standard input (or names files), asks for `-output json`, and parses what comes back. kubeconform
 * exits 1 when a resource is invalid; that is a result, not a failure of the run.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { MissingToolError, UserError } from '../errors.js';
import { findOnPath } from '../kustomize/kustomize-binary.js';
import { SCHEMA_LOCATION_TEMPLATES } from '../validate/schema-names.js';
import { schemaSetDir, type SchemaSetId } from '../validate/schema-sets.js';
import type { SourcedObject } from '../validate/types.js';
import { parseKubeconformOutput } from './parse-output.js';
import type { KubeconformResult } from './types.js';

export const KUBECONFORM_INSTALL_HINT =
  'Install kubeconform from https://github.com/yannh/kubeconform/releases (or `go install github.com/yannh/kubeconform/cmd/kubeconform@latest`) and put it on PATH, or validate with the embedded validator instead.';

export interface RunKubeconformOptions {
  /** YAML files to validate; without them, `stdin` is validated. */
  files?: readonly string[];
  /** A YAML stream given on standard input (kubeconform names it `stdin`). */
  stdin?: string;
  /** The objects validated, so each result names its file, document and line. */
  sources?: readonly SourcedObject[];
  /** `-schema-location` values in lookup order (see listSchemaLocations). */
  schemaLocations: readonly string[];
  /** `-strict`: no unknown fields, no duplicate keys (default true). */
  strict?: boolean;
  ignoreMissingSchemas?: boolean;
  /** Kinds for `-skip`. */
  skipKinds?: readonly string[];
  /** The PATH to look for kubeconform on; process.env.PATH by default. */
  path?: string;
}

/**
 * Our bundled schema folder as kubeconform `-schema-location` templates: the flavor's schema set
 * first (its Istio or Maistra API versions), then the shared schemas, as createSchemaStore looks.
 */
export function listSchemaLocations(schemaDir: string, set?: SchemaSetId): string[] {
  const folders = set ? [join(schemaDir, schemaSetDir(set)), schemaDir] : [schemaDir];
  return folders.flatMap((folder) => SCHEMA_LOCATION_TEMPLATES.map((template) => join(folder, template)));
}

export function buildKubeconformArgs(options: RunKubeconformOptions): string[] {
  return [
    ...(options.strict === false ? [] : ['-strict']),
    '-summary',
    '-verbose',
    '-output',
    'json',
    ...options.schemaLocations.flatMap((location) => ['-schema-location', location]),
    ...(options.ignoreMissingSchemas ? ['-ignore-missing-schemas'] : []),
    ...(options.skipKinds && options.skipKinds.length > 0 ? ['-skip', options.skipKinds.join(',')] : []),
    ...(options.files ?? []),
  ];
}

function runProcess(command: string, args: readonly string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** Runs `kubeconform -strict -output json …` and parses its report. */
export async function runKubeconform(options: RunKubeconformOptions): Promise<KubeconformResult> {
  const hasFiles = (options.files?.length ?? 0) > 0;
  if (!hasFiles && options.stdin === undefined) throw new Error('runKubeconform needs files or stdin');
  const command = findOnPath('kubeconform', options.path);
  if (!command) throw new MissingToolError('kubeconform', KUBECONFORM_INSTALL_HINT);
  const { code, stdout, stderr } = await runProcess(command, buildKubeconformArgs(options), hasFiles ? '' : options.stdin ?? '');
  if (stdout.trim() === '' || (code !== 0 && code !== 1)) {
    throw new UserError(`kubeconform failed (exit ${code}): ${(stderr || stdout).trim()}`, 'Run the command it names by hand to see why; `kubeconform -v` shows its version.');
  }
  return parseKubeconformOutput(stdout, options.sources ?? []);
}
