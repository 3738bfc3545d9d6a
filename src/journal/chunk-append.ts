import { DuckDBDataChunk, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
// The raw bindings (installed with, and pinned by, @duckdb/node-api) copy whole typed arrays into
// a chunk's vectors and make constant vectors: twice as fast as per-item vector writes (see bench/journal.bench.ts).
import bindings from '@duckdb/node-bindings';

/** Rows per data chunk (DuckDB's vector size, 2048). */
export const CHUNK_ROWS = bindings.vector_size();

const TWO_POW_32 = 4294967296;

/** Fills the columns of one data chunk from typed arrays and values, for rows [from, from + count) of a batch. */
export class ChunkColumns {
  private readonly int64 = new BigInt64Array(CHUNK_ROWS);
  private readonly int64Halves = new Uint32Array(this.int64.buffer);
  private readonly int32 = new Int32Array(CHUNK_ROWS);
  /** A list vector's entries: (offset, length) as uint64 pairs, written as 32-bit halves. */
  private readonly listEntries = new Uint32Array(4 * CHUNK_ROWS);
  private readonly zeros = new Uint8Array(16 * CHUNK_ROWS);

  constructor(readonly chunk: DuckDBDataChunk) {}

  private vector(col: number): bindings.Vector {
    return bindings.data_chunk_get_vector(this.chunk.chunk, col);
  }

  /** Every row of the column holds `text` (a constant vector: one string, not one per row). */
  constant(col: number, text: string): void {
    bindings.vector_reference_value(this.vector(col), bindings.create_varchar(text));
  }

  /** Every row of the INTEGER column holds `n`. */
  constantInt(col: number, n: number): void {
    bindings.vector_reference_value(this.vector(col), bindings.create_int32(n));
  }

  /** INTEGER column: first, first + 1, … */
  sequence(col: number, first: number, count: number): void {
    for (let i = 0; i < count; i++) this.int32[i] = first + i;
    bindings.copy_data_to_vector(this.vector(col), 0, this.int32.buffer, 0, count * 4);
  }

  /** INTEGER column from src[from, from + count). */
  int32s(col: number, src: Int32Array, from: number, count: number): void {
    bindings.copy_data_to_vector(this.vector(col), 0, src.buffer as ArrayBuffer, src.byteOffset + from * 4, count * 4);
  }

  /** DOUBLE column from src[from, from + count). */
  doubles(col: number, src: Float64Array, from: number, count: number): void {
    bindings.copy_data_to_vector(this.vector(col), 0, src.buffer as ArrayBuffer, src.byteOffset + from * 8, count * 8);
  }

  /** BIGINT column of epoch ms from doubles, written as two 32-bit halves (no BigInt per value). */
  millis(col: number, src: Float64Array, from: number, count: number): void {
    const halves = this.int64Halves;
    for (let i = 0; i < count; i++) {
      const t = Math.trunc(src[from + i]!);
      halves[2 * i] = t >>> 0;
      halves[2 * i + 1] = Math.floor(t / TWO_POW_32);
    }
    bindings.copy_data_to_vector(this.vector(col), 0, this.int64.buffer, 0, count * 8);
  }

  /** VARCHAR column from strings; a run of one repeated string (a symbol) becomes a constant vector. */
  text(col: number, src: readonly string[], from: number, count: number): void {
    const first = src[from]!;
    let same = true;
    for (let i = from + 1; i < from + count && same; i++) same = src[i] === first;
    if (same) this.constant(col, first);
    else this.chunk.setColumnValues(col, src.slice(from, from + count));
  }

  /**
   * DOUBLE[] column of rows [from, from + count) whose lists lie back to back in `flat`: row r's
   * list is flat[ends[r − 1] ?? 0, ends[r]). Copied straight into the list's child vector.
   */
  doubleLists(col: number, flat: Float64Array, ends: Float64Array, from: number, count: number): void {
    const first = from === 0 ? 0 : ends[from - 1]!;
    const entries = this.listEntries;
    let start = first;
    for (let i = 0; i < count; i++) {
      const end = ends[from + i]!;
      entries[4 * i] = start - first;
      entries[4 * i + 1] = 0;
      entries[4 * i + 2] = end - start;
      entries[4 * i + 3] = 0;
      start = end;
    }
    const total = start - first;
    const vector = this.vector(col);
    bindings.list_vector_reserve(vector, total);
    bindings.list_vector_set_size(vector, total);
    bindings.copy_data_to_vector(bindings.list_vector_get_child(vector), 0, flat.buffer as ArrayBuffer, flat.byteOffset + first * 8, total * 8);
    bindings.copy_data_to_vector(vector, 0, entries.buffer, 0, count * 16);
  }

  /** NULL in every row of columns [from, end) (columns a table keeps for old rows only): a cleared validity mask, empty list entries. */
  nullsFrom(from: number): void {
    const count = Number(this.chunk.rowCount);
    for (let col = from; col < this.chunk.columnCount; col++) {
      const vector = this.vector(col);
      bindings.vector_ensure_validity_writable(vector);
      bindings.copy_data_to_vector_validity(vector, 0, this.zeros.buffer, 0, Math.ceil(count / 64) * 8);
      if (bindings.get_type_id(bindings.vector_get_column_type(vector)) === bindings.Type.LIST) {
        bindings.copy_data_to_vector(vector, 0, this.zeros.buffer, 0, count * 16);
      }
    }
  }

  /** Any column from DuckDB values (lists, nullable fields): the general, slower road for small tables. */
  values(col: number, values: readonly DuckDBValue[]): void {
    this.chunk.setColumnValues(col, values);
  }
}

/**
 * Appends `rows` rows to `schema.table` in data chunks of CHUNK_ROWS: `fill` writes every
 * column of rows [from, from + count). Runs inside the caller's transaction, if any.
 */
export async function appendChunks(
  conn: DuckDBConnection,
  schema: string,
  table: string,
  rows: number,
  fill: (c: ChunkColumns, from: number, count: number) => void,
): Promise<void> {
  if (rows === 0) return;
  const appender = await conn.createAppender(table, schema);
  try {
    const types = Array.from({ length: appender.columnCount }, (_, i) => appender.columnType(i));
    const columns = new ChunkColumns(DuckDBDataChunk.create(types));
    for (let from = 0; from < rows; from += CHUNK_ROWS) {
      const count = Math.min(CHUNK_ROWS, rows - from);
      columns.chunk.reset();
      columns.chunk.rowCount = count;
      fill(columns, from, count);
      appender.appendDataChunk(columns.chunk);
    }
  } finally {
    appender.closeSync();
  }
}
