import type { Settings } from '../config/schema.js';
import type { MarketView } from '../engine/market-view.js';
import type { IvSeries } from '../options/iv-source.js';
import type { PricePathSource } from '../venues/sim/price-path.js';
import { StockPathSource } from '../venues/sim/stock-path-source.js';
import type { UnderlyingFed } from './run-backtest.js';
import { OptionMarket } from './option-market.js';
import { StockMarketView } from './stock-market-view.js';

/** What a backtest prices with: the core's market view and the broker's bar-internal paths. */
export interface BacktestMarket {
  market: MarketView;
  paths: PricePathSource & UnderlyingFed;
}

/** `vix`: the stored VIX series when `backtest.pricing.iv_source` is "vix". */
export function marketFor(settings: Settings, vix?: IvSeries): BacktestMarket {
  if (settings.backtest.instrument === 'stock') return { market: new StockMarketView(), paths: new StockPathSource() };
  const options = new OptionMarket(settings, vix);
  return { market: options, paths: options };
}
