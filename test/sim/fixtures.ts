import { defaultSettings } from '../../src/config/schema.js';
import type { OptionContract } from '../../src/core/option-contract.js';
import type { Instrument, Order } from '../../src/core/order.js';
import type { EpochMs } from '../../src/core/time.js';
import type { Flatten, SubmitBracket } from '../../src/engine/commands.js';
import { instrumentKey } from '../../src/venues/sim/price-path.js';
import { SimBroker, type BrokerEvent } from '../../src/venues/sim/sim-broker.js';
import { ScriptedPathSource } from './scripted-path-source.js';

export const CALL: OptionContract = { underlying: 'SPY', expiry: '2024-04-05', strike: 520, right: 'C', multiplier: 100 };
export const PUT: OptionContract = { ...CALL, right: 'P' };
export const OPTION: Instrument = { kind: 'option', contract: CALL };
export const KEY = instrumentKey(OPTION);

/** 2024-04-01 09:35 New York (13:35 UTC): the start of bar 0; bar i covers [T(i), T(i + 1)). */
export const T0 = Date.UTC(2024, 3, 1, 13, 35);
export const T = (i: number): EpochMs => T0 + i * 60_000;

/** A broker on the default settings (IB option fees) with `slippageTicks`, over scripted paths. */
export function simBroker(slippageTicks = 0): { broker: SimBroker; paths: ScriptedPathSource } {
  const paths = new ScriptedPathSource();
  const backtest = { ...defaultSettings().backtest, slippage_ticks: slippageTicks };
  return { broker: SimBroker.fromSettings(backtest, paths), paths };
}

export interface BracketSpec {
  intent?: string;
  quantity?: number;
  entry: number;
  takeProfit: number;
  stopLoss: number;
  /** Seconds after submission at which an unfilled parent is cancelled. */
  cancelAfterS?: number;
  at?: EpochMs;
  instrument?: Instrument;
  entryType?: 'LMT' | 'MKT';
}

const order = (intent: string, instrument: Instrument, role: Order['role'], side: Order['side'], type: Order['type'], quantity: number, price: number): Order => ({
  orderId: `${intent}:${role}`,
  intentId: intent,
  role,
  instrument,
  side,
  type,
  quantity,
  price,
  status: 'pending',
  ...(role === 'take-profit' || role === 'stop-loss' ? { ocoGroup: intent, parentId: `${intent}:entry` } : {}),
});

/** A long bracket; order ids are "<intent>:entry", "<intent>:take-profit", "<intent>:stop-loss". */
export function bracket(s: BracketSpec): SubmitBracket {
  const intent = s.intent ?? 'i1';
  const inst = s.instrument ?? OPTION;
  const qty = s.quantity ?? 5;
  const at = s.at ?? T0;
  return {
    type: 'SubmitBracket',
    ts: at,
    intentId: intent,
    parent: order(intent, inst, 'entry', 'BUY', s.entryType ?? 'LMT', qty, s.entryType === 'MKT' ? NaN : s.entry),
    takeProfit: order(intent, inst, 'take-profit', 'SELL', 'LMT', qty, s.takeProfit),
    stopLoss: order(intent, inst, 'stop-loss', 'SELL', 'STP', qty, s.stopLoss),
    cancelParentAt: s.cancelAfterS === undefined ? null : at + s.cancelAfterS * 1000,
  };
}

/** The exit order of an intent ("<intent>:exit"), SELL at market. */
export const exitOrder = (intent: string, quantity: number, instrument: Instrument = OPTION): Order =>
  order(intent, instrument, 'exit', 'SELL', 'MKT', quantity, NaN);

export const flatten = (intent: string, quantity: number, at: EpochMs): Flatten => ({
  type: 'Flatten',
  ts: at,
  intentId: intent,
  order: exitOrder(intent, quantity),
  reason: 'flatten',
});

/** Events as compact lines, so a scenario's whole story reads in one assertion. Prices to 1e-9. */
export const story = (events: readonly BrokerEvent[]): string[] =>
  events.map((e) => {
    const at = `+${(e.ts - T0) / 1000}s`;
    switch (e.type) {
      case 'OrderFilled':
        return `${at} filled ${e.orderId} ${e.quantity} @ ${round9(e.price)} fees ${round9(e.fees)}`;
      case 'OrderCancelled':
      case 'OrderRejected':
        return `${at} ${e.type === 'OrderCancelled' ? 'cancelled' : 'rejected'} ${e.orderId}: ${e.reason}`;
      case 'OrderAccepted':
        return `${at} accepted ${e.orderId}`;
    }
  });

const round9 = (x: number): number => Math.round(x * 1e9) / 1e9;

/** Net dollars of a round trip from its fills: sells minus buys, times the multiplier, minus every fee. */
export function netPnl(events: readonly BrokerEvent[], multiplier = 100): number {
  let pnl = 0;
  for (const e of events) {
    if (e.type !== 'OrderFilled') continue;
    const sign = e.orderId.endsWith(':entry') ? -1 : 1;
    pnl += sign * e.price * e.quantity * multiplier - e.fees;
  }
  return round9(pnl);
}
