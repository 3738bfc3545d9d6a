import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/duckdb/database.js';
import { BarStore, type IngestOptions } from '../../src/venues/history/bar-store.js';

let stores = 0;

export interface TestStore {
  db: Database;
  store: BarStore;
  /** Every stored row hashed: equal fingerprints mean an unchanged store. */
  fingerprint(): Promise<string>;
  close(): void;
}

/** A bar store in a fresh file under `dir`, with the database at hand for direct checks. */
export async function openTestStore(dir: string): Promise<TestStore> {
  const db = await openDatabase(join(dir, `store-${++stores}.duckdb`));
  const store = await BarStore.fromDatabase(db);
  return {
    db,
    store,
    fingerprint: async () =>
      JSON.stringify((await db.connection.runAndReadAll('SELECT count(*), sum(hash(symbol, bar_size, ts, open, high, low, "close", volume, source)) FROM bars_named')).getRowsJS(), (_, v) => (typeof v === 'bigint' ? String(v) : v)),
    close: () => {
      store.close();
      db.close();
    },
  };
}

export const INGEST_1M: IngestOptions = { symbol: 'SPY', barSize: '1m', tz: 'America/New_York', stamp: 'start', onConflict: 'keep' };
