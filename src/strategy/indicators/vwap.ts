/**
 * Volume-weighted average price that restarts at each session: Σ(typical × volume) / Σ volume
 * over the session's closed bars, with typical = (high + low + close) / 3 (the convention of
 * trading-signals' `VWAP`). Vendors' own VWAP columns weigh every trade's price and differ
 * slightly. A zero-volume bar changes nothing; before the session's first traded volume the
 * VWAP is NaN.
 *
 * Sessions are told apart by the number the caller passes (the calendar's session ordinal):
 * a bar of a new session drops the previous session's sums.
 */
export interface VwapState {
  /** Session ordinal of the sums; NO_SESSION before the first bar. */
  session: number;
  priceVolume: number;
  volume: number;
}

/** Not a session ordinal (JSON has no NaN or −Infinity, so the state keeps a plain number). */
export const NO_SESSION = Number.MIN_SAFE_INTEGER;

export const vwapCreate = (): VwapState => ({ session: NO_SESSION, priceVolume: 0, volume: 0 });

/** Feeds one closed bar of session `session`; returns the session's VWAP (NaN before any volume). */
export function vwapUpdate(s: VwapState, session: number, high: number, low: number, close: number, volume: number): number {
  if (s.session !== session) {
    s.session = session;
    s.priceVolume = 0;
    s.volume = 0;
  }
  s.priceVolume += ((high + low + close) / 3) * volume;
  s.volume += volume;
  return s.volume > 0 ? s.priceVolume / s.volume : NaN;
}

/** The VWAP if this bar closed now; the state is left as it is. */
export function vwapPeek(s: VwapState, session: number, high: number, low: number, close: number, volume: number): number {
  const same = s.session === session;
  const v = (same ? s.volume : 0) + volume;
  return v > 0 ? ((same ? s.priceVolume : 0) + ((high + low + close) / 3) * volume) / v : NaN;
}

/** The VWAP of session `session` so far: NaN when no volume of that session has been fed. */
export const vwapValue = (s: VwapState, session: number): number =>
  s.session === session && s.volume > 0 ? s.priceVolume / s.volume : NaN;
