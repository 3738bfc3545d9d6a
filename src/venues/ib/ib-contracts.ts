import { OptionType, SecType, type Contract } from '@stoqey/ib';
import type { OptionContract } from '../../core/option-contract.js';
import type { TradingDate } from '../../core/time.js';

/** A US stock or ETF routed SMART, the way the old bot qualified SPY. */
export const stockContract = (symbol: string): Contract => ({ symbol, secType: SecType.STK, exchange: 'SMART', currency: 'USD' });

/** "2024-04-05" → "20240405" (IB's lastTradeDateOrContractMonth). */
export const ibDate = (d: TradingDate): string => d.replaceAll('-', '');

/** "20240405" → "2024-04-05". */
export const tradingDate = (ib: string): TradingDate => `${ib.slice(0, 4)}-${ib.slice(4, 6)}-${ib.slice(6, 8)}`;

export function optionContract(o: OptionContract): Contract {
  return {
    conId: o.conId,
    symbol: o.underlying,
    secType: SecType.OPT,
    lastTradeDateOrContractMonth: ibDate(o.expiry),
    strike: o.strike,
    right: o.right === 'C' ? OptionType.Call : OptionType.Put,
    multiplier: o.multiplier,
    exchange: 'SMART',
    currency: 'USD',
  };
}

/** "SPY" or "SPY 2024-04-05 520C": for logs and skip reasons. */
export const describeContract = (c: Contract): string =>
  c.secType === SecType.OPT ? `${c.symbol} ${tradingDate(c.lastTradeDateOrContractMonth ?? '')} ${c.strike}${c.right}` : (c.symbol ?? '?');
