/** The kubeconform adapter: run the real binary, read its JSON report as our violations. */
export { convertPointer } from './convert-errors.js';
export { KubeconformOutputError, parseKubeconformOutput } from './parse-output.js';
export { buildKubeconformArgs, KUBECONFORM_INSTALL_HINT, listSchemaLocations, runKubeconform, type RunKubeconformOptions } from './run-kubeconform.js';
export type { KubeconformFormat, KubeconformResource, KubeconformResult, KubeconformStatus, KubeconformSummary } from './types.js';
