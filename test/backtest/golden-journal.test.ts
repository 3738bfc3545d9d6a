import { createHash, type Hash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { marketFor } from '../../src/backtest/market-for.js';
import { runBacktest } from '../../src/backtest/run-backtest.js';
import { defaultSettings, type Settings } from '../../src/config/schema.js';
import type { BarColumns } from '../../src/core/bar.js';
import { JournalBuffer } from '../../src/journal/journal-buffer.js';
import { RECORD_TABLES, type RecordTableKey } from '../../src/journal/record-tables.js';
import { signalExplainer, type SignalExplainer } from '../../src/strategy/combine.js';
import { createStrategies } from '../../src/strategy/registry.js';
import { syntheticMinuteBars } from '../../src/venues/history/synthetic-sample.js';
import { SimBroker } from '../../src/venues/sim/sim-broker.js';
import { REAL_YEAR, realYearBars } from '../support/real-backtest.js';
import { hasSharedData } from '../support/shared-data.js';

/*
 * Golden journals. These digests PIN BEHAVIOUR: they were recorded from the code as it was
 * before the backtest's hot path was optimised, and every optimisation since must leave them
 * unchanged, byte for byte (the journal is what reports, parity tests and users read). A change
 * of digest is only acceptable as a deliberate change of behaviour: say in its commit what
 * changed in the journal and why, and record the new digest here in the same commit.
 */

/** The record tables the core writes (logs come from the run's logger, not the core). */
const RECORDS: readonly RecordTableKey[] = ['signals', 'riskDecisions', 'orders', 'fills', 'trades'];

/** JSON of a stored value that keeps what JSON.stringify would blur: NaN, ±Infinity and −0. */
const exact = (_key: string, v: unknown): unknown =>
  typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? `#${Object.is(v, -0) ? '-0' : String(v)}` : v;

const hashColumn = (h: Hash, col: Float64Array): void => {
  h.update(new Uint8Array(col.buffer, col.byteOffset, col.byteLength));
};

/**
 * Signals are digested as a reader sees them: their reasons in words (the strategies' explain of
 * the stored rule and facts) in place of the rule and facts. So the digests recorded when signals
 * stored their text still pin both the decisions and every word a user reads.
 */
const SIGNAL_AS_READ = ['ts', 'symbol', 'strategy', 'action', 'confidence', 'reasons'];

/**
 * sha256 of a journal as DuckDB stores it: every stored field of every record in table order
 * (the fields of RECORD_TABLES, so a field that is not journalled does not count; signals as
 * read, above), and the exact bytes of the equity and mark columns.
 */
function journalDigest(j: JournalBuffer, finalEquity: number, explain: SignalExplainer): string {
  const h = createHash('sha256');
  for (const key of RECORDS) {
    const fields = key === 'signals' ? SIGNAL_AS_READ : Object.keys(RECORD_TABLES[key].fields);
    const rows = (key === 'signals' ? j.signals.map((s) => ({ ...s, reasons: explain(s) })) : j[key]) as unknown as Record<string, unknown>[];
    h.update(`${key} ${rows.length}\n`);
    for (const row of rows) h.update(JSON.stringify(fields.map((f) => row[f]), exact) + '\n');
  }
  const e = j.equitySeries;
  h.update(`equity ${e.length}\n`);
  for (const col of [e.ts, e.equity, e.cash, e.realized, e.unrealized, e.openPositions]) hashColumn(h, col);
  const m = j.markSeries;
  h.update(`marks ${m.length}\n${m.intentId.join('\n')}\n`);
  hashColumn(h, m.ts);
  hashColumn(h, m.price);
  h.update(`final ${JSON.stringify(finalEquity, exact)}\n`);
  return h.digest('hex');
}

interface Golden {
  digest: string;
  trades: number;
  rows: number;
}

function backtest(bars: BarColumns, settings: Settings): Golden & { journal: JournalBuffer } {
  const journal = new JournalBuffer(bars.length);
  const { market, paths } = marketFor(settings);
  const broker = SimBroker.fromSettings(settings.backtest, paths);
  const strategies = createStrategies(settings);
  const { finalEquity } = runBacktest({ settings, symbol: 'SPY', bars, strategies, market, paths, broker, journal });
  const rows = RECORDS.reduce((n, k) => n + journal[k].length, 0) + journal.equitySeries.length + journal.markSeries.length;
  return { digest: journalDigest(journal, finalEquity, signalExplainer(strategies)), trades: journal.trades.length, rows, journal };
}

const settingsWith = (tweak: (s: Settings) => void): Settings => {
  const s = defaultSettings();
  s.logging.file = '';
  tweak(s);
  return s;
};

/** Variants that between them reach every branch of the hot path: both instruments, every price rule, halts, expiries, cancels, slippage. */
const VARIANTS: Record<string, (s: Settings) => void> = {
  'stock, defaults': (s) => {
    s.backtest.instrument = 'stock';
  },
  'option, defaults': () => {},
  'stock, slippage, whale off, tight guard': (s) => {
    s.backtest.instrument = 'stock';
    s.backtest.slippage_ticks = 2;
    s.strategy.whale.enabled = false;
    s.risk.max_daily_loss_pct = 0.002;
    s.risk.max_risk_pct_per_trade = 0.05;
  },
  'option, realized IV, delta strikes, mid+ticks, nickels, flatten all, guard halts': (s) => {
    s.backtest.pricing.iv_source = 'realized';
    s.options.moneyness = { delta: 0.3 };
    s.execution.entry_price = 'mid_plus_ticks';
    s.execution.option_tick = 'nickel_above_3';
    s.execution.cancel_unfilled_after_seconds = 120;
    s.backtest.slippage_ticks = 1;
    s.schedule.flatten_scope = 'all';
    s.risk.max_daily_loss_pct = 0.004;
    s.risk.max_risk_pct_per_trade = 0.03;
    s.strategy.scalp.min_confidence = 0.3;
  },
  'option, 0DTE out of the money, mid entries, no flatten on halt': (s) => {
    s.options.expiry = '0dte';
    s.options.moneyness = { otm_strikes: 2 };
    s.execution.entry_price = 'mid';
    s.execution.cancel_unfilled_after_seconds = 0;
    s.schedule.flatten_scope = 'none';
    s.risk.flatten_on_halt = false;
    s.risk.max_daily_loss_pct = 0.01;
    s.backtest.pricing.fixed_iv = 0.25;
    s.strategy.scalp.min_confidence = 0.3;
  },
  'option, 0DTE held to expiry, entries up to the close': (s) => {
    s.options.expiry = '0dte';
    s.execution.entry_price = 'mid';
    s.execution.cancel_unfilled_after_seconds = 0;
    s.schedule.flatten_scope = 'none';
    s.schedule.no_entries_before_close_minutes = 0;
    s.risk.take_profit_pct = 5;
    s.risk.stop_loss_pct = 0.95;
    s.risk.max_daily_loss_pct = 0.5;
    s.strategy.scalp.min_confidence = 0.3;
  },
  'option, 1–7 day window, in the money, tight spread and size, whale spikes': (s) => {
    s.options.expiry = { min_days: 1, max_days: 7 };
    s.options.moneyness = { itm_strikes: 1 };
    s.options.max_spread_pct = 0.03;
    s.risk.max_open_positions = 2;
    s.risk.max_risk_pct_per_trade = 0.0004;
    s.strategy.scalp.min_confidence = 0.3;
    s.strategy.whale.spike_multiple = 1.3;
    s.strategy.whale.min_move_pct = 0.0004;
    s.strategy.whale.cooldown_sessions = 0;
  },
};

/** Recorded before the optimisations (see the comment at the top). */
const SYNTHETIC_GOLDEN: Record<string, Golden> = {
  'stock, defaults': { digest: '26c2f9bfd1847b568b640db77a19022f1b254bc8e1bc1bb6f2903e68abfe7ada', trades: 57, rows: 53078 },
  'option, defaults': { digest: '3e71dfc447816a42e7d7c4d85b970603a019e76d9259f727f7ed6ae39cf7079d', trades: 475, rows: 47140 },
  'stock, slippage, whale off, tight guard': { digest: 'b4682d9dde95651b1ce3c91f67d83b134da3e97fb34e4339ff3b5de0d8415ce4', trades: 57, rows: 43189 },
  'option, realized IV, delta strikes, mid+ticks, nickels, flatten all, guard halts': {
    digest: '16ce27ca29d0f1d3f6021d9338369c95f504a8622d625096e5b4014157f00a17',
    trades: 113,
    rows: 37567,
  },
  'option, 0DTE out of the money, mid entries, no flatten on halt': { digest: '5cf21dc5a6343fdd9e0cae729f56ea4412af216870fc0499385ff8872fee6178', trades: 163, rows: 37159 },
  'option, 0DTE held to expiry, entries up to the close': { digest: '20a451e0f114b3f2ef20546c4c538f03095140c12e8a8c992766f44aa51eb621', trades: 208, rows: 57113 },
  'option, 1–7 day window, in the money, tight spread and size, whale spikes': {
    digest: 'c5b3c81604227d75cdc0e2905cb76f1efc0b82cae369b76a3f0802628c92736e',
    trades: 591,
    rows: 46373,
  },
};

describe('golden journals: the synthetic sample (60 sessions)', () => {
  const bars = syntheticMinuteBars({ sessions: 60, seed: 11 });
  for (const [name, tweak] of Object.entries(VARIANTS)) {
    it(name, () => {
      const { digest, trades, rows } = backtest(bars, settingsWith(tweak));
      expect({ digest, trades, rows }).toEqual(SYNTHETIC_GOLDEN[name]);
    });
  }

  it('the digest can fail: one changed bar changes it', () => {
    const changed = syntheticMinuteBars({ sessions: 60, seed: 11 });
    const i = changed.length >> 1;
    changed.close[i] = changed.close[i]! + 0.01;
    changed.high[i] = Math.max(changed.high[i]!, changed.close[i]!);
    const settings = settingsWith(VARIANTS['option, defaults']!);
    expect(backtest(changed, settings).digest).not.toBe(SYNTHETIC_GOLDEN['option, defaults']!.digest);
  });
});

const REAL_GOLDEN: Record<string, Golden> = {
  'stock, defaults': { digest: '7e8fcdcf58eab5da453607076d70468453ae4dda6a0c6a919aeda01743e23e44', trades: 240, rows: 233431 },
  'option, defaults': { digest: '1aef43e23303e2ae01d2a0cbdd259692fceb95bcd4ea996711383d8f92f6aa99', trades: 1736, rows: 223467 },
};

describe.skipIf(!hasSharedData)(`golden journals: the real year (${REAL_YEAR})`, () => {
  let bars: BarColumns;
  beforeAll(async () => {
    bars = await realYearBars();
  });
  for (const name of ['stock, defaults', 'option, defaults']) {
    it(name, () => {
      const { digest, trades, rows } = backtest(bars, settingsWith(VARIANTS[name]!));
      expect({ digest, trades, rows }).toEqual(REAL_GOLDEN[name]);
    });
  }
});
