import { sessionsBetween, tradingDateOf } from '../calendar/index.js';
import type { BarColumns } from '../core/bar.js';
import type { EpochMs, TradingDate } from '../core/time.js';
import { CliError, ExitCode } from '../cli/exit-codes.js';
import type { BarStore } from '../venues/history/bar-store.js';

export interface LoadedBars {
  /** `store.readColumns(symbol, '1m', from, to)`: the journal refers to the store by this read. */
  bars: BarColumns;
  from: EpochMs;
  to: EpochMs;
  sources: string[];
}

/**
 * The 1-minute bars of `symbol` for the sessions from `from` to `to` (inclusive trading dates,
 * default: everything stored). Fails with a clear message when there is nothing to run on.
 */
export async function loadSessionBars(store: BarStore, symbol: string, from?: TradingDate, to?: TradingDate): Promise<LoadedBars> {
  const series = (await store.series()).find((s) => s.symbol === symbol && s.barSize === '1m');
  if (!series) {
    throw new CliError(`no 1-minute bars of ${symbol} in the store: run \`optbot data sample\` or \`optbot ingest FILE --symbol ${symbol}\``, ExitCode.badInput);
  }
  const first = from ?? tradingDateOf(series.first);
  const last = to ?? tradingDateOf(series.last);
  const sessions = sessionsBetween(first, last);
  if (sessions.length === 0) throw new CliError(`no trading session between ${first} and ${last}`, ExitCode.badInput);
  const start = sessions[0]!.open;
  const end = sessions.at(-1)!.close;
  const bars = await store.readColumns(symbol, '1m', start, end);
  if (bars.length === 0) {
    throw new CliError(`no 1-minute bars of ${symbol} between ${first} and ${last} (stored: ${tradingDateOf(series.first)} → ${tradingDateOf(series.last)})`, ExitCode.badInput);
  }
  return { bars, from: start, to: end, sources: series.sources };
}
