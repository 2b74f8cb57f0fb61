/**
 * Where the schema of an `apiVersion` + `kind` lives inside a schema folder. The layout is the one
 * kubeconform reads, so the bundled `schemas/` folder also works with
 *
 *   kubeconform -strict \
 *     -schema-location 'schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json' \
 *     -schema-location 'schemas/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json'
 *
 * kubeconform's template values (pkg/registry/registry.go): ResourceKind is the kind in lower case;
 * ResourceAPIVersion the part of apiVersion after the last `/`; Group the part before the first `/`
 * (for core `v1` that is `v1` itself); KindSuffix `-` + the first dot-separated segment of the group,
 * lower case, then `-` + the version when there is a group (`-v1` for `v1`, `-apps-v1` for `apps/v1`,
 * `-networking-v1beta1` for both `networking.k8s.io/v1beta1` and `networking.istio.io/v1beta1`).
 * Because that short suffix collides across groups, only Kubernetes' own kinds use the first layout;
 * every custom resource uses the second.
 */

/** The two kubeconform `-schema-location` templates, relative to the schema folder, in lookup order. */
export const SCHEMA_LOCATION_TEMPLATES: readonly string[] = [
  '{{ .ResourceKind }}{{ .KindSuffix }}.json',
  '{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json',
];

export interface SchemaTemplateValues {
  resourceKind: string;
  resourceApiVersion: string;
  group: string;
  kindSuffix: string;
}

/** The values kubeconform puts into its schema-location templates for one object. */
export function computeTemplateValues(apiVersion: string, kind: string): SchemaTemplateValues {
  const groupParts = apiVersion.split('/');
  const group = groupParts[0] ?? '';
  const version = groupParts[groupParts.length - 1] ?? '';
  const firstSegment = (group.split('.')[0] ?? '').toLowerCase();
  const kindSuffix = groupParts.length > 1 ? `-${firstSegment}-${version.toLowerCase()}` : `-${firstSegment}`;
  return { resourceKind: kind.toLowerCase(), resourceApiVersion: version, group, kindSuffix };
}

/** File name in the Kubernetes (core) layout, e.g. `deployment-apps-v1.json`, `service-v1.json`. */
export function nameCoreSchemaFile(apiVersion: string, kind: string): string {
  const values = computeTemplateValues(apiVersion, kind);
  return `${values.resourceKind}${values.kindSuffix}.json`;
}

/** File name in the custom-resource layout, e.g. `networking.istio.io/virtualservice_v1beta1.json`. */
export function nameGroupSchemaFile(apiVersion: string, kind: string): string {
  const values = computeTemplateValues(apiVersion, kind);
  return `${values.group}/${values.resourceKind}_${values.resourceApiVersion}.json`;
}

/** Every file a lookup tries, in kubeconform's order (first template first). */
export function listSchemaFileCandidates(apiVersion: string, kind: string): string[] {
  return [nameCoreSchemaFile(apiVersion, kind), nameGroupSchemaFile(apiVersion, kind)];
}
