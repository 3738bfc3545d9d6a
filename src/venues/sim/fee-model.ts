import type { Settings } from '../../config/schema.js';
import type { Instrument } from '../../core/order.js';

/** Commission of one order's fill, in dollars. */
export interface FeeModel {
  orderFee(instrument: Instrument, quantity: number, price: number): number;
}

type FeeSettings = Settings['backtest']['fees'];

/**
 * IB's fixed pricing. Options: `per_contract` ($0.65), less for cheap premiums (tiers: $0.50
 * under $0.10, $0.25 under $0.05), at least `min_per_order` ($1.00). Stock: `per_share`
 * ($0.005), at least $1.00, at most 1 % of the trade's value (the cap wins on tiny orders, as at IB).
 */
export class IbFixedFeeModel implements FeeModel {
  constructor(private readonly fees: FeeSettings) {}

  orderFee(instrument: Instrument, quantity: number, price: number): number {
    if (instrument.kind === 'option') {
      return Math.max(this.fees.min_per_order, quantity * this.perContract(price));
    }
    const stock = this.fees.stock;
    const fee = Math.max(stock.min_per_order, quantity * stock.per_share);
    return Math.min(fee, stock.max_pct_of_value * quantity * price);
  }

  private perContract(premium: number): number {
    for (const tier of this.fees.premium_tiers) if (premium < tier.premium_below) return tier.per_contract;
    return this.fees.per_contract;
  }
}
