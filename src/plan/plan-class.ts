/**
 * A class's files: the component that puts a participant's names into the shared stages (computed
 * from the stage's objects, so it changes with them), the RoleBindings of each participant's Flux
 * ServiceAccount, and one thin folder per participant (their values and the kustomizations their
 * GitOps objects sync), written once and never changed: they point at `cluster/`, which moves.
 */
import type { Layer } from '../flavors/types.js';
import { buildParticipantRoleBindings } from '../gitops/flux.js';
import { ENTRY_DIR, entryLayerDir, PARTICIPANT_COMPONENT_DIR, PARTICIPANT_VALUES, relativeDir, tenantDir } from '../layout/layout.js';
import { deriveParticipantNames, PLACEHOLDER_PARTICIPANT, type ParticipantNames } from '../layout/names.js';
import { dumpObjects, dumpYaml, type KubeObject } from '../render/manifest.js';
import { selectLayout } from '../settings/settings.js';
import { writeKustomization } from './entry-point.js';
import { buildParticipantComponent, buildParticipantValues, selectVaryingNames } from './participant-component.js';
import type { PlanContext } from './plan-stages.js';

/** A class, with Flux: the RoleBindings of each participant's ServiceAccount, in the participant's namespaces. */
export const FLUX_TENANCY_DIR = `${ENTRY_DIR}/flux-tenancy`;

/** The names that differ between participants, keyed by the placeholder's value. */
export function selectClassNames(context: PlanContext): ReturnType<typeof selectVaryingNames> {
  const other = deriveParticipantNames(context.flavor, `${PLACEHOLDER_PARTICIPANT}x`, context.settings.domain);
  return selectVaryingNames(context.names, other);
}

/** Every participant's names, in class order. */
export function listParticipantNames(context: PlanContext): ParticipantNames[] {
  return context.settings.tenants.map((participant) => deriveParticipantNames(context.flavor, participant, context.settings.domain));
}

/** The placeholder's RoleBindings at a stage: one per namespace the participant has by then. */
function buildTenancy(context: PlanContext, layers: Partial<Record<Layer, readonly KubeObject[]>>): KubeObject[] {
  const namespaces = (layers.participant ?? []).filter((object) => object.kind === 'Namespace').map((object) => object.metadata.name);
  return buildParticipantRoleBindings(context.flavor, context.names, namespaces);
}

function planParticipant(context: PlanContext, names: ParticipantNames, keys: ReturnType<typeof selectVaryingNames>): Map<string, string> {
  const files = new Map<string, string>();
  const values = tenantDir(names.participant, 'values');
  files.set(`${values}/kustomization.yaml`, writeKustomization([`${PARTICIPANT_VALUES}.yaml`]));
  files.set(`${values}/${PARTICIPANT_VALUES}.yaml`, dumpObjects([buildParticipantValues(names, keys)], `# ${names.participant}'s names, put into the shared stages by ${PARTICIPANT_COMPONENT_DIR}/ (kustomize replacements).\n# kustomize leaves this object out of what it builds (local-config).`));
  const layers = context.flavor.layers.filter((definition) => definition.scope === 'participant');
  const component = (dir: string) => ({ components: [relativeDir(dir, PARTICIPANT_COMPONENT_DIR)] });
  if (context.engines.includes('argocd')) {
    const dir = tenantDir(names.participant);
    files.set(`${dir}/kustomization.yaml`, writeKustomization([...layers.map((definition) => relativeDir(dir, entryLayerDir(definition))), 'values'], component(dir)));
  }
  if (context.engines.includes('flux')) {
    for (const definition of layers) {
      const dir = tenantDir(names.participant, definition.layer);
      const resources = [relativeDir(dir, entryLayerDir(definition)), '../values', ...(definition.clusterScoped ? [relativeDir(dir, FLUX_TENANCY_DIR)] : [])];
      files.set(`${dir}/kustomization.yaml`, writeKustomization(resources, component(dir)));
    }
  }
  return files;
}

/** Each participant's folder is the same at every stage: planned once per repository. */
const participantFiles = new WeakMap<PlanContext, Map<string, string>>();

/** A class's files at one stage (nothing for one participant). */
export function planClassFiles(context: PlanContext, layers: Partial<Record<Layer, readonly KubeObject[]>>): Map<string, string> {
  const files = new Map<string, string>();
  if (selectLayout(context.settings) !== 'class') return files;
  const keys = selectClassNames(context);
  const participantObjects = context.flavor.layers.filter((definition) => definition.scope === 'participant').flatMap((definition) => layers[definition.layer] ?? []);
  const tenancy = context.engines.includes('flux') ? buildTenancy(context, layers) : [];
  if (context.engines.includes('flux')) {
    files.set(`${FLUX_TENANCY_DIR}/kustomization.yaml`, writeKustomization(['rolebindings.yaml']));
    files.set(`${FLUX_TENANCY_DIR}/rolebindings.yaml`, dumpObjects(tenancy, '# What each participant\'s Flux ServiceAccount may do in their own namespaces (written for the placeholder participant).'));
  }
  files.set(`${PARTICIPANT_COMPONENT_DIR}/kustomization.yaml`, dumpYaml(buildParticipantComponent([...participantObjects, ...tenancy], keys)));
  let participants = participantFiles.get(context);
  if (!participants) {
    participants = new Map<string, string>();
    for (const names of listParticipantNames(context)) for (const [path, text] of planParticipant(context, names, keys)) participants.set(path, text);
    participantFiles.set(context, participants);
  }
  for (const [path, text] of participants) files.set(path, text);
  return files;
}
