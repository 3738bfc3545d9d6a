import { z } from 'zod';
import { section } from '../fields.js';

export const dataSettings = section({
  /** The DuckDB file holding bars and the journal, relative to the working directory. */
  store_path: z.string().min(1).default('data/optbot.duckdb'),
});
