/**
 * Checks for single values. Each returns undefined when the value is fine, or the rule it breaks in
 * words a user can act on.
 */

import { hasCredentials } from '../util/redact.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function checkDnsLabel(value: string): string | undefined {
  if (value.length > 63) return `must be at most 63 characters (it has ${value.length})`;
  if (!DNS_LABEL.test(value)) {
    return 'must be a DNS label: lowercase letters, digits and "-", starting and ending with a letter or digit';
  }
  return undefined;
}

export function checkDomain(value: string): string | undefined {
  const rule = 'must be a DNS domain such as apps.example.com: dot-separated labels of lowercase letters, digits and "-"';
  if (value.length === 0) return rule;
  if (value.length > 253) return `is ${value.length} characters: a DNS name has at most 253 (and every host derived from it is longer still)`;
  const labels = value.split('.');
  if (labels.length < 2) return `${rule}, with at least two labels`;
  const long = labels.find((label) => label.length > 63);
  if (long) return `has the label "${long}" of ${long.length} characters: a DNS label has at most 63`;
  if (labels.some((label) => !DNS_LABEL.test(label))) return rule;
  return undefined;
}

const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[A-Za-z0-9._~/-]+$/;
/** What Argo CD and Flux can pull from (Flux needs ssh:// for SSH; scp-like remotes are rewritten for it). */
const URL_SCHEMES = new Set(['https:', 'http:', 'ssh:']);
/** Characters that would need quoting somewhere (YAML, Markdown, a shell): never part of a remote. */
const UNSAFE = /[\s"'`$\\<>|;&(){}\u0000-\u001f\u007f]/;

export function checkRemote(value: string): string | undefined {
  const rule = 'must be a git URL: https://host/org/repo.git, ssh://git@host/org/repo.git or git@host:org/repo.git';
  if (UNSAFE.test(value)) return `${rule}, without spaces, quotes or shell characters`;
  if (SCP_LIKE.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return rule;
  }
  if (!URL_SCHEMES.has(url.protocol)) return `${rule} (Argo CD and Flux cannot pull over ${url.protocol.replace(':', '')})`;
  if (url.hostname === '') return `${rule} (no host)`;
  if (url.password || hasCredentials(value)) return `${rule}, without a password: credentials belong in the GitOps engine's secret, never in the repository`;
  return undefined;
}

/**
 * The rules of `git check-ref-format --branch` for the names a user would type, and the names this
 * tool's own refs need: `HEAD`, a stage tag's name, and (review form) anything that clashes with the
 * stage branches `stage/NN-name`.
 */
export function checkBranch(value: string, options: { review?: boolean } = {}): string | undefined {
  const rule = 'must be a git branch name such as main or workshop/2026 (no spaces, "..", "~^:?*[\\", leading "-" or "/", or ".lock" at the end of a part)';
  if (
    value.length === 0 ||
    value.startsWith('-') ||
    value.startsWith('/') ||
    value.endsWith('/') ||
    value.endsWith('.') ||
    value.includes('..') ||
    value.includes('//') ||
    value.includes('@{') ||
    value === '@' ||
    /[\s~^:?*[\\\u0000-\u001f\u007f]/.test(value) ||
    value.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock'))
  ) {
    return rule;
  }
  if (value === 'HEAD') return 'must not be HEAD: git reserves that name for the checked-out commit';
  if (/^v\d+\.\d+\.\d+\+/.test(value)) return 'must not look like a stage tag (v1.N.0+name): a branch and a tag of one name are ambiguous for Argo CD and Flux';
  if (value === 'stage' || value.startsWith('stage/')) {
    return options.review
      ? 'must not be "stage" or start with "stage/": the review form puts every later stage on a branch stage/NN-name'
      : 'must not be "stage" or start with "stage/": those names are kept for the stage branches of the review form (--review)';
  }
  return undefined;
}

/** Damerau-free Levenshtein distance, for "did you mean" suggestions. */
export function measureDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}

/** The closest candidate, when it is close enough to be what the user meant. */
export function suggestNearest(value: string, candidates: readonly string[]): string | undefined {
  const prefixed = value.length >= 3 ? candidates.find((candidate) => candidate.startsWith(value.toLowerCase())) : undefined;
  if (prefixed) return prefixed;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = measureDistance(value.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/** `git@host:org/repo.git` as the `ssh://git@host/org/repo.git` URL Flux requires; other URLs unchanged. */
export function toSshUrl(remote: string): string {
  if (!SCP_LIKE.test(remote)) return remote;
  const at = remote.indexOf(':');
  return `ssh://${remote.slice(0, at)}/${remote.slice(at + 1)}`;
}
