/**
 * Which column of a bar file plays which part, and how its time stamps are written. Pure:
 * it sees the header names and the first row's values, never the file.
 */
export type PriceRole = 'open' | 'high' | 'low' | 'close' | 'volume';

export type StampFormat =
  | 'offset' // ISO-8601 with Z or ±hh:mm: an instant
  | 'local' // naive date/time, read in --tz
  | 'epoch_s'
  | 'epoch_ms';

export interface FileLayout {
  /** One stamp column, or a date column and a time column joined with a space. */
  stamp: { column: string } | { date: string; time: string };
  prices: Record<PriceRole, string | null>;
  format: StampFormat;
}

const ALIASES: Record<PriceRole, readonly string[]> = {
  open: ['open', 'o', 'open_price', 'opening_price'],
  high: ['high', 'h', 'high_price'],
  low: ['low', 'l', 'low_price'],
  close: ['close', 'c', 'close_price', 'last', 'price'],
  volume: ['volume', 'v', 'vol', 'qty', 'quantity'],
};
const STAMP_ALIASES = ['ts', 'timestamp', 'datetime', 'date_time', 'time_stamp', 't', 'time', 'date'];
const DATE_ALIASES = ['date', 'day', 'trade_date'];
const TIME_ALIASES = ['time', 'minute', 'bar_time'];

const normalise = (name: string) => name.trim().toLowerCase().replace(/[\s-]+/g, '_');

/**
 * Maps header names (any case, common aliases) to roles. Throws a message naming what is
 * missing. Volume may be absent (index data): it is then stored as 0.
 */
export function detectLayout(columns: readonly string[], firstRow: Readonly<Record<string, string | null>>): FileLayout {
  const byName = new Map(columns.map((c) => [normalise(c), c]));
  const find = (aliases: readonly string[]) => aliases.map((a) => byName.get(a)).find((c) => c !== undefined) ?? null;
  const date = find(DATE_ALIASES);
  const time = find(TIME_ALIASES);
  const stamp = date && time && date !== time ? { date, time } : find(STAMP_ALIASES);
  if (stamp === null) {
    throw new Error(`no time stamp column: expected one of ${STAMP_ALIASES.join(', ')} (or date + time); found ${columns.join(', ')}`);
  }
  const prices = Object.fromEntries((Object.keys(ALIASES) as PriceRole[]).map((r) => [r, find(ALIASES[r])])) as FileLayout['prices'];
  const missing = (['open', 'high', 'low', 'close'] as const).filter((r) => prices[r] === null);
  if (missing.length > 0) throw new Error(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; found ${columns.join(', ')}`);
  const sample = typeof stamp === 'string' ? firstRow[stamp] : `${firstRow[stamp.date] ?? ''} ${firstRow[stamp.time] ?? ''}`;
  return { stamp: typeof stamp === 'string' ? { column: stamp } : stamp, prices, format: detectStampFormat(sample?.trim() ?? '') };
}

/** The format of a stamp as written: digits are epoch seconds or milliseconds (by magnitude). */
export function detectStampFormat(sample: string): StampFormat {
  if (/^-?\d+(\.\d+)?$/.test(sample)) return Math.abs(Number(sample)) >= 1e11 ? 'epoch_ms' : 'epoch_s';
  if (/\d[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)$/i.test(sample)) return 'offset';
  return 'local';
}
