/**
 * The generated repository validates itself, on a fresh GitHub-hosted runner, with nothing that is
 * not published today: a workflow that installs kustomize and kubeconform from their GitHub
 * releases (exact versions, SHA-256 checked before anything is unpacked) and runs
 * `scripts/validate.sh`, which renders every folder a GitOps engine syncs with `kustomize build` and
 * checks it with `kubeconform -strict` against the schemas the repository carries in `schemas/`
 * (see ./ci-schemas.ts). Learners run the same script locally.
 *
 * Pins and where they come from (checked 2026-12-01):
 * - actions/checkout v7.0.1 = commit 3d3c42e5aac5ba805825da76410c181273ba90b1: the lightweight tags
 *   `v7.0.1` and `v7` of https://github.com/actions/checkout point at that commit ("prep v7.0.1
 *   release (#2531)", 2026-07-17; CHANGELOG.md `## v7.0.1`), read from a mirror of the repository.
 * - kustomize v5.8.1, linux_amd64:
 *   https://github.com/kubernetes-sigs/kustomize/releases/tag/kustomize%2Fv5.8.1 (asset
 *   https://github.com/kubernetes-sigs/kustomize/releases/download/kustomize%2Fv5.8.1/kustomize_v5.8.1_linux_amd64.tar.gz).
 *   SHA-256 029a7f0f…b53a819d as pinned independently by several public projects (the release's own
 *   asset list could not be read from here: third-party pins, checked against each other).
 * - kubeconform v0.7.0, linux-amd64:
 *   https://github.com/yannh/kubeconform/releases/tag/v0.7.0 (asset
 *   https://github.com/yannh/kubeconform/releases/download/v0.7.0/kubeconform-linux-amd64.tar.gz,
 *   listed in the release's CHECKSUMS file). SHA-256 c31518dd…920d115d3, again as pinned
 *   independently by several public projects (third-party pins, checked against each other).
 * A wrong checksum fails the step (`sha256sum -c`) before the tarball is unpacked.
 */
import { posix } from 'node:path';
import { CI_SCRIPT_FILE, SCHEMAS_DIR } from '../layout/layout.js';
import { dumpYaml } from '../render/manifest.js';
import { SCHEMA_LOCATION_TEMPLATES } from '../validate/schema-names.js';
import { schemaSetDir, type SchemaSetId } from '../validate/schema-sets.js';

export interface PinnedAction {
  action: string;
  /** The full 40-hex commit the tag pointed at when pinned. */
  commit: string;
  tag: string;
  source: string;
}

export interface PinnedTool {
  name: 'kustomize' | 'kubeconform';
  version: string;
  /** The release asset (linux amd64, what GitHub's ubuntu-latest runs). */
  url: string;
  /** The asset's file name, as `sha256sum -c` reads it. */
  asset: string;
  sha256: string;
  /** The release page. */
  release: string;
  /** The binary's path inside the tarball. */
  binary: string;
}

export const CHECKOUT_ACTION: PinnedAction = {
  action: 'actions/checkout',
  commit: '3d3c42e5aac5ba805825da76410c181273ba90b1',
  tag: 'v7.0.1',
  source: 'https://github.com/actions/checkout/releases/tag/v7.0.1',
};

export const CI_TOOLS: readonly PinnedTool[] = [
  {
    name: 'kustomize',
    version: 'v5.8.1',
    url: 'https://github.com/kubernetes-sigs/kustomize/releases/download/kustomize%2Fv5.8.1/kustomize_v5.8.1_linux_amd64.tar.gz',
    asset: 'kustomize_v5.8.1_linux_amd64.tar.gz',
    sha256: '029a7f0f4e1932c52a0476cf02a0fd855c0bb85694b82c338fc648dcb53a819d',
    release: 'https://github.com/kubernetes-sigs/kustomize/releases/tag/kustomize%2Fv5.8.1',
    binary: 'kustomize',
  },
  {
    name: 'kubeconform',
    version: 'v0.7.0',
    url: 'https://github.com/yannh/kubeconform/releases/download/v0.7.0/kubeconform-linux-amd64.tar.gz',
    asset: 'kubeconform-linux-amd64.tar.gz',
    sha256: 'c31518ddd122663b3f3aa874cfe8178cb0988de944f29c74a0b9260920d115d3',
    release: 'https://github.com/yannh/kubeconform/releases/tag/v0.7.0',
    binary: 'kubeconform',
  },
];

/**
 * The `-schema-location` templates the script passes, relative to the repository root, in lookup
 * order: the flavor's schema set, then the shared schemas (the layout of listSchemaLocations in
 * src/kubeconform/run-kubeconform.ts, with `/` on every platform).
 */
export function listRepositorySchemaLocations(set: SchemaSetId): string[] {
  return [posix.join(SCHEMAS_DIR, schemaSetDir(set)), SCHEMAS_DIR].flatMap((folder) => SCHEMA_LOCATION_TEMPLATES.map((template) => `${folder}/${template}`));
}

/** The roots below which every folder holding a kustomization.yaml is an engine's path (besides stages/*, bootstrap/*). */
export const CI_WALKED_ROOTS = ['cluster', 'tenants'] as const;

function installStep(tool: PinnedTool): Record<string, unknown> {
  return {
    name: `Install ${tool.name} ${tool.version} (checksum verified)`,
    run: [
      'set -eu',
      `cd "$RUNNER_TEMP"`,
      `curl -sSfL -o ${tool.asset} ${tool.url}`,
      `echo "${tool.sha256}  ${tool.asset}" | sha256sum -c -`,
      'mkdir -p "$RUNNER_TEMP/bin"',
      `tar -xzf ${tool.asset} -C "$RUNNER_TEMP/bin" ${tool.binary}`,
      'echo "$RUNNER_TEMP/bin" >> "$GITHUB_PATH"',
      '',
    ].join('\n'),
  };
}

export function buildCiWorkflow(): string {
  const workflow = {
    name: 'validate',
    on: { push: {}, pull_request: {} },
    permissions: { contents: 'read' },
    jobs: {
      kubeconform: {
        name: 'Render every synced folder and validate it (kustomize + kubeconform -strict, offline schemas)',
        'runs-on': 'ubuntu-latest',
        steps: [
          { name: `Check out (${CHECKOUT_ACTION.action} ${CHECKOUT_ACTION.tag})`, uses: `${CHECKOUT_ACTION.action}@${CHECKOUT_ACTION.commit}`, with: { 'persist-credentials': false } },
          ...CI_TOOLS.map(installStep),
          { name: 'Validate', run: `sh ${CI_SCRIPT_FILE}` },
        ],
      },
    },
  };
  const pins = [
    `# ${CHECKOUT_ACTION.action}@${CHECKOUT_ACTION.commit} is ${CHECKOUT_ACTION.tag} (${CHECKOUT_ACTION.source}).`,
    ...CI_TOOLS.map((tool) => `# ${tool.name} ${tool.version}: ${tool.release}`),
  ];
  return [
    '# Written by generator-sockshop-mesh: renders every folder a GitOps engine syncs and validates it against',
    `# the schemas in ${SCHEMAS_DIR}/ with kubeconform, offline. The same check runs locally: sh ${CI_SCRIPT_FILE}`,
    '# Every action and tool is pinned to an exact version; downloads are checked against their SHA-256.',
    ...pins,
    dumpYaml(workflow),
  ].join('\n');
}

/** Shell single quotes around a value that holds no single quote. */
function quote(value: string): string {
  if (value.includes("'")) throw new Error(`cannot quote ${value}`);
  return `'${value}'`;
}

/** The POSIX sh script the workflow runs, for learners too: every engine path, `kustomize build | kubeconform -strict`. */
export function buildValidateScript(set: SchemaSetId): string {
  const locations = listRepositorySchemaLocations(set)
    .map((location) => `  -schema-location ${quote(location)}`)
    .join(' \\\n');
  const [kustomize, kubeconform] = CI_TOOLS;
  return `#!/bin/sh
# Written by generator-sockshop-mesh. Renders every folder a GitOps engine syncs (each stage folder,
# the bootstrap folders, and every folder with a kustomization.yaml below ${CI_WALKED_ROOTS.join('/ and ')}/)
# with \`kustomize build\`, and validates what it renders with \`kubeconform -strict\` against the
# schemas in ${SCHEMAS_DIR}/ (this repository's kinds; no network). The CI workflow runs this script;
# run it yourself from anywhere in the repository:
#
#   sh ${CI_SCRIPT_FILE}
#
# It needs kustomize (the CI uses ${kustomize.version}, ${kustomize.release})
# and kubeconform (the CI uses ${kubeconform.version}, ${kubeconform.release}) on PATH.
# What a Helm chart renders at sync time is not in these folders, so it is not validated here.
set -eu
cd "$(dirname "$0")/.."

for tool in kustomize kubeconform; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "${CI_SCRIPT_FILE}: $tool is not on PATH. Install it (see README.md, 'Checking the repository') and run this again." >&2
    exit 2
  fi
done

list_paths() {
  for dir in stages/*/ bootstrap/*/; do
    if [ -f "\${dir}kustomization.yaml" ]; then echo "\${dir%/}"; fi
  done
  for root in ${CI_WALKED_ROOTS.join(' ')}; do
    if [ -d "$root" ]; then find "$root" -name kustomization.yaml -type f | sed 's|/kustomization.yaml$||' | LC_ALL=C sort; fi
  done
}

rendered=$(mktemp)
trap 'rm -f "$rendered"' EXIT
failed=0
checked=0
for path in $(list_paths); do
  checked=$((checked + 1))
  echo "== $path"
  # Rendered to a file first: in a pipe, a failing kustomize would hand kubeconform nothing to reject.
  if ! kustomize build "$path" > "$rendered"; then
    echo "kustomize build $path failed" >&2
    failed=$((failed + 1))
    continue
  fi
  if ! kubeconform -strict -summary \\
${locations} \\
    < "$rendered"; then
    failed=$((failed + 1))
  fi
done

if [ "$checked" -eq 0 ]; then
  echo "${CI_SCRIPT_FILE}: no folder to check (run it inside a workshop repository)" >&2
  exit 2
fi
if [ "$failed" -gt 0 ]; then
  echo "$failed of $checked folders failed" >&2
  exit 1
fi
echo "all $checked folders valid"
`;
}
