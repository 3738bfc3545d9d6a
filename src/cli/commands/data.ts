import { InvalidArgumentError, type Command } from 'commander';
import { DateTime } from 'luxon';
import { sessionByOrdinal, sessionOrdinal } from '../../calendar/index.js';
import type { EpochMs } from '../../core/time.js';
import type { SeriesCoverage } from '../../venues/history/bar-store.js';
import { DEFAULT_SAMPLE, SYNTHETIC_SOURCE, syntheticMinuteBars } from '../../venues/history/synthetic-sample.js';
import { runCommand } from '../run-command.js';
import { withSettingsOptions, type SettingsFlags } from '../settings-options.js';
import { withBarStore } from './open-store.js';

const SAMPLE_SYMBOL = 'SPY';

export function registerDataCommands(program: Command): void {
  const data = program.command('data').description('inspect the bar store and create the synthetic sample');

  withSettingsOptions(
    data
      .command('ls')
      .description('per symbol and bar size: first/last bar, sessions, complete sessions, missing regular-hours minutes, sources')
      .option('--json', 'print JSON instead of a table', false),
  ).action((flags: SettingsFlags & { json: boolean }) =>
    runCommand(() =>
      withBarStore(flags, async (store, path) => {
        const rows = await store.coverage();
        if (flags.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        else process.stdout.write(rows.length === 0 ? `# ${path} holds no bars (try: optbot data sample)\n` : table(rows));
      }),
    ),
  );

  withSettingsOptions(
    data
      .command('sample')
      .description(`store a deterministic synthetic SPY-like 1-minute sample (source "${SYNTHETIC_SOURCE}") unless the store has one`)
      .option('--sessions <n>', 'how many sessions, ending on the sample\'s fixed last date', positiveInt, DEFAULT_SAMPLE.sessions)
      .option('--seed <n>', 'seed of the generator', int, DEFAULT_SAMPLE.seed),
  ).action((flags: SettingsFlags & { sessions: number; seed: number }) =>
    runCommand(() =>
      withBarStore(flags, async (store, path) => {
        const existing = await store.countBars(SAMPLE_SYMBOL, '1m', { source: SYNTHETIC_SOURCE });
        if (existing > 0) {
          process.stdout.write(`# ${path} already holds ${existing.toLocaleString('en-US')} synthetic ${SAMPLE_SYMBOL} 1m bars: nothing to do\n`);
          return;
        }
        const last = sessionByOrdinal(sessionOrdinal(DEFAULT_SAMPLE.endDate));
        const first = sessionByOrdinal(sessionOrdinal(DEFAULT_SAMPLE.endDate) - flags.sessions + 1);
        const real = await store.countBars(SAMPLE_SYMBOL, '1m', { exceptSource: SYNTHETIC_SOURCE, fromMs: first.open, toMs: last.close });
        if (real > 0) {
          // A no-op, not a failure: `npm run demo` calls this on stores that may hold real data.
          process.stdout.write(`# ${path} holds ${real.toLocaleString('en-US')} real ${SAMPLE_SYMBOL} 1m bar${real === 1 ? '' : 's'} in ${first.date} → ${last.date}: not mixing synthetic bars into them\n`);
          return;
        }
        const bars = syntheticMinuteBars({ sessions: flags.sessions, seed: flags.seed });
        const report = await store.insertBars(SAMPLE_SYMBOL, '1m', SYNTHETIC_SOURCE, bars, 'keep');
        process.stdout.write(
          `stored ${report.inserted.toLocaleString('en-US')} synthetic ${SAMPLE_SYMBOL} 1m bars: ${flags.sessions} sessions ${first.date} → ${last.date}, seed ${flags.seed} (not market data)\n`,
        );
      }),
    ),
  );
}

function table(rows: readonly SeriesCoverage[]): string {
  const head = ['symbol', 'bar', 'bars', 'first (New York)', 'last (New York)', 'sessions', 'complete', 'missing RTH min', 'sources'];
  const body = rows.map((r) => [
    r.symbol,
    r.barSize,
    r.bars.toLocaleString('en-US'),
    newYork(r.first),
    newYork(r.last),
    `${r.sessions}/${r.sessionsInSpan}`,
    String(r.completeSessions),
    r.missingRthMinutes.toLocaleString('en-US'),
    r.sources.join(', '),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ') + '\n';
  return line(head) + body.map(line).join('');
}

const newYork = (t: EpochMs) => DateTime.fromMillis(t, { zone: 'America/New_York' }).toFormat('yyyy-MM-dd HH:mm');

function int(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
}

function positiveInt(value: string): number {
  const n = int(value);
  if (n < 1) throw new InvalidArgumentError('must be at least 1');
  return n;
}
