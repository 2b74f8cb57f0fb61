/** Help text of `sockshop-mesh new`, generated from the option, flavor and stage tables. */
import { readStageText } from '../docs/stage-texts.js';
import { FLAVORS } from '../flavors/registry.js';
import { formatStageId, formatTag, TAG_RANGE } from '../layout/layout.js';
import { ANSWER_OPTIONS, DEFAULT_DIRECTORY, FLAG_OPTIONS } from '../settings/options.js';

/** Every flavor's stages with their tags and summaries, from the registry: for `new --help` and `yo sockshop-mesh --help`. */
export function formatStageTable(): string[] {
  return [
    `Stages and their tags, per flavor (Argo CD >= 2.12 and Flux can follow the range "${TAG_RANGE}"):`,
    ...FLAVORS.flatMap((flavor) => [
      `  --flavor ${flavor.id}:`,
      ...flavor.stages.map((stage) => `    ${formatStageId(stage).padEnd(22)}${formatTag(stage).padEnd(32)}${readStageText('en', flavor.id, stage.slug).summary}`),
    ]),
  ];
}

/** One line per flavor, from the registry. */
export function formatFlavorTable(): string[] {
  const width = Math.max(...FLAVORS.map((flavor) => flavor.id.length)) + 2;
  return ['Flavors (--flavor):', ...FLAVORS.map((flavor) => `  ${flavor.id.padEnd(width)}${flavor.summary}`)];
}

export function formatNewHelp(): string {
  const rows = [
    ...ANSWER_OPTIONS.map((option) => {
      const choices = option.choiceSummaries
        ? `allowed:\n${Object.entries(option.choiceSummaries).map(([value, summary]) => `  ${value.padEnd(7)}${summary}`).join('\n')}\n`
        : option.choices
          ? `allowed: ${option.choices.join(', ')}\n`
          : '';
      return [option.type === 'boolean' ? `--${option.name}` : `--${option.name} <value>`, `${option.description}\n${choices}default: ${option.default === '' ? '""' : option.default}`];
    }),
    ...FLAG_OPTIONS.map((flag) => [`${flag.alias ? `-${flag.alias}, ` : ''}--${flag.name}${flag.type === 'string' ? ' <file>' : ''}`, flag.description]),
  ];
  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  const options = rows.flatMap(([name, text]) => text.split('\n').map((line, index) => `  ${(index === 0 ? name : '').padEnd(width)}${line}`));
  return [
    'Usage: sockshop-mesh new [dir] [options]',
    '',
    `Writes a new git repository in [dir] (default ${DEFAULT_DIRECTORY}): one commit and one annotated tag per stage.`,
    'Without options in a terminal it asks each question; with any option, --yes or --answers it asks nothing.',
    '',
    'Options:',
    ...options,
    '',
    ...formatStageTable(),
    '',
    'Examples:',
    '  sockshop-mesh new --yes',
    '  sockshop-mesh new ws --flavor istio --gitops both',
    '  sockshop-mesh new ws --gitops flux --tenant user7 --domain apps.cluster-abc.example.com',
    '  sockshop-mesh new class --tenants 20 --lang ja',
    '  sockshop-mesh new ws --answers answers.yaml --until 04',
    '  sockshop-mesh new ws --review          then: sockshop-mesh publish --dir ws --remote URL',
    '',
  ].join('\n');
}
