import { Option, type Command } from 'commander';
import type { BarSize } from '../../core/bar.js';
import type { ConflictPolicy } from '../../venues/history/bar-store.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { runCommand } from '../run-command.js';
import { withSettingsOptions, type SettingsFlags } from '../settings-options.js';

const BAR_SIZES: readonly BarSize[] = ['1m', '5m', '15m', '30m', '60m', '1d'];

export interface IngestFlags extends SettingsFlags {
  symbol: string;
  bar: BarSize;
  tz: string;
  stamp: 'start' | 'end';
  onConflict: ConflictPolicy;
  source?: string;
}

export function registerIngestCommand(program: Command): void {
  withSettingsOptions(
    program
      .command('ingest')
      .description('store OHLCV bars from CSV, gzipped CSV or Parquet files (all validated before any is stored)')
      .argument('<files...>', 'bar files: .csv, .csv.gz, .parquet')
      .requiredOption('--symbol <symbol>', 'ticker the bars belong to, e.g. SPY')
      .addOption(new Option('--bar <size>', 'bar size of the files').choices(BAR_SIZES).default('1m'))
      .option('--tz <zone>', 'IANA zone of stamps written without an offset', 'America/New_York')
      .addOption(new Option('--stamp <which>', 'the files stamp each bar at its start or its end').choices(['start', 'end']).default('start'))
      .addOption(
        new Option('--on-conflict <policy>', 'a bar already stored with other values: keep the stored one or replace it')
          .choices(['keep', 'replace'])
          .default('keep'),
      )
      .option('--source <tag>', 'source tag stored with the bars (default: the file name)'),
  ).action((files: string[], flags: IngestFlags) =>
    runCommand(async () => {
      if (!/^[A-Z][A-Z0-9.]{0,9}$/.test(flags.symbol)) throw new CliError(`--symbol ${flags.symbol}: must be an upper-case ticker such as SPY`, ExitCode.badInput);
      if (!Intl.supportedValuesOf('timeZone').includes(flags.tz) && flags.tz !== 'UTC') {
        throw new CliError(`--tz ${flags.tz}: not an IANA time zone (e.g. America/New_York, UTC)`, ExitCode.badInput);
      }
      return (await import('../actions/ingest.js')).ingest(files, flags);
    }),
  );
}
