import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/duckdb/database.js';
import { appendFloat64Columns, float64Chunks, readFloat64Into } from '../../src/duckdb/float64-columns.js';

describe('raw Float64 columns', () => {
  it('reads exactly what DuckDB returns through its value API, across many chunks', async () => {
    const db = await openDatabase(':memory:');
    const sql = 'SELECT i::DOUBLE / 7 AS a, -i * 1e9::DOUBLE AS b, 1.5::DOUBLE AS constant FROM range(10000) t(i) ORDER BY i';
    const expected = (await db.connection.runAndReadAll(sql)).getColumnsJS() as number[][];
    const targets = [new Float64Array(10000), new Float64Array(10000), new Float64Array(10000)];
    expect(await readFloat64Into(await db.connection.run(sql), targets)).toBe(10000);
    targets.forEach((t, i) => expect(Array.from(t)).toEqual(expected[i]));
    let rows = 0;
    for await (const chunk of float64Chunks(await db.connection.stream(sql))) {
      expect(Array.from(chunk[0]!)).toEqual(expected[0]!.slice(rows, rows + chunk[0]!.length));
      rows += chunk[0]!.length;
    }
    expect(rows).toBe(10000);
    db.close();
  });

  it('refuses a column that is not DOUBLE instead of misreading its memory', async () => {
    const db = await openDatabase(':memory:');
    await expect(readFloat64Into(await db.connection.run('SELECT 1.5 AS d'), [new Float64Array(1)])).rejects.toThrow(/column d is DECIMAL.*not DOUBLE/);
    db.close();
  });

  it('appends columns longer than one chunk', async () => {
    const db = await openDatabase(':memory:');
    await db.connection.run('CREATE TABLE t (a DOUBLE, b DOUBLE)');
    const a = Float64Array.from({ length: 5000 }, (_, i) => i + 0.25);
    const b = Float64Array.from({ length: 5000 }, (_, i) => -i);
    await appendFloat64Columns(db.connection, 't', [a.subarray(1000), b.subarray(1000)]);
    const r = (await db.connection.runAndReadAll('SELECT count(*), sum(a), min(b), max(a) FROM t')).getRowsJS()[0]!;
    expect(r).toEqual([4000n, a.subarray(1000).reduce((s, x) => s + x, 0), -4999, 4999.25]);
    db.close();
  });
});
