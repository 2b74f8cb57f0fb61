/** The answers that shape a generated repository, checked and frozen (see check-settings.ts). */

export type GitOpsEngine = 'argocd' | 'flux';
export type GitOpsChoice = GitOpsEngine | 'both';
export const GITOPS_CHOICES: readonly GitOpsChoice[] = ['argocd', 'flux', 'both'];

/** pin: the bootstrap names one stage tag; follow: it follows the tag range and tags are pushed one by one. */
export type PromotionMode = 'pin' | 'follow';
export const PROMOTION_MODES: readonly PromotionMode[] = ['pin', 'follow'];

export interface Settings {
  /** Target folder, as given (relative to the working directory or absolute). */
  readonly directory: string;
  readonly gitops: GitOpsChoice;
  /** Participant name ('' for the plain `sock-shop` / `istio-system` namespaces). */
  readonly tenant: string;
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
export type Answers = Omit<Settings, 'directory' | 'until'> & { until: string };

export function selectEngines(choice: GitOpsChoice): GitOpsEngine[] {
  return choice === 'both' ? ['argocd', 'flux'] : [choice];
}
