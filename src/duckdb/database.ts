import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/**
 * The one DuckDB file of a process (bars and journal share it). Open it once with
 * `openDatabase`; each component takes its own connection from `connect()` so that one
 * component's transaction never swallows another's statements.
 */
export interface Database {
  readonly path: string;
  readonly instance: DuckDBInstance;
  /** A connection for short statements (migrations, small reads). */
  readonly connection: DuckDBConnection;
  /** A new connection on the same file, with the session time zone set to UTC. */
  connect(): Promise<DuckDBConnection>;
  close(): void;
}

const open = new Map<string, { db: Database; users: number }>();
let memoryDatabases = 0;

/**
 * Opens (creating it and its folder if needed) the DuckDB file at `path`, or ":memory:".
 * Opening the same file twice in one process returns the same instance; each `close()`
 * releases one opening and the file is closed with the last.
 */
export async function openDatabase(path: string): Promise<Database> {
  // Every ":memory:" opening is a database of its own.
  const key = path === ':memory:' ? `:memory:${++memoryDatabases}` : resolve(path);
  const shared = open.get(key);
  if (shared) {
    shared.users++;
    return shared.db;
  }
  if (path !== ':memory:') mkdirSync(dirname(key), { recursive: true });
  const instance = await DuckDBInstance.create(path === ':memory:' ? ':memory:' : key);
  const connections: DuckDBConnection[] = [];
  const connect = async (): Promise<DuckDBConnection> => {
    const c = await instance.connect();
    // Every stamp is UTC; never let the machine's zone leak into a TIMESTAMPTZ cast.
    await c.run("SET TimeZone = 'UTC'");
    connections.push(c);
    return c;
  };
  const entry = {
    users: 1,
    db: {
      path: key,
      instance,
      connection: await connect(),
      connect,
      close: () => {
        if (--entry.users > 0) return;
        open.delete(key);
        for (const c of connections) c.closeSync();
        instance.closeSync();
      },
    } satisfies Database,
  };
  open.set(key, entry);
  return entry.db;
}

/** Runs `body` inside BEGIN … COMMIT on `connection`, rolling back if it throws. */
export async function inTransaction<T>(connection: DuckDBConnection, body: () => Promise<T>): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await body();
    await connection.run('COMMIT');
    return result;
  } catch (e) {
    await connection.run('ROLLBACK');
    throw e;
  }
}
