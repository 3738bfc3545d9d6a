import { Option, type Command } from 'commander';
import type { TradingDate } from '../../core/time.js';
import type { WhatToShow } from '../../venues/ib/fetch-history.js';
import { runCommand } from '../run-command.js';
import { withSettingsOptions, type SettingsFlags } from '../settings-options.js';

/** Only TRADES: the store keeps one series per symbol and bar size, and midpoint or bid/ask bars must not mix into it. */
const WHAT: readonly WhatToShow[] = ['TRADES'];

export interface FetchFlags {
  symbol: string;
  from: TradingDate;
  to: TradingDate;
  bar: '1m';
  what: WhatToShow;
}

export function registerFetchCommand(program: Command): void {
  withSettingsOptions(
    program
      .command('fetch')
      .description("download historical 1-minute bars from IB Gateway into the bar store, within IB's pacing rules; re-running fetches only what is missing")
      .requiredOption('--symbol <symbol>', 'ticker, e.g. SPY')
      .requiredOption('--from <date>', 'first trading date (YYYY-MM-DD, New York)')
      .requiredOption('--to <date>', 'last trading date (YYYY-MM-DD, New York)')
      .addOption(new Option('--bar <size>', 'bar size').choices(['1m']).default('1m'))
      .addOption(new Option('--what <type>', 'IB whatToShow').choices(WHAT).default('TRADES')),
  ).action((flags: SettingsFlags & FetchFlags) => runCommand(async () => (await import('../actions/fetch.js')).fetchMissingBars(flags)));
}
