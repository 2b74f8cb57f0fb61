/** The `validate` command's work: choose the reader and the schema stores, validate, format. */
import { existsSync, statSync } from 'node:fs';
import { UserError } from '../errors.js';
import { createWorkingTreeReader, readGitRevision, type RepoReader } from '../kustomize/index.js';
import { formatReport } from '../report/format-report.js';
import { countReport, type ReportFormat, type StageReport } from '../report/types.js';
import { locateBundledSchemaDir } from '../validate/schema-loader.js';
import { getSchemaStore, type SchemaStore } from '../validate/schema-store.js';
import type { Violation } from '../validate/types.js';
import { listTargets, readProfile } from './list-targets.js';
import { validateRepository, type ValidatorName } from './validate-repository.js';

export interface RunValidateOptions {
  dir: string;
  ref?: string;
  stage?: string;
  output: ReportFormat;
  validator: ValidatorName;
  crds: readonly string[];
  schemaLocations: readonly string[];
  ignoreMissingSchemas: boolean;
  fallback: boolean;
}

async function openReader(dir: string, ref: string | undefined): Promise<RepoReader> {
  if (!existsSync(dir)) throw new UserError(`${dir}: no such folder`, 'Give the folder of a workshop repository (`sockshop-mesh validate my-workshop`), or run the command inside one.');
  if (!statSync(dir).isDirectory()) throw new UserError(`${dir}: not a folder`, 'Give the folder of a workshop repository, not a file in it.');
  if (ref === undefined) return createWorkingTreeReader(dir);
  try {
    return await readGitRevision(dir, ref);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`--ref ${ref}: not a revision of the repository in ${dir}`, 'Give a tag (git tag --list), a branch or a commit.');
  }
}

export async function runValidate(options: RunValidateOptions): Promise<{ text: string; valid: boolean; reports: StageReport[] }> {
  const reader = await openReader(options.dir, options.ref);
  listTargets(reader, options.stage); // bad --stage or a folder that is not a workshop: fail before any work
  // The schemas of the flavor the repository was generated with (its .yo-rc.json), not today's default.
  const { schemaSet } = readProfile(reader).flavor;

  // Schemas from elsewhere and kubeconform are loaded only when asked for: most runs need neither.
  const extra = options.crds.length > 0 || options.schemaLocations.length > 0 ? await import('../validate/extra-stores.js') : undefined;
  const crdProblems: Violation[] = [];
  const crdStores = options.crds.map((dir) => {
    const { store, problems } = extra!.createCrdStore(dir);
    crdProblems.push(...problems);
    return store;
  });
  const resolveStore = async (kinds: readonly { apiVersion: string; kind: string }[]): Promise<SchemaStore> => {
    const locations = options.schemaLocations.length > 0 ? [await extra!.createLocationStore(options.schemaLocations, kinds)] : [];
    const stores = [...locations, ...crdStores, getSchemaStore(schemaSet)];
    return stores.length === 1 ? stores[0] : extra!.chainStores(stores);
  };
  const bundled = options.validator === 'kubeconform' ? (await import('../kubeconform/index.js')).listSchemaLocations(locateBundledSchemaDir(), schemaSet) : [];

  const reports = await validateRepository(reader, {
    stage: options.stage,
    validator: options.validator,
    resolveStore,
    schemaLocations: [...options.schemaLocations, ...options.crds, ...bundled],
    ignoreMissingSchemas: options.ignoreMissingSchemas,
    fallback: options.fallback,
  });
  if (crdProblems.length > 0) reports.unshift({ stage: 'crds', objects: 0, violations: crdProblems });
  return { text: formatReport(reports, options.output), valid: countReport(reports).errors === 0, reports };
}
