/** One bad row: where (1-based line of the file, or row of the input) and why. */
export interface BarProblem {
  at: number | null;
  message: string;
}

/** Input that was refused whole: nothing from it was stored. */
export class BarInputError extends Error {
  constructor(
    /** The file (or a label such as "SPY 1m bars from live") the problems are in. */
    readonly input: string,
    /** The first few problems, in input order. */
    readonly problems: readonly BarProblem[],
    /** How many rows were bad in all (at least problems.length). */
    readonly badRows: number,
    /** "line" for text files, "row" for Parquet and in-memory columns. */
    readonly unit: 'line' | 'row' = 'line',
  ) {
    super(
      `${input}: ${badRows === 0 ? 'unreadable' : `${badRows.toLocaleString('en-US')} bad ${unit}${badRows === 1 ? '' : 's'}`}, nothing stored` +
        problems.map((p) => `\n  ${p.at === null ? '' : `${unit} ${p.at}: `}${p.message}`).join(''),
    );
    this.name = 'BarInputError';
  }
}
