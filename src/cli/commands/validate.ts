/** `sockshop-mesh validate [dir]`: render every stage and check it against strict schemas, offline. */
import { resolve } from 'node:path';
import { REPORT_FORMATS, type ReportFormat } from '../../report/types.js';
import type { ValidatorName } from '../../validate-repo/validate-repository.js';
import type { Command } from '../command.js';
import { formatCommandHelp, parseCommand, type CommandSpec } from '../parse-command.js';

// A type-only import: the validation modules load only when the command runs.
const VALIDATORS: readonly ValidatorName[] = ['embedded', 'kubeconform'];

const spec: CommandSpec = {
  name: 'validate',
  positionals: ['[dir]'],
  optionalPositionals: 1,
  options: [
    { name: 'stage', type: 'string', value: '<stage>', description: 'only this stage (number, name or id)' },
    { name: 'ref', type: 'string', value: '<ref>', description: 'validate a git revision (tag, branch, commit) instead of the working tree' },
    { name: 'output', type: 'string', value: '<format>', choices: REPORT_FORMATS, description: 'report format, default text' },
    { name: 'validator', type: 'string', value: '<name>', choices: VALIDATORS, description: 'embedded (default, in-process) or the kubeconform found on PATH' },
    { name: 'crds', type: 'string', value: '<dir>', multiple: true, description: 'also read CustomResourceDefinition YAML from this folder (e.g. kubectl get crd -o yaml)' },
    {
      name: 'schema-location',
      type: 'string',
      value: '<template>',
      multiple: true,
      description: 'also look up schemas here, kubeconform-style: a folder, or a template with {{ .ResourceKind }} etc. (URLs are fetched once and cached)',
    },
    { name: 'ignore-missing-schemas', type: 'boolean', description: 'list objects without a schema as skipped instead of failing' },
    { name: 'skip-fallback', type: 'boolean', description: 'never call a real kustomize for overlays the in-process renderer does not support' },
  ],
};

export const validateCommand: Command = {
  name: 'validate',
  usage: '[dir]',
  summary: 'render every stage and validate every object against strict schemas (offline; kubeconform when asked)',
  help: () =>
    formatCommandHelp({
      spec,
      summary: 'Renders every stage folder (and the bootstrap) of a workshop repository and checks every object against strict JSON schemas, then checks what schemas cannot see: operators before their custom resources, Argo CD sync waves and dry-run options, sidecar injection only in member namespaces, selectors, Istio hosts, ports, subsets and gateways.',
      description: [
        'Exits 0 when everything is valid, 1 when anything is invalid, 2 for bad input. Unknown fields, wrong types,',
        'missing required fields and custom resources with no schema are errors (like kubeconform -strict).',
        'Schemas are looked up in --schema-location and --crds first, then in the schemas bundled with this package.',
      ],
      examples: [
        'sockshop-mesh validate',
        'sockshop-mesh validate ws --stage 4 --output junit > report.xml',
        'sockshop-mesh validate --ref v1.5.0+ingress-gateway',
        'sockshop-mesh validate --crds ./cluster-crds --validator kubeconform',
      ],
    }),
  run: async (args) => {
    const { values, positionals } = parseCommand(spec, args);
    const dir = resolve(positionals[0] ?? (values.dir as string | undefined) ?? '.');
    const { runValidate } = await import('../../validate-repo/run-validate.js');
    const { text, valid } = await runValidate({
      dir,
      ref: values.ref as string | undefined,
      stage: values.stage as string | undefined,
      output: ((values.output as string | undefined) ?? 'text') as ReportFormat,
      validator: ((values.validator as string | undefined) ?? 'embedded') as ValidatorName,
      crds: (values.crds as string[] | undefined) ?? [],
      schemaLocations: (values['schema-location'] as string[] | undefined) ?? [],
      ignoreMissingSchemas: values['ignore-missing-schemas'] === true,
      fallback: values['skip-fallback'] !== true,
    });
    process.stdout.write(text);
    return valid ? 0 : 1;
  },
};
