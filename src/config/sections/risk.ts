import { z } from 'zod';
import { positiveFraction, positiveInt, section } from '../fields.js';

/** Per-trade sizing, bracket distances, the daily loss guard and exposure limits. Fractions: 0.01 = 1 %. */
export const riskSettings = section({
  max_risk_pct_per_trade: positiveFraction().default(0.01),
  max_daily_loss_pct: positiveFraction().default(0.05),
  take_profit_pct: positiveFraction().default(0.2),
  stop_loss_pct: positiveFraction().default(0.1),
  /** When the daily loss guard halts entries, also close the open positions at market. */
  flatten_on_halt: z.boolean().default(true),
  max_open_positions: positiveInt().default(1),
  max_trades_per_session: positiveInt().default(10),
});
