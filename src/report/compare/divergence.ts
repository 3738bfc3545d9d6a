import type { ReportModel } from '../model.js';

/** One decision of a run, reduced to what must agree between runs (`key`) and what explains it (`why`). */
export interface Decision {
  ts: number;
  kind: 'signal' | 'risk' | 'order';
  /** Equal keys = the same decision. Run-specific ids (order ids, intent ids) are left out. */
  key: string;
  /** Readable summary, e.g. "signal scalp BUY (0.72)". */
  what: string;
  why: string;
}

export interface Divergence {
  /** Decisions both runs made, in order, before the first difference. */
  agreed: number;
  /** The last few agreed decisions, for context. */
  before: Decision[];
  /** Each side's decision at the divergence; null when that run made no further decision. */
  a: Decision | null;
  b: Decision | null;
}

const KIND_ORDER = { signal: 0, risk: 1, order: 2 } as const;
const price = (p: number): string => (Number.isFinite(p) ? p.toFixed(2) : 'MKT');

/** Signals, risk decisions and orders of a run within [from, to], in time order (signal → risk → order at one time). */
export function decisions(m: ReportModel, from: number, to: number): Decision[] {
  const out: Decision[] = [];
  for (const s of m.signals)
    out.push({ ts: s.ts, kind: 'signal', key: `${s.symbol}|${s.strategy}|${s.action}`, what: `${s.symbol} ${s.strategy} ${s.action} (confidence ${s.confidence.toFixed(2)})`, why: s.reasons.join('; ') });
  for (const r of m.riskDecisions)
    out.push({ ts: r.ts, kind: 'risk', key: `${r.symbol}|${r.kind}|${r.approved}`, what: `${r.symbol} ${r.kind} ${r.approved ? 'approved' : 'rejected'}`, why: r.reason });
  for (const o of m.orders)
    out.push({ ts: o.ts, kind: 'order', key: `${o.role}|${o.side}|${o.type}|${o.quantity}|${price(o.price)}`, what: `${o.role} ${o.side} ${o.quantity} ${o.type} @ ${price(o.price)}`, why: o.reason });
  return out
    .filter((d) => d.ts >= from && d.ts <= to)
    .sort((x, y) => x.ts - y.ts || KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

const same = (x: Decision, y: Decision): boolean => x.ts === y.ts && x.kind === y.kind && x.key === y.key;

/** The first point where two runs decided differently over the days both cover; null when they agree throughout. */
export function firstDivergence(a: ReportModel, b: ReportModel, context = 3): Divergence | null {
  const from = Math.max(a.run.dataFrom, b.run.dataFrom);
  const to = Math.min(a.run.dataTo, b.run.dataTo);
  const da = decisions(a, from, to);
  const db = decisions(b, from, to);
  let i = 0;
  while (i < da.length && i < db.length && same(da[i]!, db[i]!)) i++;
  if (i === da.length && i === db.length) return null;
  return { agreed: i, before: da.slice(Math.max(0, i - context), i), a: da[i] ?? null, b: db[i] ?? null };
}
