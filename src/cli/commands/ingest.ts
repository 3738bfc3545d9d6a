import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import type { BarSize } from '../../core/bar.js';
import { BarInputError } from '../../venues/history/bar-file-error.js';
import type { ConflictPolicy, FileIngestReport } from '../../venues/history/bar-store.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { runCommand } from '../run-command.js';
import { withSettingsOptions, type SettingsFlags } from '../settings-options.js';
import { withBarStore } from './open-store.js';

export const BAR_SIZES: readonly BarSize[] = ['1m', '5m', '15m', '30m', '60m', '1d'];

/** Files at least this large get a progress bar (on a terminal). */
const PROGRESS_MIN_BYTES = 8 * 1024 * 1024;

interface IngestFlags extends SettingsFlags {
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
      await withBarStore(flags, async (store, path) => {
        const progress = progressFor(files);
        let reports: FileIngestReport[];
        try {
          reports = await store.ingestFiles(files, {
            symbol: flags.symbol,
            barSize: flags.bar,
            tz: flags.tz,
            stamp: flags.stamp,
            onConflict: flags.onConflict,
            ...(flags.source === undefined ? {} : { source: flags.source }),
            ...(progress ? { onProgress: progress.update } : {}),
          });
        } catch (e) {
          if (e instanceof BarInputError) throw new CliError(e.message, ExitCode.badInput);
          throw e;
        } finally {
          progress?.stop();
        }
        for (const r of reports) process.stdout.write(`${basename(r.file)}: ${describe(r, flags.onConflict)}\n`);
        process.stdout.write(`# ${flags.symbol} ${flags.bar} bars in ${path}\n`);
      });
    }),
  );
}

function describe(r: FileIngestReport, policy: ConflictPolicy): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const differing = policy === 'keep' ? `${n(r.kept)} differing kept as stored` : `${n(r.replaced)} differing replaced`;
  return `${n(r.rows)} bars: ${n(r.inserted)} new, ${n(r.identical)} already stored, ${differing}`;
}

/** A progress bar on stderr for large files, only on a terminal (pipes and logs stay clean). */
function progressFor(files: readonly string[]): { update: (file: string, fraction: number) => void; stop: () => void } | null {
  if (!process.stderr.isTTY) return null;
  const large = new Set(files.filter((f) => sizeOf(f) >= PROGRESS_MIN_BYTES));
  if (large.size === 0) return null;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{file} [{bar}] {percentage}%', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let current: string | null = null;
  return {
    update: (file, fraction) => {
      if (!large.has(file)) return;
      if (file !== current) {
        if (current !== null) bar.stop();
        bar.start(100, 0, { file: basename(file) });
        current = file;
      }
      bar.update(Math.round(fraction * 100), { file: basename(file) });
    },
    stop: () => bar.stop(),
  };
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
