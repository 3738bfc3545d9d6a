import type { Command } from 'commander';

/** `--config FILE` and repeatable `--set PATH=VALUE`, shared by every command that reads settings. */
export function withSettingsOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'settings file (default: configs/settings.yaml, else built-in defaults)')
    .option('-s, --set <path=value>', 'override one setting, e.g. --set risk.stop_loss_pct=0.15 (repeatable)', collect, []);
}

export interface SettingsFlags {
  config?: string;
  set: string[];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
