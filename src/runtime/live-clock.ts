import type { EpochMs } from '../core/time.js';
import { WallClock } from './clock.js';

/**
 * The wall clock of `optbot live`: a minute's step starts `settleMs` after the minute, so the
 * bar that just closed has reached IB's historical service when the loop asks for it.
 */
export class SettledWallClock extends WallClock {
  constructor(private readonly settleMs = 2_000) {
    super();
  }

  override sleepUntil(t: EpochMs, stop?: AbortSignal): Promise<boolean> {
    return super.sleepUntil(t + this.settleMs, stop);
  }
}
