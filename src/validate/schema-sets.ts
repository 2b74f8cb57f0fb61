/**
 * Schema sets: the kinds whose schemas differ between the products the flavors target. The bundled
 * `schemas/` folder holds what every flavor shares (Kubernetes, OLM, Routes, Argo CD, Flux, Kiali,
 * monitoring); `schemas/sets/<set>/` what one product line serves, in kubeconform's layout, checked
 * before the shared folder. A flavor names its set (src/flavors/*.ts `schemaSet`): Istio 1.30 for
 * OpenShift Service Mesh 3.4 and upstream Istio, Maistra 2.5 for the legacy OpenShift Service Mesh 2
 * flavor. So a field only Istio 1.2x+ knows (networking.istio.io/v1, telemetry.istio.io/v1) is
 * refused in an ossm2 repository, and Maistra's kinds in the others.
 */
export type SchemaSetId = 'istio-1.30' | 'maistra-2.5';

export interface SchemaSet {
  id: SchemaSetId;
  /** What the set describes, for messages and LICENSES.md. */
  covers: string;
}

export const SCHEMA_SETS: Readonly<Record<SchemaSetId, SchemaSet>> = {
  'istio-1.30': { id: 'istio-1.30', covers: 'Istio 1.30 APIs and the Sail operator (Istio, IstioCNI): OpenShift Service Mesh 3.4, upstream Istio 1.30' },
  'maistra-2.5': { id: 'maistra-2.5', covers: 'Maistra 2.5 (ServiceMeshControlPlane, member roll) and the Istio 1.18 APIs it serves: OpenShift Service Mesh 2.5/2.6' },
};

/** The folder of a set, inside the bundled schema folder (and inside a generated repository's `schemas/`). */
export function schemaSetDir(set: SchemaSetId): string {
  return `sets/${set}`;
}
