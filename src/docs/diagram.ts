/**
 * A stage's mesh graph (mesh-graph.ts) as a Mermaid flowchart, which GitHub and GitLab render in a
 * README: one box per namespace, the path from outside through Routes, gateways and routing rules
 * (with the weights of a split), the workloads each Service selects (with or without a sidecar),
 * and the control plane's dotted line to each namespace it manages. Labels are in the repository's
 * language; the shape is the same in every language. And the stage history as a git graph.
 */
import type { LanguageId } from '../languages/registry.js';
import { formatMessage } from './messages.js';
import type { GraphNode, MeshGraph } from './mesh-graph.js';

const safeId = (id: string) => id.replace(/[^A-Za-z0-9]/g, '_');
/** Mermaid labels are quoted; a quote inside one is written as an entity. */
const quote = (text: string) => `"${text.replace(/"/g, '#quot;')}"`;

function describeNode(node: GraphNode, lang: LanguageId): string {
  const say = (key: string, values: Record<string, string> = {}) => formatMessage(lang, `diagram.${key}`, values);
  switch (node.kind) {
    case 'outside':
      return say('outside');
    case 'route':
      return say('route', { host: node.name });
    case 'service':
      return [say('service', { name: node.name }), ...(node.policies ?? []).map((policy) => (policy === 'outlier-detection' ? say('outlierDetection') : say('timeout', { value: policy.replace('timeout ', '') })))].join('<br/>');
    case 'gateway':
      return say('gateway', { name: node.name });
    case 'control-plane':
      return say('controlPlane', { name: node.name });
    case 'workload':
      return `${node.name}${node.version ? ` (${node.version})` : ''}<br/>${node.sidecar ? say('sidecar') : say('noSidecar')}`;
  }
}

export function formatMermaid(graph: MeshGraph, lang: LanguageId): string {
  const lines = ['flowchart LR'];
  const byNamespace = new Map<string, GraphNode[]>();
  for (const node of graph.nodes) {
    const key = node.namespace ?? '';
    byNamespace.set(key, [...(byNamespace.get(key) ?? []), node]);
  }
  const shape = (node: GraphNode) => {
    const text = quote(describeNode(node, lang));
    if (node.kind === 'outside') return `${safeId(node.id)}([${text}])`;
    if (node.kind === 'control-plane') return `${safeId(node.id)}{{${text}}}`;
    if (node.kind === 'service') return `${safeId(node.id)}[/${text}/]`;
    return `${safeId(node.id)}[${text}]`;
  };
  for (const node of byNamespace.get('') ?? []) lines.push(`  ${shape(node)}`);
  for (const [namespace, nodes] of [...byNamespace].filter(([key]) => key !== '').sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  subgraph ${safeId(`namespace:${namespace}`)}[${quote(namespace)}]`);
    for (const node of nodes) lines.push(`    ${shape(node)}`);
    lines.push('  end');
  }
  for (const edge of graph.edges) {
    const from = safeId(edge.from);
    const to = safeId(edge.to);
    if (edge.kind === 'manages') lines.push(`  ${from} -.-> ${to}`);
    else if (edge.weight !== undefined) lines.push(`  ${from} -->|${quote(`${edge.weight}%`)}| ${to}`);
    else if (edge.kind === 'enters' && edge.to.startsWith('service:')) lines.push(`  ${from} -->|${quote(formatMessage(lang, 'diagram.portForward'))}| ${to}`);
    else lines.push(`  ${from} --> ${to}`);
  }
  return lines.join('\n');
}

export interface HistoryEntry {
  id: string;
  tag: string;
  /** Review form: the branch the stage's commit is on (the first stage's is the main branch). */
  branch?: string;
}

/** The stage history as a Mermaid git graph: one commit per stage with its tag, the current one highlighted. */
export function formatHistory(entries: readonly HistoryEntry[], mainBranch: string, current: number): string {
  const lines = [`gitGraph`];
  let branch = mainBranch;
  entries.forEach((entry, index) => {
    if (entry.branch && entry.branch !== branch) {
      lines.push(`  branch ${quote(entry.branch)}`);
      branch = entry.branch;
    }
    lines.push(`  commit id: ${quote(entry.id)} tag: ${quote(entry.tag)}${index === current ? ' type: HIGHLIGHT' : ''}`);
  });
  return lines.join('\n');
}
