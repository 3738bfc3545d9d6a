import type { Settings } from '../config/schema.js';
import type { BarColumns } from '../core/bar.js';
import { DAY_MS, type EpochMs } from '../core/time.js';
import { CliError, ExitCode } from '../cli/exit-codes.js';
import type { BarStore } from '../venues/history/bar-store.js';

/**
 * The stored bars read as the VIX for `iv_source: vix`, from a week before the range (so the
 * first session sees the previous close), or a clear error naming the command that stores them.
 */
export async function readVixBars(store: BarStore, vix: Settings['backtest']['pricing']['vix'], from: EpochMs, to: EpochMs): Promise<BarColumns> {
  const bars = await store.readColumns(vix.symbol, vix.bar_size, from - 7 * DAY_MS, to);
  if (bars.length === 0) {
    throw new CliError(
      `backtest.pricing.iv_source is "vix" but the store has no ${vix.bar_size} bars of ${vix.symbol} for this range: \`optbot ingest FILE --symbol ${vix.symbol} --bar ${vix.bar_size}\``,
      ExitCode.badInput,
    );
  }
  return bars;
}
