/**
 * The files every commit of a repository holds unchanged: the answers, the bootstrap of each engine
 * (written from the objects of the last stage, so the AppProjects and the participants' RBAC allow
 * exactly what the repository applies), the Argo CD health checks and the repository's own CI.
 */
import { buildArgoCdParticipant, buildArgoCdShared, type ArgoCdBootstrapInput } from '../gitops/argocd.js';
import { buildCiWorkflow, buildValidateScript } from '../gitops/ci-workflow.js';
import { buildFluxParticipant, buildFluxShared, buildFluxSingle, buildParticipantRole, formatKindKey, type LayerKinds } from '../gitops/flux.js';
import { buildArgoCdHealthConfigMap, buildArgoCdHealthPatch, formatArgoCdHealthHeader, formatArgoCdHealthPatchHeader } from '../gitops/health-checks.js';
import { ARGOCD_NAMESPACE } from '../flavors/shared.js';
import { buildChartsProject } from '../gitops/charts-project.js';
import { describeResources } from '../gitops/resources.js';
import type { Layer } from '../flavors/types.js';
import { ANSWERS_FILE, BOOTSTRAP_FILES, bootstrapDir, CI_SCRIPT_FILE, CI_WORKFLOW_FILE, formatTag, GENERATOR_NAME, PARTICIPANTS_BOOTSTRAP_DIR } from '../layout/layout.js';
import type { ParticipantNames } from '../layout/names.js';
import { dumpObjects, dumpYaml, type KubeObject } from '../render/manifest.js';
import { toAnswers } from '../settings/check-settings.js';
import { selectLayout } from '../settings/settings.js';
import { writeKustomization } from './entry-point.js';
import { listParticipantNames, selectClassNames } from './plan-class.js';
import type { PlanContext, StagePlan } from './plan-stages.js';

/** The placeholder's objects as one participant's: every string that is one of the placeholder's names, swapped. */
export function renameForParticipant(objects: readonly KubeObject[], keys: ReturnType<typeof selectClassNames>, names: ParticipantNames): KubeObject[] {
  const swap = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const key = keys.get(value);
      return key ? names[key] : value;
    }
    if (Array.isArray(value)) return value.map(swap);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, swap(child)]));
    return value;
  };
  return objects.map((object) => swap(object) as KubeObject);
}

interface LastStage {
  stage: StagePlan['stage'];
  objects: readonly KubeObject[];
  layers: Partial<Record<Layer, readonly KubeObject[]>>;
}

function pickLayers(context: PlanContext, last: LastStage, scope: 'shared' | 'participant'): KubeObject[] {
  return context.flavor.layers.filter((definition) => definition.scope === scope).flatMap((definition) => [...(last.layers[definition.layer] ?? [])]);
}

/** The kinds each layer applies with Flux, over every stage: the bootstrap does not change with the pin. */
function collectFluxKinds(stages: readonly Pick<StagePlan, 'engineLayers'>[]): LayerKinds {
  const kinds: Partial<Record<Layer, Set<string>>> = {};
  for (const { engineLayers } of stages) {
    for (const [layer, objects] of Object.entries(engineLayers.flux ?? {}) as [Layer, readonly KubeObject[]][]) {
      for (const object of objects) (kinds[layer] ??= new Set()).add(formatKindKey(object));
    }
  }
  return kinds;
}

export function planConstantFiles(context: PlanContext, last: LastStage, built: readonly Pick<StagePlan, 'engineLayers'>[]): Map<string, string> {
  const { settings, flavor, engines, repo, stages } = context;
  const isClass = selectLayout(settings) === 'class';
  const firstTag = formatTag(stages[0]);
  const lastTag = formatTag(stages[stages.length - 1]);
  const files = new Map<string, string>();
  const add = (dir: string, entries: [string, KubeObject[]][], extra: string[] = []) => {
    files.set(`${dir}/kustomization.yaml`, writeKustomization([...entries.map(([file]) => file), ...extra]));
    for (const [file, objects] of entries) files.set(`${dir}/${file}`, dumpObjects(objects));
  };

  const keys = isClass ? selectClassNames(context) : new Map();
  const participantObjects = pickLayers(context, last, 'participant');
  const participants = isClass
    ? listParticipantNames(context).map((names) => ({ names, objects: renameForParticipant(participantObjects, keys, names), revision: firstTag }))
    : [];
  const chartRepos = [...new Set((flavor.charts ?? []).map((chart) => chart.repoURL))];

  for (const engine of engines) {
    const dir = bootstrapDir(engine);
    const participantFiles = participants.map(({ names }) => `${PARTICIPANTS_BOOTSTRAP_DIR}/${names.participant}.yaml`);
    if (engine === 'argocd') {
      const input: ArgoCdBootstrapInput = {
        settings,
        flavor,
        repo,
        sharedObjects: isClass ? pickLayers(context, last, 'shared') : last.objects,
        sharedRevision: isClass ? lastTag : firstTag,
        participants,
        chartRepos,
      };
      const [project, application] = buildArgoCdShared(input);
      const charts = flavor.charts && flavor.charts.length > 0 ? [buildChartsProject(flavor, repo.gitopsName)] : [];
      const { project: projectFile, pin, healthConfigMap, healthPatch } = BOOTSTRAP_FILES.argocd;
      add(dir, [[projectFile, [project, ...charts]], [pin, [application]]], participantFiles);
      for (const participant of participants) files.set(`${dir}/${PARTICIPANTS_BOOTSTRAP_DIR}/${participant.names.participant}.yaml`, dumpObjects(buildArgoCdParticipant(input, participant)));
      // Applied by hand, once, and not by `kubectl apply -k`: on OpenShift GitOps argocd-cm belongs to the operator.
      // argocd-cm is upstream Argo CD's (namespace argocd); OpenShift GitOps takes the same checks through its ArgoCD CR.
      const openshift = flavor.platform.kind === 'openshift' ? flavor.platform.argocdNamespace : undefined;
      files.set(`${dir}/${healthConfigMap}`, dumpObjects([buildArgoCdHealthConfigMap(flavor.healthChecks, ARGOCD_NAMESPACE)], formatArgoCdHealthHeader(flavor.healthChecks, ARGOCD_NAMESPACE, openshift)));
      if (openshift) files.set(`${dir}/${healthPatch}`, `${formatArgoCdHealthPatchHeader(flavor.healthChecks, openshift)}\n${dumpYaml(buildArgoCdHealthPatch(flavor.healthChecks))}`);
    } else if (isClass) {
      const kinds = collectFluxKinds(built);
      const role = buildParticipantRole(describeResources(participantObjects.filter((object) => object.metadata.namespace)), [...extraRules(participantObjects)]);
      const [source, ...kustomizations] = buildFluxShared(settings, flavor, repo, settings.mode === 'follow' ? firstTag : lastTag, kinds);
      add(dir, [[BOOTSTRAP_FILES.flux.pin, [source]], [BOOTSTRAP_FILES.flux.kustomizations, kustomizations], ['participant-role.yaml', [role]]], participantFiles);
      for (const { names } of participants) {
        files.set(`${dir}/${PARTICIPANTS_BOOTSTRAP_DIR}/${names.participant}.yaml`, dumpObjects(buildFluxParticipant(settings, flavor, repo, names, firstTag, kinds)));
      }
    } else {
      const [source, ...kustomizations] = buildFluxSingle(settings, flavor, repo, firstTag, collectFluxKinds(built));
      add(dir, [[BOOTSTRAP_FILES.flux.pin, [source]], [BOOTSTRAP_FILES.flux.kustomizations, kustomizations]]);
    }
  }
  files.set(ANSWERS_FILE, `${JSON.stringify({ [GENERATOR_NAME]: toAnswers(settings) }, null, 2)}\n`);
  files.set(CI_WORKFLOW_FILE, buildCiWorkflow());
  files.set(CI_SCRIPT_FILE, buildValidateScript(flavor.schemaSet));
  return files;
}

/**
 * RBAC a participant needs beyond their objects' own kinds: the rules of the Roles they create
 * (Kubernetes lets nobody grant what they do not hold) and, for Routes with a host, the
 * `routes/custom-host` subresource OpenShift checks.
 */
function extraRules(objects: readonly KubeObject[]): Record<string, unknown>[] {
  const rules = objects.filter((object) => object.kind === 'Role').flatMap((role) => (role.rules as Record<string, unknown>[] | undefined) ?? []);
  if (objects.some((object) => object.kind === 'Route')) rules.push({ apiGroups: ['route.openshift.io'], resources: ['routes/custom-host'], verbs: ['create', 'update', 'patch'] });
  const seen = new Set<string>();
  return rules.filter((rule) => {
    const key = JSON.stringify(rule);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
