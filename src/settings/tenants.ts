/**
 * Participants: `--tenants N` (user1..userN) or a list of names, and the rule that every name
 * derived from a participant (namespaces, the control plane, GitOps objects, the Route host) is one
 * Kubernetes and the router will accept.
 */
import type { Flavor } from '../flavors/types.js';
import { deriveParticipantNames, PLACEHOLDER_PARTICIPANT } from '../layout/names.js';
import { checkDnsLabel } from './rules.js';

/** More participants than this is a typo, not a class (the benchmark measures 100). */
export const MAX_TENANTS = 500;

/** The names `--tenants` gives, or the rule the value breaks. */
export function parseTenants(value: string): { names: string[] } | { rule: string } {
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const count = Number(text);
    if (count < 1 || count > MAX_TENANTS) return { rule: `must be a number of participants from 1 to ${MAX_TENANTS}, or a comma-separated list of names` };
    return { names: Array.from({ length: count }, (_, index) => `user${index + 1}`) };
  }
  const names = text.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) return { rule: 'must be a comma-separated list of names without empty entries (e.g. "alice,bob" or "3")' };
  if (names.length > MAX_TENANTS) return { rule: `lists ${names.length} participants; at most ${MAX_TENANTS}` };
  const seen = new Set<string>();
  const twice = names.find((name) => (seen.has(name) ? true : (seen.add(name), false)));
  if (twice !== undefined) return { rule: `names "${twice}" twice: every participant needs a name of their own` };
  return { names };
}

/** Every name and host derived from a participant, with what it must be. */
function listDerived(flavor: Flavor, participant: string, domain: string): { what: string; value: string; host?: boolean }[] {
  const names = deriveParticipantNames(flavor, participant, domain);
  const derived: { what: string; value: string; host?: boolean }[] = [
    { what: 'the Sock Shop namespace', value: names.appNamespace },
    { what: 'the control-plane namespace', value: names.meshNamespace },
    { what: 'the control plane', value: names.controlPlane },
    // The longest GitOps object name made from it (a Flux Kustomization per layer).
    { what: 'a GitOps object name', value: `${names.gitopsName}-participant` },
  ];
  if (flavor.platform.kind === 'openshift') derived.push({ what: 'the front-end Route host', value: names.frontEndHost, host: true });
  return derived;
}

function checkHost(host: string): string | undefined {
  if (host.length > 253) return `is ${host.length} characters, over the 253 of a host name`;
  const label = host.split('.').find((part) => part.length > 63);
  return label ? `has the label "${label}" of ${label.length} characters, over the 63 of a DNS label` : undefined;
}

/** The first rule a list of participants breaks, or undefined. */
export function checkParticipantNames(flavor: Flavor, participants: readonly string[], domain: string, isClass: boolean): string | undefined {
  for (const participant of participants) {
    const shown = isClass ? `participant "${participant}"` : 'it';
    if (participant === '' && isClass) return 'must not contain an empty name';
    if (participant !== '') {
      const own = checkDnsLabel(participant);
      if (own) return isClass ? `${shown} ${own}` : own;
    }
    if (isClass && participant === PLACEHOLDER_PARTICIPANT) {
      return `${shown} is reserved: the shared stage folders are written for a placeholder participant of that name`;
    }
    for (const { what, value, host } of listDerived(flavor, participant, domain)) {
      const rule = host ? checkHost(value) : checkDnsLabel(value);
      if (rule) return `${isClass ? `${shown} is` : 'is'} too long: it makes ${what} "${value}", which ${rule}`;
    }
  }
  return undefined;
}
