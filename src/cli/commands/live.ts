import { Option, type Command } from 'commander';
import { runCommand } from '../run-command.js';
import { withSettingsOptions, type SettingsFlags } from '../settings-options.js';
import { DEFAULT_STATE_DIR } from '../state-dir.js';

export interface LiveFlags extends SettingsFlags {
  placeOrders: boolean;
  stateDir: string;
  clockStart?: string;
  speed: string;
  sessions?: string;
}

export function registerLiveCommand(program: Command): void {
  withSettingsOptions(
    program
      .command('live')
      .description('run the bot against IB Gateway: dry-run by default (orders logged and simulated on live quotes); real orders need dry_run: false AND --place-orders')
      .option('--place-orders', 'send real orders (only honoured with dry_run: false in the settings)', false)
      .option('--state-dir <dir>', 'where the daily state and the heartbeat are kept', DEFAULT_STATE_DIR)
      // Rehearsal against a fake gateway (tests, the footprint bench): a simulated clock from this time.
      .addOption(new Option('--clock-start <time>', 'simulated clock start (ISO time or epoch ms)').hideHelp())
      .addOption(new Option('--speed <n|max>', 'simulated clock speed').default('max').hideHelp())
      .addOption(new Option('--sessions <n>', 'stop after this many sessions').hideHelp()),
  ).action((flags: LiveFlags) => runCommand(async () => (await import('../actions/live.js')).live(flags)));
}
