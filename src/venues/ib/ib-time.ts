import type { EpochMs } from '../../core/time.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** A request end time in IB's explicit UTC form, "yyyyMMdd-HH:mm:ss": no time-zone guessing on the Gateway. */
export function ibEndDateTime(t: EpochMs): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Bar dates are requested with formatDate 2: epoch seconds of the bar's start. */
export const FORMAT_EPOCH_SECONDS = 2;

export function parseBarTime(date: string): EpochMs {
  const s = Number(date);
  if (!Number.isInteger(s) || date.trim() === '') throw new Error(`IB bar date ${JSON.stringify(date)} is not epoch seconds (formatDate 2)`);
  return s * 1000;
}
