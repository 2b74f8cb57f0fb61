/**
 * One layer folder of one stage: its resource files (rendered templates and workload tables), its
 * patches, and the kustomization.yaml that ties them to the same layer of the stage before. The
 * objects it stands for are rendered later by the one in-process kustomize (render-plan.ts).
 */
import { annotateObject } from '../gitops/annotate.js';
import { buildHelmInstalls, findChart } from '../gitops/helm-installs.js';
import type { Flavor, LayerContent, LayerDefinition } from '../flavors/types.js';
import { PATCHES_DIR, relativeDir } from '../layout/layout.js';
import { dumpObjects, dumpYaml, parseObjects, type KubeObject } from '../render/manifest.js';
import { findTemplate, readTemplate, renderTemplate } from '../render/template.js';
import { buildDeployment, buildService, parseWorkloads, type Workload } from '../scenario/workloads.js';
import type { GitOpsEngine } from '../settings/settings.js';
import type { TemplateValues } from './template-values.js';

export const MANIFESTS = 'manifests';

export interface LayerInput {
  flavor: Flavor;
  slug: string;
  layer: LayerDefinition;
  /** For a layer with one folder per engine: which one. */
  engine?: GitOpsEngine;
  dir: string;
  content: LayerContent;
  /** The same layer's folder in the stage before, if any. */
  previousDir: string | undefined;
  values: TemplateValues;
  engines: readonly GitOpsEngine[];
  /** The cluster-wide GitOps name (chart Applications belong to its charts project). */
  gitopsName: string;
  /** Flux HelmRepositories the layer chain declares already (updated). */
  helmRepositories: Set<string>;
}

const SAMPLE_CREDENTIALS_HEADER =
  "# SAMPLE CREDENTIALS: the passwords below are the Sock Shop demo's own public defaults.\n# They protect nothing; never reuse them outside the workshop.";

/** The comment lines a template starts with: kept in the output, since dumping drops comments. */
function readHeader(text: string): string | undefined {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    lines.push(line);
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function readWorkloads(flavor: Flavor, workloads: NonNullable<LayerContent['workloads']>): readonly Workload[] {
  if (typeof workloads !== 'string') return workloads;
  const source = findTemplate(MANIFESTS, flavor.templateRoots, workloads);
  return parseWorkloads(readTemplate(source), `templates/${source}`);
}

/** The template of a layer's file: `stages/<slug>/<layer>[/<engine>]/<file>` under the flavor's roots. */
function locate(input: LayerInput, file: string): string {
  const folder = input.engine ? `${input.layer.layer}/${input.engine}` : input.layer.layer;
  return findTemplate(MANIFESTS, input.flavor.templateRoots, `stages/${input.slug}/${folder}/${file}`);
}

export function buildLayerFiles(input: LayerInput): Map<string, string> {
  const { flavor, layer, dir, content, values, engines } = input;
  const files = new Map<string, string>();
  const resources: string[] = [];
  const annotate = (object: KubeObject) => annotateObject(object, layer.layer, flavor, engines);

  for (const workload of content.workloads ? readWorkloads(flavor, content.workloads) : []) {
    const context = { namespace: values.names.appNamespace, numericUser: values.platform.kubernetes, injection: values.injection };
    const objects = [buildDeployment(workload, context), buildService(workload, values.names.appNamespace)].filter((object): object is KubeObject => object !== undefined);
    const file = `${workload.name}.yaml`;
    files.set(`${dir}/${file}`, dumpObjects(objects.map(annotate), workload.sampleCredentials ? SAMPLE_CREDENTIALS_HEADER : undefined));
    resources.push(file);
  }
  for (const name of content.charts ?? []) {
    if (!input.engine) throw new Error(`${flavor.id} ${input.slug}/${layer.layer}: charts belong in a layer with one folder per engine`);
    const chart = findChart(flavor, name);
    const objects = buildHelmInstalls([chart], input.engine, flavor, input.gitopsName, input.helmRepositories);
    const header = `# Helm chart ${chart.chart} ${chart.version} from ${chart.repoURL}, installed by ${input.engine === 'argocd' ? 'Argo CD' : 'Flux'}.\n# Version and values: ${chart.source}`;
    files.set(`${dir}/${name}.yaml`, dumpObjects(objects.map(annotate), header));
    resources.push(`${name}.yaml`);
  }
  for (const file of content.resources ?? []) {
    const source = locate(input, file);
    const text = renderTemplate(source, values);
    files.set(`${dir}/${file}`, dumpObjects(parseObjects(text, `templates/${source}`).map(annotate), readHeader(text)));
    resources.push(file);
  }

  const patches: Record<string, unknown>[] = [];
  for (const { file, target } of content.patches ?? []) {
    const source = locate(input, `${PATCHES_DIR}/${file}`);
    const text = renderTemplate(source, values);
    const parsed = parseObjects(text, `templates/${source}`);
    if (parsed.length !== 1) throw new Error(`templates/${source}: a patch template holds exactly one object`);
    files.set(`${dir}/${PATCHES_DIR}/${file}`, dumpObjects(parsed, readHeader(text)));
    patches.push(target ? { path: `${PATCHES_DIR}/${file}`, target: { ...target } } : { path: `${PATCHES_DIR}/${file}` });
  }

  const kustomization: Record<string, unknown> = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [...(input.previousDir ? [relativeDir(dir, input.previousDir)] : []), ...resources],
  };
  if (patches.length > 0) kustomization.patches = patches;
  files.set(`${dir}/kustomization.yaml`, dumpYaml(kustomization));
  return files;
}
