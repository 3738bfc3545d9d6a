/** One problem in a settings source, located by file and line or by the `--set` that caused it. */
export interface ConfigIssue {
  /** "configs/x.yaml:12", "--set" (the path then names the override) or "configs/x.yaml" when no line is known. */
  where: string;
  /** Dotted settings path, e.g. "risk.stop_loss_pct"; empty for the document itself. */
  path: string;
  message: string;
}

export const formatIssue = (i: ConfigIssue): string => (i.path ? `${i.where} ${i.path}: ${i.message}` : `${i.where}: ${i.message}`);

/** Bad settings: every problem found, so the user can fix them all in one pass. Nothing runs. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ConfigError';
  }
}
