import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/schema.js';
import { bsPrice } from '../../src/options/black-scholes.js';
import {
  atmIvByExpiry,
  fitSkew,
  fitSpread,
  fitVixTerm,
  midErrors,
  midOf,
  selectQuotes,
  spreadErrors,
  type ChainSnapshot,
} from '../../src/options/calibration.js';
import { impliedVol } from '../../src/options/implied-vol.js';
import { FLAT_SKEW } from '../../src/options/skew.js';
import { skewParams, spreadParams } from '../../src/options/pricing-settings.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { readYfinanceChain } from './support/yfinance-chain.js';

/**
 * Calibration against the real SPY chain of the 2026-05-01 close (spot 720.65). Prints the
 * figures the README quotes: `npx vitest run test/options/calibration.test.ts`.
 */
const pricing = defaultSettings().backtest.pricing;
const rates = { rate: pricing.risk_free_rate, dividendYield: pricing.dividend_yield };
const WITHIN_5 = { maxDays: 30, maxMoneyness: 0.05 };
const WITHIN_3 = { maxDays: 30, maxMoneyness: 0.03 };
/** Near the money, where the bot trades: the spread model is fitted here. */
const NEAR = { maxDays: 30, maxMoneyness: 0.02 };

describe.skipIf(!hasSharedData)('calibration on the real SPY chain of 2026-05-01', () => {
  let snap: ChainSnapshot;
  let atm: Map<string, number>;
  beforeAll(() => {
    snap = readYfinanceChain(sharedFile('spy_options_chain_2026-05-01.csv'));
    atm = atmIvByExpiry(snap, rates);
  });

  it('the IV solver reproduces every two-sided near-the-money mid from its own IV to within $0.0001', () => {
    const quotes = selectQuotes(snap, { maxDays: 10_000, maxMoneyness: 0.05 });
    expect(quotes.length).toBeGreaterThan(1000);
    let worst = 0;
    for (const o of quotes) {
      const terms = { right: o.right, spot: snap.spot, strike: o.strike, years: o.years, ...rates };
      const r = impliedVol(terms, midOf(o));
      if (!r.ok) throw new Error(`${o.expiry} ${o.strike}${o.right} mid ${midOf(o)}: ${r.message}`);
      worst = Math.max(worst, Math.abs(bsPrice(terms, r.vol) - midOf(o)));
    }
    console.log(`IV round trip: ${quotes.length} two-sided mids within ±5 % of spot, all expiries: worst |price(IV(mid)) − mid| = $${worst.toExponential(1)}`);
    expect(worst).toBeLessThan(0.0001);
  });

  it('ATM IVs per expiry are 12–15 % for the near expiries, as the data README says', () => {
    const near = [...atm].filter(([e]) => e <= '2026-05-29');
    expect(near.map(([e]) => e)).toEqual(['2026-05-08', '2026-05-15', '2026-05-22', '2026-05-29']);
    for (const [, iv] of near) expect(Math.abs(iv - 0.135)).toBeLessThan(0.015);
    console.log('ATM IV per expiry:', near.map(([e, iv]) => `${e} ${(iv * 100).toFixed(2)} %`).join(', '));
  });

  it('with the fitted skew, model mids within ±3 % and ≤ 30 days are within 5 % (median), far below the no-skew error', () => {
    const fitted = fitSkew(snap, atm, rates, WITHIN_5, pricing.skew.max_z);
    const defaults = skewParams(pricing);
    const rows = [WITHIN_5, WITHIN_3].flatMap((f) => [
      { band: f.maxMoneyness, model: 'ATM IV, no skew', ...midErrors(snap, atm, FLAT_SKEW, rates, f) },
      { band: f.maxMoneyness, model: 'ATM IV + skew (settings)', ...midErrors(snap, atm, defaults, rates, f) },
    ]);
    console.log(
      `fitted skew: slope ${fitted.slope.toFixed(4)}, put_curvature ${fitted.putCurvature.toFixed(4)}, call_curvature ${fitted.callCurvature.toFixed(4)}\n` +
        rows
          .map(
            (r) =>
              `±${r.band * 100} %, ≤ 30 days, ${r.model}: n ${r.count}, median |err| $${r.medianAbs.toFixed(3)} = ${(r.medianPct * 100).toFixed(1)} % of mid, mean ${(r.meanPct * 100).toFixed(1)} %, p90 ${(r.p90Pct * 100).toFixed(1)} %`,
          )
          .join('\n'),
    );
    // The settings' defaults are the fit, rounded: they must do as well as the fit itself.
    expect(defaults.slope).toBeCloseTo(fitted.slope, 1);
    expect(midErrors(snap, atm, defaults, rates, WITHIN_5).meanPct).toBeLessThan(midErrors(snap, atm, fitted, rates, WITHIN_5).meanPct + 0.001);
    const skewed = midErrors(snap, atm, defaults, rates, WITHIN_3);
    const flat = midErrors(snap, atm, FLAT_SKEW, rates, WITHIN_3);
    expect(skewed.count).toBeGreaterThan(300);
    expect(skewed.medianPct).toBeLessThanOrEqual(0.05);
    expect(skewed.medianPct).toBeLessThan(flat.medianPct / 2);
  });

  it('the spread model, fitted near the money, is within one cent (median) on near-the-money weekly spreads', () => {
    const fitted = fitSpread(snap, NEAR, pricing.spread.tick);
    const defaults = spreadParams(pricing);
    const nearestWeekly = { ...NEAR, expiries: ['2026-05-08'] };
    const figures = { 'nearest weekly (7 days), ±2 %': nearestWeekly, '≤ 30 days, ±2 %': NEAR, '≤ 30 days, ±5 %': WITHIN_5 };
    console.log(
      `fitted spread: base ${fitted.base.toFixed(4)}, per_time_value ${fitted.perTimeValue.toFixed(5)}, per_intrinsic ${fitted.perIntrinsic.toFixed(4)}\n` +
        Object.entries(figures)
          .map(([name, f]) => {
            const e = spreadErrors(snap, defaults, f);
            return `spread model (settings), ${name}: n ${e.count}, median |err| $${e.medianAbs.toFixed(2)}, mean $${e.meanAbs.toFixed(3)}`;
          })
          .join('\n'),
    );
    expect(spreadErrors(snap, defaults, NEAR).meanAbs).toBeLessThan(spreadErrors(snap, fitted, NEAR).meanAbs + 0.005);
    expect(spreadErrors(snap, defaults, nearestWeekly).medianAbs).toBeLessThanOrEqual(0.01);
    expect(spreadErrors(snap, defaults, NEAR).medianAbs).toBeLessThanOrEqual(0.01);
  });

  it('the VIX scale and term exponent in the settings fit that day’s ATM term structure', () => {
    const vixClose = readFileSync(sharedFile('vix_daily_1990-01-02_2026-07-07.csv'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('2026-05-01,'))!
      .split(',')[4]!;
    const years = new Map(snap.options.map((o) => [o.expiry, o.years]));
    const points = [...atm].filter(([e]) => years.get(e)! * 365 <= 60).map(([e, atmVol]) => ({ years: years.get(e)!, atmVol }));
    const fit = fitVixTerm(points, Number(vixClose) / 100);
    console.log(`VIX ${vixClose}: ATM IV = ${fit.scale.toFixed(3)} × VIX × (T/30d)^${fit.termExponent.toFixed(3)} over ${points.length} expiries ≤ 60 days`);
    expect(pricing.vix.scale).toBeCloseTo(fit.scale, 2);
    expect(pricing.vix.term_exponent).toBeCloseTo(fit.termExponent, 2);
  });
});
