/** `sockshop-mesh publish`: push main, the stage branches and the stage tags, then list the pull requests to open. */
import { redactCredentials } from '../../util/redact.js';
import type { PublishResult } from '../../publish/publish.js';
import type { Command } from '../command.js';
import { formatCommandHelp, parseCommand, type CommandSpec } from '../parse-command.js';

const spec: CommandSpec = {
  name: 'publish',
  positionals: [],
  options: [
    { name: 'remote', type: 'string', value: '<url>', description: 'the git remote to push to (default: the repository\'s origin; a new remote becomes the origin)' },
    { name: 'skip-tags', type: 'boolean', description: 'push the branches only, no stage tag' },
    { name: 'force-push', type: 'boolean', description: 'overwrite branches and tags the remote holds differently (their commits are lost); never done without it' },
  ],
};

export function formatPublishResult(result: PublishResult): string {
  const { plan } = result;
  const lines: string[] = [];
  const pushed = [...plan.branches, ...plan.tags];
  lines.push(
    pushed.length === 0
      ? `Nothing to push: ${result.remote} already has ${plan.upToDate.length} of these branches and tags.`
      : `Pushed to ${result.remote}: ${plan.branches.length} branch(es) (${plan.branches.join(', ') || 'none'}) and ${plan.tags.length} tag(s)${plan.upToDate.length > 0 ? `; ${plan.upToDate.length} already up to date` : ''}.`,
  );
  if (result.addedOrigin) lines.push(`${result.remote} is now this repository's origin.`);
  if (plan.note) lines.push(`Held back ${plan.heldBack.join(', ')}: ${plan.note}`);
  if (result.pullRequests.length > 0) {
    lines.push('', 'Open one pull request per stage, in this order (each shows exactly one stage\'s change; merge them in order):');
    result.pullRequests.forEach((step, index) => {
      lines.push(`  ${String(index + 1).padStart(2)}. ${step.head} -> ${step.base}${step.url ? `\n      ${step.url}` : ''}`);
    });
    if (!result.web) lines.push('  (not a GitHub or GitLab remote: open them on your git host with these head and base branches)');
  } else {
    lines.push('', 'Every stage is on one branch here; for one pull request per stage, generate with `sockshop-mesh new DIR --review`.');
  }
  return `${lines.join('\n')}\n`;
}

export const publishCommand: Command = {
  name: 'publish',
  usage: '[--remote URL]',
  summary: 'push main, the stage branches and tags, and print the pull requests to open, one per stage',
  help: () =>
    formatCommandHelp({
      spec,
      summary: 'Pushes the main branch, every stage branch (review form) and the stage tags in one atomic push, then prints, for GitHub and GitLab, the link that opens each stage\'s pull request, in order.',
      description: [
        'Nothing is overwritten: a branch the remote moved (diverged) or a tag it holds differently stops the push',
        'before anything is sent. In follow mode only the tags up to the live stage are pushed (the first one on a',
        'fresh remote): the engine jumps to the highest tag it sees, so `sockshop-mesh promote` pushes the rest.',
      ],
      examples: [
        'sockshop-mesh publish --remote git@github.com:your-org/sockshop-mesh-workshop.git',
        'sockshop-mesh publish --dir ws --remote https://gitlab.com/your-group/sockshop-mesh-workshop.git',
        'sockshop-mesh publish --skip-tags',
      ],
    }),
  run: async (args) => {
    const { values } = parseCommand(spec, args);
    (await import('../../publish/publish.js')).refuseCredentials(values.remote as string | undefined);
    const { publishRepository } = await import('../../publish/publish.js');
    const result = await publishRepository({
      dir: (values.dir as string | undefined) ?? process.cwd(),
      remote: values.remote as string | undefined,
      skipTags: Boolean(values['skip-tags']),
      forcePush: Boolean(values['force-push']),
    });
    process.stdout.write(redactCredentials(formatPublishResult(result)));
    return 0;
  },
};
