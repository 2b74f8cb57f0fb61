/**
 * Every flavor, by id. The default is OpenShift Service Mesh 3; a repository generated before
 * flavors existed has no `flavor` answer and is read as `ossm2`, the only product it could target.
 */
import { UserError } from '../errors.js';
import { suggestNearest } from '../settings/rules.js';
import { ISTIO } from './istio.js';
import { OSSM2 } from './ossm2.js';
import { OSSM3 } from './ossm3.js';
import type { Flavor, FlavorId, LayerDefinition, StageDefinition } from './types.js';

export const FLAVORS: readonly Flavor[] = [OSSM3, ISTIO, OSSM2];
export const FLAVOR_IDS: readonly FlavorId[] = FLAVORS.map((flavor) => flavor.id);
export const DEFAULT_FLAVOR: FlavorId = 'ossm3';
/** What a repository without a `flavor` answer was generated for. */
export const LEGACY_FLAVOR: FlavorId = 'ossm2';

export function isFlavorId(value: unknown): value is FlavorId {
  return typeof value === 'string' && (FLAVOR_IDS as readonly string[]).includes(value);
}

export function getFlavor(id: FlavorId): Flavor {
  return FLAVORS.find((flavor) => flavor.id === id)!;
}

/** The flavor an id names, or a UserError listing the flavors. */
export function findFlavor(value: string): Flavor {
  if (isFlavorId(value)) return getFlavor(value);
  const near = suggestNearest(value, FLAVOR_IDS);
  throw new UserError(`unknown flavor ${JSON.stringify(value)}${near ? ` (did you mean ${near}?)` : ''}`, `Flavors: ${FLAVOR_IDS.join(', ')}.`);
}

/** A stage of a flavor by number (`4`, `04`), slug (`sidecar-injection`) or id (`04-sidecar-injection`). */
export function findStage(flavor: Pick<Flavor, 'stages'>, value: string): StageDefinition | undefined {
  const text = value.trim();
  if (/^\d+$/.test(text)) return flavor.stages.find((stage) => stage.number === Number(text));
  return flavor.stages.find((stage) => stage.slug === text || `${String(stage.number).padStart(2, '0')}-${stage.slug}` === text);
}

export function findLayer(flavor: Pick<Flavor, 'layers'>, layer: string): LayerDefinition | undefined {
  return flavor.layers.find((definition) => definition.layer === layer);
}
