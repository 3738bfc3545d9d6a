/** Number formatting for the report's tables: fixed en-US formats so a report is the same everywhere. */
const money2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const price = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 });

const finite = (v: number, f: (v: number) => string): string => (Number.isFinite(v) ? f(v) : Number.isNaN(v) ? '–' : v > 0 ? '∞' : '−∞');

export const fmtMoney = (v: number): string => finite(v, (x) => `${x < 0 ? '−' : ''}$${money2.format(Math.abs(x))}`);
export const fmtSignedMoney = (v: number): string => finite(v, (x) => `${x > 0 ? '+' : ''}${fmtMoney(x)}`);
export const fmtPrice = (v: number): string => finite(v, (x) => price.format(x));

export function fmtDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const min = Math.round(ms / 60_000);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}
