/** The answers that shape a generated repository, checked and frozen (see check-settings.ts). */
import type { FlavorId } from '../flavors/types.js';
import type { LanguageId } from '../languages/registry.js';

export type GitOpsEngine = 'argocd' | 'flux';
export type GitOpsChoice = GitOpsEngine | 'both';
export const GITOPS_CHOICES: readonly GitOpsChoice[] = ['argocd', 'flux', 'both'];

/** pin: the bootstrap names one stage tag; follow: it follows the tag range and tags are pushed one by one. */
export type PromotionMode = 'pin' | 'follow';
export const PROMOTION_MODES: readonly PromotionMode[] = ['pin', 'follow'];

export interface Settings {
  /** Target folder, as given (relative to the working directory or absolute). */
  readonly directory: string;
  readonly flavor: FlavorId;
  readonly lang: LanguageId;
  readonly gitops: GitOpsChoice;
  /** The one participant of a single-participant repository ('' for plain `sock-shop` / `istio-system`). */
  readonly tenant: string;
  /** A class: every participant's name, in order; empty for a single-participant repository. */
  readonly tenants: readonly string[];
  readonly domain: string;
  readonly remote: string;
  readonly branch: string;
  /** Number of the last stage to include. */
  readonly until: number;
  readonly mode: PromotionMode;
  /** Review form: main holds the baseline, every later stage waits on its own branch. */
  readonly review: boolean;
}

/** The answers saved in `.yo-rc.json` and accepted in an answers file (the target folder is not one). */
export type Answers = Omit<Settings, 'directory' | 'until' | 'tenant' | 'tenants'> & { until: string; tenant?: string; tenants?: string[] };

export function selectEngines(choice: GitOpsChoice): GitOpsEngine[] {
  return choice === 'both' ? ['argocd', 'flux'] : [choice];
}

/** A class of participants, or one participant. */
export type LayoutId = 'single' | 'class';

export function selectLayout(settings: Pick<Settings, 'tenants'>): LayoutId {
  return settings.tenants.length > 0 ? 'class' : 'single';
}
