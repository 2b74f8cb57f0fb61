/**
 * One layer folder of one stage: its resource files, its patches, the kustomization.yaml that ties
 * them to the same layer of the stage before, and the objects it renders to.
 */
import { PATCHES_DIR, relativeDir } from '../layout/layout.js';
import { annotateObject } from '../gitops/annotate.js';
import { applyPatches, type Patch } from '../render/apply-patches.js';
import { dumpObjects, dumpYaml, parseObjects, type KubeObject } from '../render/manifest.js';
import { readTemplate, renderTemplate } from '../render/template.js';
import type { Layer, LayerContent } from '../scenario/stages.js';
import { buildDeployment, buildService, parseWorkloads } from '../scenario/workloads.js';
import type { GitOpsEngine } from '../settings/settings.js';

export interface LayerBuild {
  dir: string;
  files: Map<string, string>;
  objects: KubeObject[];
}

export interface LayerInput {
  stageId: string;
  layer: Layer;
  dir: string;
  content: LayerContent;
  previous: LayerBuild | undefined;
  values: object;
  engines: readonly GitOpsEngine[];
}

const SAMPLE_CREDENTIALS_HEADER =
  '# SAMPLE CREDENTIALS: the passwords below are the Sock Shop demo\'s own public defaults.\n# They protect nothing; never reuse them outside the workshop.';

/** The comment lines a template starts with: kept in the output, since dumping drops comments. */
function readHeader(text: string): string | undefined {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    lines.push(line);
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}

export function buildLayer(input: LayerInput): LayerBuild {
  const { stageId, layer, dir, content, previous, values, engines } = input;
  const files = new Map<string, string>();
  const resources: string[] = [];
  const added: KubeObject[] = [];

  if (content.workloads) {
    const workloads =
      typeof content.workloads === 'string' ? parseWorkloads(readTemplate(content.workloads), `templates/${content.workloads}`) : content.workloads;
    for (const workload of workloads) {
      const namespace = (values as { names: { appNamespace: string } }).names.appNamespace;
      const objects = [buildDeployment(workload, namespace), buildService(workload, namespace)].map((object) =>
        annotateObject(object, layer, engines),
      );
      const file = `${workload.name}.yaml`;
      files.set(`${dir}/${file}`, dumpObjects(objects, workload.sampleCredentials ? SAMPLE_CREDENTIALS_HEADER : undefined));
      resources.push(file);
      added.push(...objects);
    }
  }
  for (const file of content.resources ?? []) {
    const source = `stages/${stageId}/${layer}/${file}`;
    const text = renderTemplate(source, values);
    const objects = parseObjects(text, `templates/${source}`).map((object) => annotateObject(object, layer, engines));
    files.set(`${dir}/${file}`, dumpObjects(objects, readHeader(text)));
    resources.push(file);
    added.push(...objects);
  }

  const patches: Patch[] = [];
  const patchEntries: Record<string, unknown>[] = [];
  for (const { file, target } of content.patches ?? []) {
    const source = `stages/${stageId}/${layer}/${PATCHES_DIR}/${file}`;
    const text = renderTemplate(source, values);
    const [patch] = parseObjects(text, `templates/${source}`);
    files.set(`${dir}/${PATCHES_DIR}/${file}`, dumpObjects([patch], readHeader(text)));
    patches.push({ file: source, patch, target });
    patchEntries.push(target ? { path: `${PATCHES_DIR}/${file}`, target: { ...target } } : { path: `${PATCHES_DIR}/${file}` });
  }

  const kustomization: Record<string, unknown> = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [...(previous ? [relativeDir(dir, previous.dir)] : []), ...resources],
  };
  if (patchEntries.length > 0) kustomization.patches = patchEntries;
  files.set(`${dir}/kustomization.yaml`, dumpYaml(kustomization));

  return { dir, files, objects: applyPatches([...(previous?.objects ?? []), ...added], patches) };
}
