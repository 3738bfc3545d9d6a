/**
 * JSON that keeps NaN and ±Infinity (plain JSON turns them into null): engine and broker
 * snapshots hold them (a market order's price, an unset last close, a good-for-day deadline).
 */
const TAG = '\u0000num:';

export function encodeState(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? TAG + String(v) : v));
}

/** Parses `encodeState`'s text; throws SyntaxError on anything that is not JSON. */
export function decodeState(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => (typeof v === 'string' && v.startsWith(TAG) ? Number(v.slice(TAG.length)) : v));
}
