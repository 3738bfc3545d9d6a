import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

export interface CsvHead {
  delimiter: string;
  columns: string[];
  /** The first data row by column name (null past its end). */
  firstRow: Record<string, string | null>;
}

const DELIMITERS = [',', ';', '\t', '|'];

/**
 * The header and first data row of a CSV file (gzip when the name ends in .gz), read without
 * DuckDB's sniffer so the full read can run with explicit types. Throws on a missing file.
 */
export async function readCsvHead(file: string): Promise<CsvHead> {
  const lines = await firstLines(file, 2);
  const header = lines[0] ?? '';
  if (header.trim() === '') throw new Error('empty file');
  const delimiter = DELIMITERS.reduce((best, d) => (header.split(d).length > header.split(best).length ? d : best));
  const cells = (line: string) => line.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const columns = cells(header);
  const first = cells(lines[1] ?? '');
  return { delimiter, columns, firstRow: Object.fromEntries(columns.map((c, i) => [c, first[i] ?? null])) };
}

async function firstLines(file: string, count: number): Promise<string[]> {
  const raw = createReadStream(file);
  const opened = new Promise<void>((resolve, reject) => {
    raw.once('open', () => resolve());
    raw.once('error', reject);
  });
  await opened;
  const text = /\.gz$/i.test(file) ? raw.pipe(createGunzip()) : raw;
  const lines: string[] = [];
  const reader = createInterface({ input: text, crlfDelay: Infinity });
  try {
    for await (const line of reader) {
      lines.push(line.replace(/^\uFEFF/, ''));
      if (lines.length >= count) break;
    }
  } finally {
    reader.close();
    raw.destroy();
  }
  return lines;
}
