import type { PackedColumn, PackedTable } from '../../src/report/pack.js';
import { DECODER_SCRIPT } from '../../src/report/page/script.js';

type Row = Record<string, number | string | null>;

/** The page script's own decoder, run here: tests read packed data exactly as the browser does. */
const decoder = new Function(`${DECODER_SCRIPT}; return { unpackColumn, unpackRows };`)() as {
  unpackColumn(c: PackedColumn): (number | string | null)[];
  unpackRows(t: PackedTable): Row[];
};

export const unpack = (t: PackedTable): Row[] => decoder.unpackRows(t);
export const unpackColumn = (c: PackedColumn): (number | string | null)[] => decoder.unpackColumn(c);
