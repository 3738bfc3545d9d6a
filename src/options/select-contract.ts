import { tradingDateOf, weeklyExpiry, zeroDteExpiry } from '../calendar/index.js';
import { contractId, type OptionContract, type OptionRight } from '../core/option-contract.js';
import { spreadPct, type Quote } from '../core/quote.js';
import type { Action } from '../core/signal.js';
import { DAY_MS, type EpochMs, type TradingDate } from '../core/time.js';
import type { OptionSettings } from '../config/sections/options.js';
import { priceAndDelta, newPriceDelta, type MarketRates } from './black-scholes.js';
import { impliedVol } from './implied-vol.js';
import type { OptionChain } from './option-chain.js';
import { expiryClose, yearsToExpiry } from './time-to-expiry.js';

export interface SelectionRequest {
  /** BUY buys a call, SELL buys a put. */
  action: Action;
  /** Decision time: the close of the bar the signal came from. */
  t: EpochMs;
  /** The underlying's price at t. */
  spot: number;
  chain: OptionChain;
  settings: OptionSettings;
  /** Rates for the delta target (settings: backtest.pricing). */
  rates: MarketRates;
}

export type ContractChoice =
  | { ok: true; contract: OptionContract; quote: Quote }
  /** Why no contract qualifies, in words for the journal: "spread 14 % > 10 %". */
  | { ok: false; reason: string };

/**
 * The option contract a signal trades under `options` settings, or why none qualifies. Picks one
 * expiry, then one strike, then checks that contract's quote: a contract that fails a filter is
 * reported, never silently swapped for a neighbour.
 */
export function selectContract(req: SelectionRequest): ContractChoice {
  const { action, chain, settings } = req;
  if (action === 'HOLD') return no('HOLD: nothing to trade');
  if (!(req.spot > 0)) return no(`no price for ${chain.underlying}`);
  const right: OptionRight = action === 'BUY' ? 'C' : 'P';
  const expiry = pickExpiry(req);
  if (typeof expiry !== 'string') return expiry;
  const strikes = chain.strikes(expiry);
  if (strikes.length === 0) return no(`no strikes listed for ${expiry}`);
  const strike = pickStrike(req, expiry, strikes, right);
  if (typeof strike !== 'number') return strike;
  const contract: OptionContract = { underlying: chain.underlying, expiry, strike, right, multiplier: chain.multiplier };
  const name = contractId(contract);
  const quote = chain.quote(expiry, strike, right);
  if (!quote) return no(`no quote for ${name}`);
  if (!(quote.bid > 0) || !(quote.ask >= quote.bid)) return no(`no two-sided quote for ${name} (bid ${quote.bid}, ask ${quote.ask})`);
  const spread = spreadPct(quote);
  if (spread > settings.max_spread_pct) {
    return no(`spread ${pct(spread)} > ${pct(settings.max_spread_pct)} for ${name} (bid ${quote.bid}, ask ${quote.ask})`);
  }
  if (chain.hasVolume && !(quote.volume >= settings.min_volume)) {
    return no(`volume ${Number.isNaN(quote.volume) ? 'unknown' : quote.volume} < ${settings.min_volume} for ${name}`);
  }
  return { ok: true, contract, quote };
}

/** The expiry the settings ask for, among the chain's expiries that are still open at t. */
function pickExpiry({ t, chain, settings }: SelectionRequest): TradingDate | ContractChoice {
  const today = tradingDateOf(t);
  const open = chain.expiries().filter((e) => expiryClose(e) > t);
  const rule = settings.expiry;
  if (rule === '0dte') {
    const zero = zeroDteExpiry(today);
    if (zero === null) return no(`no 0DTE expiry on ${today}`);
    if (expiryClose(zero) <= t) return no(`the 0DTE expiry ${zero} has closed`);
    return open.includes(zero) ? zero : no(`the 0DTE expiry ${zero} is not in the chain`);
  }
  if (rule === 'weekly') {
    // At least a day away: on a Friday the weekly is next Friday's (today's is 0dte).
    const weekly = weeklyExpiry(today, 1);
    return open.includes(weekly) ? weekly : no(`the weekly expiry ${weekly} is not in the chain`);
  }
  const inWindow = open.find((e) => {
    const days = calendarDays(today, e);
    return days >= rule.min_days && days <= rule.max_days;
  });
  const window = rule.min_days === rule.max_days ? `${rule.min_days}` : `${rule.min_days}–${rule.max_days}`;
  return inWindow ?? no(`no expiry within ${window} days of ${today}`);
}

function pickStrike({ spot, t, chain, settings, rates }: SelectionRequest, expiry: TradingDate, strikes: readonly number[], right: OptionRight): number | ContractChoice {
  const atm = nearestIndex(strikes, spot);
  const rule = settings.moneyness;
  if (rule === 'atm') return strikes[atm]!;
  if ('delta' in rule) return strikeByDelta({ spot, t, chain, rates }, expiry, strikes, right, rule.delta);
  // In the money is below spot for calls, above it for puts.
  const [n, itm] = 'itm_strikes' in rule ? [rule.itm_strikes, true] : [rule.otm_strikes, false];
  const step = (right === 'C') === itm ? -1 : 1;
  const i = atm + step * n;
  if (i < 0 || i >= strikes.length) {
    return no(`no strike ${n} ${itm ? 'in' : 'out of'} the money from ${strikes[atm]} for ${expiry}: the chain lists ${strikes[0]}–${strikes[strikes.length - 1]}`);
  }
  return strikes[i]!;
}

const scratch = newPriceDelta();

/** The strike whose |delta|, from the Black–Scholes IV of its quote's mid, is nearest the target. */
function strikeByDelta(
  { spot, t, chain, rates }: Pick<SelectionRequest, 'spot' | 't' | 'chain' | 'rates'>,
  expiry: TradingDate,
  strikes: readonly number[],
  right: OptionRight,
  target: number,
): number | ContractChoice {
  const years = yearsToExpiry(t, expiryClose(expiry));
  let best = NaN;
  let bestGap = Infinity;
  for (const strike of strikes) {
    const q = chain.quote(expiry, strike, right);
    if (!q || !(q.bid > 0) || !(q.ask >= q.bid)) continue;
    const terms = { right, spot, strike, years, ...rates };
    const iv = impliedVol(terms, (q.bid + q.ask) / 2);
    if (!iv.ok) continue;
    const gap = Math.abs(Math.abs(priceAndDelta(terms, iv.vol, scratch).delta) - target);
    if (gap < bestGap) [best, bestGap] = [strike, gap];
  }
  return Number.isNaN(best) ? no(`no two-sided quote on ${expiry} to find delta ${target} from`) : best;
}

/** Index of the strike nearest `price`; the lower one on a tie. */
function nearestIndex(strikes: readonly number[], price: number): number {
  let best = 0;
  for (let i = 1; i < strikes.length; i++) if (Math.abs(strikes[i]! - price) < Math.abs(strikes[best]! - price)) best = i;
  return best;
}

const calendarDays = (from: TradingDate, to: TradingDate): number => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

const pct = (f: number): string => `${Number((f * 100).toFixed(1))} %`;

const no = (reason: string): ContractChoice => ({ ok: false, reason });
