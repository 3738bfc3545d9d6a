import { listValue, type DuckDBValue } from '@duckdb/node-api';
import type { JournalTables } from './journal-buffer.js';
import type { FillRecord, LogRecord, OrderRecord, RiskRecord, RunRecord, SignalRecord, TradeRecord } from './records.js';

/**
 * How a record field is stored. `?` kinds are nullable: text/ms store null as NULL, `num?`
 * stores NaN (a market order's price) as NULL and reads it back as NaN. `list` is VARCHAR[],
 * `nums` DOUBLE[] (written from columns by the writer, not through toDb).
 */
export type ColumnKind = 'text' | 'text?' | 'list' | 'nums' | 'json' | 'ms' | 'ms?' | 'num' | 'num?' | 'bool';

/** A kind for every field of R: adding a field to a record type fails to compile until it is stored. */
export type FieldKinds<R> = { readonly [K in keyof R]-?: ColumnKind };

export const RUN_FIELDS: FieldKinds<RunRecord> = {
  runId: 'text',
  mode: 'text',
  settings: 'json',
  symbols: 'list',
  instrument: 'text',
  dataFrom: 'ms',
  dataTo: 'ms',
  dataSources: 'list',
  codeVersion: 'text',
  startedAt: 'ms',
  endedAt: 'ms?',
};

const SIGNAL_FIELDS: FieldKinds<SignalRecord> = { ts: 'ms', symbol: 'text', strategy: 'text', action: 'text', confidence: 'num', rule: 'text', facts: 'nums' };
const RISK_FIELDS: FieldKinds<RiskRecord> = { ts: 'ms', symbol: 'text', intentId: 'text?', kind: 'text', approved: 'bool', reason: 'text' };
const ORDER_FIELDS: FieldKinds<OrderRecord> = {
  ts: 'ms',
  orderId: 'text',
  intentId: 'text',
  role: 'text',
  side: 'text',
  type: 'text',
  quantity: 'num',
  price: 'num?',
  status: 'text',
  reason: 'text',
};
const FILL_FIELDS: FieldKinds<FillRecord> = { ts: 'ms', orderId: 'text', intentId: 'text', role: 'text', quantity: 'num', price: 'num', fees: 'num' };
const TRADE_FIELDS: FieldKinds<TradeRecord> = {
  intentId: 'text',
  symbol: 'text',
  instrument: 'text',
  contract: 'text',
  right: 'text?',
  quantity: 'num',
  entryTs: 'ms',
  entryPrice: 'num',
  exitTs: 'ms',
  exitPrice: 'num',
  exitReason: 'text',
  pnl: 'num',
  fees: 'num',
  mae: 'num',
  mfe: 'num',
  holdingMs: 'ms',
  takeProfitPrice: 'num',
  stopPrice: 'num',
};
const LOG_FIELDS: FieldKinds<LogRecord> = { ts: 'ms', level: 'text', event: 'text', msg: 'text?', fields: 'json' };

/** The tables of JournalTables that hold records (the others are columns). */
export type RecordTableKey = 'signals' | 'riskDecisions' | 'orders' | 'fills' | 'trades' | 'logs';
type RecordOf<K extends RecordTableKey> = JournalTables[K][number];

export const RECORD_TABLES: { readonly [K in RecordTableKey]: { table: string; fields: FieldKinds<RecordOf<K>> } } = {
  signals: { table: 'signals', fields: SIGNAL_FIELDS },
  riskDecisions: { table: 'risk_decisions', fields: RISK_FIELDS },
  orders: { table: 'orders', fields: ORDER_FIELDS },
  fills: { table: 'fills', fields: FILL_FIELDS },
  trades: { table: 'trades', fields: TRADE_FIELDS },
  logs: { table: 'logs', fields: LOG_FIELDS },
};

const columns = new Map<string, string>();

/** The SQL column of a record field: camelCase → snake_case (remembered: readers ask for every field of every row). */
export function columnOf(field: string): string {
  let column = columns.get(field);
  if (column === undefined) {
    column = field.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
    columns.set(field, column);
  }
  return column;
}

export function toDb(kind: ColumnKind, v: unknown): DuckDBValue {
  switch (kind) {
    case 'ms':
      return BigInt(v as number);
    case 'ms?':
      return v === null ? null : BigInt(v as number);
    case 'num?':
      return Number.isNaN(v) ? null : (v as number);
    case 'list':
      return listValue(v as string[]);
    case 'json':
      return JSON.stringify(v);
    default:
      return v as DuckDBValue;
  }
}

/** The inverse of toDb for a value read with getRowObjectsJS (BIGINT arrives as bigint, lists as arrays). */
export function fromDb(kind: ColumnKind, v: unknown): unknown {
  switch (kind) {
    case 'ms':
      return Number(v);
    case 'ms?':
      return v === null ? null : Number(v);
    case 'num?':
      return v === null ? NaN : v;
    case 'json':
      return JSON.parse(v as string);
    default:
      return v;
  }
}
