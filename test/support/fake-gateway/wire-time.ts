import { DateTime } from 'luxon';

/** IB's time-zone names in date strings, mapped to IANA zones. */
const ZONES: Record<string, string> = { 'US/Eastern': 'America/New_York', EST: 'America/New_York', UTC: 'UTC', GMT: 'UTC' };

/**
 * The end of a historical request, as the gateway reads it: "" is now; "yyyyMMdd-HH:mm:ss" is
 * UTC; "yyyyMMdd HH:mm:ss [zone]" is in that zone (the exchange's, New York, when absent).
 */
export function parseEndDateTime(s: string, now: number): number {
  if (s === '') return now;
  let m = /^(\d{8})-(\d{2}:\d{2}:\d{2})$/.exec(s);
  if (m) return DateTime.fromFormat(`${m[1]} ${m[2]}`, 'yyyyMMdd HH:mm:ss', { zone: 'UTC' }).toMillis();
  m = /^(\d{8}) (\d{2}:\d{2}:\d{2})(?: (\S+))?$/.exec(s);
  if (m) {
    const zone = m[3] ? (ZONES[m[3]] ?? m[3]) : 'America/New_York';
    const t = DateTime.fromFormat(`${m[1]} ${m[2]}`, 'yyyyMMdd HH:mm:ss', { zone });
    if (t.isValid) return t.toMillis();
  }
  throw new Error(`unreadable end date/time ${JSON.stringify(s)}`);
}

/** "3600 S", "2 D", "1 W" → milliseconds (a day counts as 24 h here). */
export function parseDuration(s: string): number {
  const m = /^(\d+) ([SDW])$/.exec(s);
  if (!m) throw new Error(`duration ${JSON.stringify(s)} not served (the fake gateway knows S, D and W)`);
  const unit = { S: 1_000, D: 86_400_000, W: 7 * 86_400_000 }[m[2] as 'S' | 'D' | 'W'];
  return Number(m[1]) * unit;
}

/** A bar date as IB writes it: formatDate 2 → epoch seconds; 1 → "yyyyMMdd HH:mm:ss US/Eastern". */
export function formatBarDate(ts: number, formatDate: number): string {
  if (formatDate === 2) return String(Math.floor(ts / 1000));
  return DateTime.fromMillis(ts, { zone: 'America/New_York' }).toFormat('yyyyMMdd HH:mm:ss') + ' US/Eastern';
}
