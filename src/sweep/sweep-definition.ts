import type { Settings } from '../config/schema.js';
import type { TradingDate } from '../core/time.js';
import type { SweepGrid } from './grid.js';
import type { ObjectiveName } from './objective.js';
import type { WalkForwardSpec } from './walk-forward.js';

/**
 * Everything that defines a sweep, stored with it: the same definition always expands to the
 * same variants and segments, so `--resume` needs nothing else (not the grid or config file).
 */
export interface SweepDefinition {
  sweepId: string;
  symbol: string;
  /** The trading dates actually covered (resolved from the stored bars when --from/--to are omitted). */
  from: TradingDate;
  to: TradingDate;
  dataSources: string[];
  /** The settings every variant starts from (config file and --set overrides, validated). */
  base: Settings;
  grid: SweepGrid;
  /** Sample this many points of the grid instead of the full product. */
  random: number | null;
  seed: number;
  objective: ObjectiveName;
  minTrades: number;
  walkForward: WalkForwardSpec | null;
}
