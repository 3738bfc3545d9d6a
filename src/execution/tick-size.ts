import type { Settings } from '../config/schema.js';
import type { Instrument } from '../core/order.js';

/** Minimum price increment of an order price for this instrument under the settings' tick rule. */
export function tickSize(instrument: Instrument, price: number, rule: Settings['execution']['option_tick']): number {
  if (instrument.kind === 'stock') return 0.01;
  return rule === 'nickel_above_3' && price >= 3 ? 0.05 : 0.01;
}
