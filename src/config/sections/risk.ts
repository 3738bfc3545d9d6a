import { positiveFraction, section } from '../fields.js';

/** Per-trade sizing, bracket distances and the daily loss guard, all as fractions (0.01 = 1 %). */
export const riskSettings = section({
  max_risk_pct_per_trade: positiveFraction().default(0.01),
  max_daily_loss_pct: positiveFraction().default(0.05),
  take_profit_pct: positiveFraction().default(0.2),
  stop_loss_pct: positiveFraction().default(0.1),
});
