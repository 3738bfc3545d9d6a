import { DateTime } from 'luxon';
import { sessionByOrdinal, sessionOrdinal } from '../../calendar/index.js';
import type { EpochMs } from '../../core/time.js';
import type { SeriesCoverage } from '../../venues/history/bar-store.js';
import { DEFAULT_SAMPLE, SYNTHETIC_SOURCE, syntheticMinuteBars } from '../../venues/history/synthetic-sample.js';
import type { DataLsFlags, DataSampleFlags } from '../commands/data.js';
import { withBarStore } from './open-store.js';

const SAMPLE_SYMBOL = 'SPY';

/** `optbot data ls`: what the store holds, per symbol and bar size. */
export function listData(flags: DataLsFlags): Promise<void> {
  return withBarStore(flags, async (store, path) => {
    const rows = await store.coverage();
    if (flags.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    else process.stdout.write(rows.length === 0 ? `# ${path} holds no bars (try: optbot data sample)\n` : table(rows));
  });
}

/** `optbot data sample`: stores the synthetic sample unless the store has it or real bars in its span. */
export function storeSample(flags: DataSampleFlags): Promise<void> {
  return withBarStore(flags, async (store, path) => {
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
  });
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
