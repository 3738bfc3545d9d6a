import { IANAZone } from 'luxon';
import { HOUR_MS, MINUTE_MS, type EpochMs } from '../core/time.js';

const NEW_YORK = IANAZone.create('America/New_York');

/**
 * The report draws time as New York wall-clock time on UTC scales: `ts + offset(ts)`. The browser's
 * own time zone then never matters, and axes read 09:30–16:00 wherever the file is opened.
 * Offsets only change on whole UTC hours, so one look-up per hour serves every bar in it.
 */
export class NyClock {
  private readonly offsets = new Map<number, number>();

  wall(ts: EpochMs): number {
    const hour = Math.floor(ts / HOUR_MS);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      offset = NEW_YORK.offset(hour * HOUR_MS) * MINUTE_MS;
      this.offsets.set(hour, offset);
    }
    return ts + offset;
  }

  wallAll(ts: ArrayLike<number>): Float64Array {
    const out = new Float64Array(ts.length);
    for (let i = 0; i < ts.length; i++) out[i] = this.wall(ts[i]!);
    return out;
  }

  /** "2024-04-05 09:31" (New York). */
  minute(ts: EpochMs): string {
    return new Date(this.wall(ts)).toISOString().slice(0, 16).replace('T', ' ');
  }

  /** "2024-04-05" (New York). */
  date(ts: EpochMs): string {
    return new Date(this.wall(ts)).toISOString().slice(0, 10);
  }
}
