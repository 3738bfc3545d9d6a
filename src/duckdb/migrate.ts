import type { Database } from './database.js';
import { inTransaction } from './database.js';

/**
 * SQL statements per schema version: `steps[0]` creates version 1, `steps[1]` moves 1 → 2, …
 * Steps are append-only: a released step is never edited, a change is a new step.
 */
export type MigrationSteps = readonly (readonly string[])[];

/**
 * Brings `component`'s tables in the file up to `steps.length`, one version per transaction,
 * and records the version in `schema_versions`. Components (bars, journal, …) migrate
 * independently on the same file. Returns the version now in the file.
 */
export async function migrate(db: Database, component: string, steps: MigrationSteps): Promise<number> {
  const c = db.connection;
  await c.run('CREATE TABLE IF NOT EXISTS schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  const rows = (await c.runAndReadAll('SELECT version FROM schema_versions WHERE component = $1', [component])).getRowsJS();
  const current = Number(rows[0]?.[0] ?? 0);
  if (current > steps.length) {
    throw new Error(`${db.path}: the ${component} tables are at schema version ${current}, newer than this optbot knows (${steps.length}); upgrade optbot`);
  }
  for (let v = current + 1; v <= steps.length; v++) {
    await inTransaction(c, async () => {
      for (const sql of steps[v - 1]!) await c.run(sql);
      await c.run(
        'INSERT INTO schema_versions VALUES ($1, $2) ON CONFLICT (component) DO UPDATE SET version = excluded.version',
        [component, v],
      );
    });
  }
  return steps.length;
}
