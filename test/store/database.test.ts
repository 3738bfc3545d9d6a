import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/duckdb/database.js';
import { migrate } from '../../src/duckdb/migrate.js';
import { tempDir } from '../support/tmp.js';

const dir = tempDir('optbot-db-');

const versions = async (db: Awaited<ReturnType<typeof openDatabase>>) =>
  (await db.connection.runAndReadAll('SELECT component, version FROM schema_versions ORDER BY component')).getRowsJS().map(([c, v]) => [c, Number(v)]);

describe('openDatabase', () => {
  it('creates the folder and shares one instance per file until the last close', async () => {
    const path = join(dir, 'nested', 'deeper', 'a.duckdb');
    const a = await openDatabase(path);
    const b = await openDatabase(path);
    expect(existsSync(path)).toBe(true);
    expect(b.instance).toBe(a.instance);
    a.close();
    await b.connection.run('CREATE TABLE t AS SELECT 1 AS x'); // still open for b
    b.close();
    const c = await openDatabase(path);
    expect((await c.connection.runAndReadAll('SELECT x FROM t')).getRowsJS()).toEqual([[1]]);
    c.close();
  });

  it('sets every connection to UTC, whatever the machine zone', async () => {
    const db = await openDatabase(':memory:');
    const c = await db.connect();
    expect((await c.runAndReadAll("SELECT current_setting('TimeZone')")).getRowsJS()).toEqual([['UTC']]);
    db.close();
  });
});

describe('migrate', () => {
  it('applies each version once, per component, on the same file', async () => {
    const path = join(dir, 'm.duckdb');
    const db = await openDatabase(path);
    const bars = [['CREATE TABLE b1 (x INT)'], ['ALTER TABLE b1 ADD COLUMN y INT']];
    expect(await migrate(db, 'bars', bars.slice(0, 1))).toBe(1);
    expect(await migrate(db, 'bars', bars)).toBe(2);
    expect(await migrate(db, 'bars', bars)).toBe(2); // nothing re-run: a re-run ALTER would throw
    expect(await migrate(db, 'journal', [['CREATE TABLE j1 (x INT)']])).toBe(1);
    expect(await versions(db)).toEqual([['bars', 2], ['journal', 1]]);
    db.close();
  });

  it('rolls a failing step back whole and keeps the old version', async () => {
    const db = await openDatabase(':memory:');
    await expect(migrate(db, 'x', [['CREATE TABLE ok (a INT)', 'CREATE TABLE broken (']])).rejects.toThrow();
    expect(await versions(db)).toEqual([]);
    expect((await db.connection.runAndReadAll("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'ok'")).getRowsJS()).toEqual([[0n]]);
    db.close();
  });

  it('refuses a file written by a newer schema', async () => {
    const db = await openDatabase(':memory:');
    await migrate(db, 'x', [['SELECT 1'], ['SELECT 2']]);
    await expect(migrate(db, 'x', [['SELECT 1']])).rejects.toThrow(/schema version 2, newer than this optbot knows \(1\)/);
    db.close();
  });
});
