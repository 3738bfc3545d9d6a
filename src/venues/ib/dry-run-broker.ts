import type { Order } from '../../core/order.js';
import type { EpochMs } from '../../core/time.js';
import type { Command } from '../../engine/commands.js';
import type { Logger } from '../../logging/logger.js';
import type { StepBroker } from '../../runtime/minute-step.js';
import { instrumentKey } from '../sim/price-path.js';
import type { BrokerEvent, SimBroker, SimBrokerSnapshot } from '../sim/sim-broker.js';

/** "BUY 3 SPY 2024-04-05 520C LMT 1.25": one order in a log line. */
export const describeOrder = (o: Order): string =>
  `${o.side} ${o.quantity} ${instrumentKey(o.instrument)} ${o.type}${o.type === 'MKT' ? '' : ` ${o.price}`}`;

/** The IB orderRef of a core order: the run, then the order id (intent id + role), so IB's books name both. */
export const orderRefOf = (runId: string, orderId: string): string => `optbot:${runId}:${orderId}`;

/** The core order id an orderRef carries, or null when the order is not the bot's. */
export function orderIdOfRef(orderRef: string | undefined): string | null {
  const m = /^optbot:[^:]+:(.+)$/.exec(orderRef ?? '');
  return m ? m[1]! : null;
}

/**
 * The default broker of `optbot live`: it says what it would send ("Dry-run: would place …"
 * with the whole bracket) and simulates the outcome with the simulated broker's fill model on
 * the live market (its price paths come from `LiveOptionMarket`), so a dry-run day has trades
 * and P&L. It holds no connection at all: nothing it does can reach IB.
 */
export class DryRunBroker implements StepBroker {
  constructor(
    private readonly sim: SimBroker,
    private readonly log: Logger,
    private readonly runId: string,
  ) {}

  submit(cmd: Command): readonly BrokerEvent[] {
    this.describe(cmd);
    return this.sim.submit(cmd);
  }

  onBar(barStart: EpochMs, barEnd: EpochMs): readonly BrokerEvent[] {
    return this.sim.onBar(barStart, barEnd);
  }

  settleExpiry(exit: Order, underlyingClose: number, ts: EpochMs): readonly BrokerEvent[] {
    this.log.info('dry-run.expiry', `Dry-run: ${instrumentKey(exit.instrument)} expires held; settled at intrinsic value against ${underlyingClose}`, { order_id: exit.orderId });
    return this.sim.settleExpiry(exit, underlyingClose, ts);
  }

  snapshot(): SimBrokerSnapshot {
    return this.sim.snapshot();
  }

  restore(s: SimBrokerSnapshot): void {
    this.sim.restore(s);
  }

  private describe(cmd: Command): void {
    const ref = (o: Order) => orderRefOf(this.runId, o.orderId);
    switch (cmd.type) {
      case 'SubmitBracket': {
        const { parent, takeProfit: tp, stopLoss: sl } = cmd;
        this.log.info(
          'dry-run.place',
          `Dry-run: would place ${describeOrder(parent)} (take-profit ${tp.type} ${tp.price}, stop ${sl.type} ${sl.price}, OCA ${tp.ocoGroup}), orderRef ${ref(parent)}`,
          {
            intent_id: cmd.intentId,
            contract: instrumentKey(parent.instrument),
            quantity: parent.quantity,
            entry: parent.price,
            take_profit: tp.price,
            stop: sl.price,
            cancel_parent_at: cmd.cancelParentAt,
          },
        );
        break;
      }
      case 'Cancel':
        this.log.info('dry-run.cancel', `Dry-run: would cancel ${cmd.orderId} (${cmd.reason})`, { order_id: cmd.orderId });
        break;
      case 'Flatten':
        this.log.info('dry-run.flatten', `Dry-run: would close ${describeOrder(cmd.order)} at market (${cmd.reason}), orderRef ${ref(cmd.order)}`, {
          intent_id: cmd.intentId,
          reason: cmd.reason,
        });
        break;
    }
  }
}
