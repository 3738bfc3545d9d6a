import { describe, expect, it } from 'vitest';
import type { OptionRight } from '../../src/core/option-contract.js';
import { spreadPct, type Quote } from '../../src/core/quote.js';
import type { Action } from '../../src/core/signal.js';
import { defaultSettings } from '../../src/config/schema.js';
import type { OptionSettings } from '../../src/config/sections/options.js';
import { bsGreeks, bsPrice } from '../../src/options/black-scholes.js';
import type { OptionChain } from '../../src/options/option-chain.js';
import { selectContract, type ContractChoice } from '../../src/options/select-contract.js';
import { SyntheticChain } from '../../src/options/synthetic-chain.js';
import { expiryClose, yearsToExpiry } from '../../src/options/time-to-expiry.js';

const MONDAY_10AM = Date.UTC(2026, 4, 4, 14, 0); // 2026-05-04 10:00 New York
const SPOT = 720.4;
const rates = { rate: 0.045, dividendYield: 0.013 };
const defaults = defaultSettings();

/** A chain given as a table, the way a live venue would fill it from IB. */
class TableChain implements OptionChain {
  readonly underlying = 'SPY';
  readonly multiplier = 100;
  readonly quotes = new Map<string, Quote>();

  constructor(
    private readonly expiryList: string[],
    private readonly strikeList: number[],
    readonly hasVolume = true,
  ) {}

  expiries = () => this.expiryList;
  strikes = (e: string) => (this.expiryList.includes(e) ? this.strikeList : []);
  quote = (e: string, k: number, r: OptionRight) => this.quotes.get(`${e} ${k}${r}`);

  /** Quotes every contract at its Black–Scholes value at 14 % vol, spread 2 cents, volume 500. */
  priced(t = MONDAY_10AM): this {
    for (const e of this.expiryList)
      for (const k of this.strikeList)
        for (const r of ['C', 'P'] as const) {
          const mid = bsPrice({ right: r, spot: SPOT, strike: k, years: yearsToExpiry(t, expiryClose(e)), ...rates }, 0.14);
          this.set(e, k, r, { bid: mid - 0.01, ask: mid + 0.01 });
        }
    return this;
  }

  set(e: string, k: number, r: OptionRight, q: Partial<Quote>): this {
    const base: Quote = { ts: MONDAY_10AM, bid: 1, ask: 1.02, last: NaN, bidSize: 10, askSize: 10, volume: 500, delayed: false };
    this.quotes.set(`${e} ${k}${r}`, { ...base, ...this.quotes.get(`${e} ${k}${r}`), ...q });
    return this;
  }
}

const STRIKES = Array.from({ length: 21 }, (_, i) => 710 + i);
const EXPIRIES = ['2026-05-04', '2026-05-05', '2026-05-06', '2026-05-08', '2026-05-15', '2026-05-29'];

function select(action: Action, chain: OptionChain, settings: Partial<OptionSettings> = {}, t = MONDAY_10AM, spot = SPOT): ContractChoice {
  return selectContract({ action, t, spot, chain, settings: { ...defaults.options, ...settings }, rates });
}

const picked = (c: ContractChoice): string => (c.ok ? `${c.contract.expiry} ${c.contract.strike}${c.contract.right}` : `none: ${c.reason}`);

describe('contract selection: expiry', () => {
  const chain = new TableChain(EXPIRIES, STRIKES).priced();

  it('BUY buys the at-the-money call of the weekly expiry; SELL the put', () => {
    expect(picked(select('BUY', chain))).toBe('2026-05-08 720C');
    expect(picked(select('SELL', chain))).toBe('2026-05-08 720P');
    const c = select('BUY', chain);
    expect(c.ok && c.contract).toEqual({ underlying: 'SPY', expiry: '2026-05-08', strike: 720, right: 'C', multiplier: 100 });
    expect(c.ok && c.quote).toBe(chain.quote('2026-05-08', 720, 'C'));
  });

  it('HOLD trades nothing', () => {
    expect(select('HOLD', chain)).toEqual({ ok: false, reason: 'HOLD: nothing to trade' });
  });

  it('weekly on a Friday is the next Friday: the same-day expiry is 0dte’s', () => {
    const friday = Date.UTC(2026, 4, 8, 14, 0);
    expect(picked(select('BUY', new TableChain(['2026-05-08', '2026-05-15'], STRIKES).priced(friday), {}, friday))).toBe('2026-05-15 720C');
  });

  it('the weekly expiry missing from the chain is a reason', () => {
    expect(picked(select('BUY', new TableChain(['2026-05-04', '2026-05-15'], STRIKES).priced()))).toBe('none: the weekly expiry 2026-05-08 is not in the chain');
  });

  it('0dte trades today’s expiry until its close; after the close, or on a day without one, says why', () => {
    expect(picked(select('BUY', chain, { expiry: '0dte' }))).toBe('2026-05-04 720C');
    const after = Date.UTC(2026, 4, 4, 20, 5); // 16:05 New York
    expect(picked(select('BUY', chain, { expiry: '0dte' }, after))).toBe('none: the 0DTE expiry 2026-05-04 has closed');
    const tuesday2021 = Date.UTC(2021, 5, 8, 14, 0); // SPY had no Tuesday expiries before 2022-11
    expect(picked(select('BUY', chain, { expiry: '0dte' }, tuesday2021))).toBe('none: no 0DTE expiry on 2021-06-08');
    expect(picked(select('BUY', new TableChain(['2026-05-08'], STRIKES).priced(), { expiry: '0dte' }))).toBe('none: the 0DTE expiry 2026-05-04 is not in the chain');
  });

  it('a window of days picks the nearest expiry inside it, or says there is none', () => {
    expect(picked(select('BUY', chain, { expiry: { min_days: 1, max_days: 7 } }))).toBe('2026-05-05 720C');
    expect(picked(select('BUY', chain, { expiry: { min_days: 3, max_days: 7 } }))).toBe('2026-05-08 720C');
    expect(picked(select('SELL', chain, { expiry: { min_days: 8, max_days: 30 } }))).toBe('2026-05-15 720P');
    expect(picked(select('BUY', chain, { expiry: { min_days: 0, max_days: 0 } }))).toBe('2026-05-04 720C');
    expect(picked(select('BUY', chain, { expiry: { min_days: 30, max_days: 60 } }))).toBe('none: no expiry within 30–60 days of 2026-05-04');
    expect(picked(select('BUY', chain, { expiry: { min_days: 7, max_days: 7 } }))).toBe('none: no expiry within 7 days of 2026-05-04');
  });
});

describe('contract selection: moneyness', () => {
  const chain = new TableChain(EXPIRIES, STRIKES).priced();

  it('atm is the strike nearest the underlying (the lower one on a tie)', () => {
    expect(picked(select('BUY', chain, {}, MONDAY_10AM, 720.6))).toBe('2026-05-08 721C');
    expect(picked(select('BUY', chain, {}, MONDAY_10AM, 720.5))).toBe('2026-05-08 720C');
  });

  it('n strikes in the money: below spot for calls, above for puts; out of the money the other way', () => {
    expect(picked(select('BUY', chain, { moneyness: { itm_strikes: 2 } }))).toBe('2026-05-08 718C');
    expect(picked(select('SELL', chain, { moneyness: { itm_strikes: 2 } }))).toBe('2026-05-08 722P');
    expect(picked(select('BUY', chain, { moneyness: { otm_strikes: 3 } }))).toBe('2026-05-08 723C');
    expect(picked(select('SELL', chain, { moneyness: { otm_strikes: 3 } }))).toBe('2026-05-08 717P');
  });

  it('past the last listed strike is a reason', () => {
    expect(picked(select('BUY', chain, { moneyness: { otm_strikes: 15 } }))).toBe(
      'none: no strike 15 out of the money from 720 for 2026-05-08: the chain lists 710–730',
    );
  });

  it('a delta target picks the strike whose |delta| (from its quote’s IV) is nearest', () => {
    for (const [action, right] of [['BUY', 'C'], ['SELL', 'P']] as const) {
      const c = select(action, chain, { moneyness: { delta: 0.3 } });
      expect(c.ok).toBe(true);
      if (!c.ok) return;
      const years = yearsToExpiry(MONDAY_10AM, expiryClose('2026-05-08'));
      const delta = (k: number) => Math.abs(bsGreeks({ right, spot: SPOT, strike: k, years, ...rates }, 0.14).delta);
      const k = c.contract.strike;
      expect(Math.abs(delta(k) - 0.3)).toBeLessThan(Math.abs(delta(k - 1) - 0.3));
      expect(Math.abs(delta(k) - 0.3)).toBeLessThan(Math.abs(delta(k + 1) - 0.3));
      expect(right === 'C' ? k > SPOT : k < SPOT).toBe(true);
    }
  });

  it('a delta target with no two-sided quotes says so', () => {
    const empty = new TableChain(['2026-05-08'], STRIKES);
    expect(picked(select('BUY', empty, { moneyness: { delta: 0.3 } }))).toBe('none: no two-sided quote on 2026-05-08 to find delta 0.3 from');
  });
});

describe('contract selection: quote filters', () => {
  it('a spread wider than max_spread_pct', () => {
    const chain = new TableChain(EXPIRIES, STRIKES).priced().set('2026-05-08', 720, 'C', { bid: 1.2, ask: 1.38 });
    expect(picked(select('BUY', chain))).toBe('none: spread 14 % > 10 % for SPY 2026-05-08 720C (bid 1.2, ask 1.38)');
    expect(picked(select('BUY', chain, { max_spread_pct: 0.15 }))).toBe('2026-05-08 720C');
  });

  it('volume below min_volume, unless the chain has no volume (synthetic)', () => {
    const quotes = (hasVolume: boolean) => new TableChain(EXPIRIES, STRIKES, hasVolume).priced().set('2026-05-08', 720, 'P', { volume: 3 });
    expect(picked(select('SELL', quotes(true)))).toBe('none: volume 3 < 10 for SPY 2026-05-08 720P');
    expect(picked(select('SELL', quotes(true), { min_volume: 3 }))).toBe('2026-05-08 720P');
    expect(picked(select('SELL', quotes(false)))).toBe('2026-05-08 720P');
  });

  it('no quote, or a one-sided one', () => {
    const chain = new TableChain(EXPIRIES, STRIKES).priced();
    chain.quotes.delete('2026-05-08 720C');
    expect(picked(select('BUY', chain))).toBe('none: no quote for SPY 2026-05-08 720C');
    chain.set('2026-05-08', 720, 'P', { bid: NaN, ask: 0.05 });
    expect(picked(select('SELL', chain))).toBe('none: no two-sided quote for SPY 2026-05-08 720P (bid NaN, ask 0.05)');
  });

  it('no price for the underlying', () => {
    expect(picked(select('BUY', new TableChain(EXPIRIES, STRIKES).priced(), {}, MONDAY_10AM, NaN))).toBe('none: no price for SPY');
  });
});

describe('a synthetic chain goes through the same selection', () => {
  const synthetic = (t = MONDAY_10AM) => new SyntheticChain('SPY', t, SPOT, () => 0.13, defaults.backtest.pricing);

  it('the default settings trade the weekly ATM call, with a spread the filter accepts', () => {
    const c = select('BUY', synthetic());
    expect(picked(c)).toBe('2026-05-08 720C');
    expect(c.ok && c.quote.ask - c.quote.bid).toBeGreaterThanOrEqual(0.01);
    expect(c.ok && spreadPct(c.quote)).toBeLessThan(0.02);
  });

  it('far out of the money on expiry afternoon the model has no bid', () => {
    const late = Date.UTC(2026, 4, 4, 19, 50); // 15:50 New York
    expect(picked(select('BUY', synthetic(late), { expiry: '0dte', moneyness: { otm_strikes: 20 } }, late))).toMatch(
      /^none: no two-sided quote for SPY 2026-05-04 740C \(bid NaN, ask 0\.01\)$/,
    );
  });

  it('a delta target works on model quotes too', () => {
    const c = select('SELL', synthetic(), { moneyness: { delta: 0.25 } });
    expect(c.ok && c.contract.strike).toBeLessThan(SPOT - 3);
  });
});
