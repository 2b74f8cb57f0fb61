/**
 * The generated repository validates itself: a GitHub Actions workflow that renders every stage and
 * checks it with this package's `validate` command (embedded strict schemas, offline), and a second
 * job that does the same through the real kubeconform for teams that standardise on it.
 */
import { dumpYaml } from '../render/manifest.js';

const KUBECONFORM_VERSION = 'v0.7.0';

export function buildCiWorkflow(packageVersion: string): string {
  const validate = `npx --yes --package=generator-sockshop-mesh@${packageVersion} -- sockshop-mesh validate .`;
  const setup = [
    { uses: 'actions/checkout@v4' },
    { uses: 'actions/setup-node@v4', with: { 'node-version': 22 } },
  ];
  const workflow = {
    name: 'validate',
    on: { push: {}, pull_request: {} },
    permissions: { contents: 'read' },
    jobs: {
      schemas: {
        name: 'Render and validate every stage',
        'runs-on': 'ubuntu-latest',
        steps: [...setup, { name: 'Validate (embedded strict schemas, offline)', run: validate }],
      },
      kubeconform: {
        name: 'The same through kubeconform -strict',
        'runs-on': 'ubuntu-latest',
        steps: [
          ...setup,
          {
            name: 'Install kubeconform',
            run: `curl -sSfL https://github.com/yannh/kubeconform/releases/download/${KUBECONFORM_VERSION}/kubeconform-linux-amd64.tar.gz | sudo tar -xz -C /usr/local/bin kubeconform`,
          },
          { name: 'Validate with kubeconform over the same schemas', run: `${validate} --validator kubeconform` },
        ],
      },
    },
  };
  return `# Written by generator-sockshop-mesh: renders every stage of this repository and validates it.\n${dumpYaml(workflow)}`;
}
