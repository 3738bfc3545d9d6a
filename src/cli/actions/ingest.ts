import { statSync } from 'node:fs';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import { BarInputError } from '../../venues/history/bar-file-error.js';
import type { ConflictPolicy, FileIngestReport } from '../../venues/history/bar-store.js';
import type { IngestFlags } from '../commands/ingest.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { withBarStore } from './open-store.js';

/** Files at least this large get a progress bar (on a terminal). */
const PROGRESS_MIN_BYTES = 8 * 1024 * 1024;

/** `optbot ingest`: validates every file, then stores the bars and reports per file. */
export function ingest(files: string[], flags: IngestFlags): Promise<void> {
  return withBarStore(flags, async (store, path) => {
    const progress = progressFor(files);
    let reports: FileIngestReport[];
    try {
      reports = await store.ingestFiles(files, {
        symbol: flags.symbol,
        barSize: flags.bar,
        tz: flags.tz,
        stamp: flags.stamp,
        onConflict: flags.onConflict,
        ...(flags.source === undefined ? {} : { source: flags.source }),
        ...(progress ? { onProgress: progress.update } : {}),
      });
    } catch (e) {
      if (e instanceof BarInputError) throw new CliError(e.message, ExitCode.badInput);
      throw e;
    } finally {
      progress?.stop();
    }
    for (const r of reports) process.stdout.write(`${basename(r.file)}: ${describe(r, flags.onConflict)}\n`);
    process.stdout.write(`# ${flags.symbol} ${flags.bar} bars in ${path}\n`);
  });
}

function describe(r: FileIngestReport, policy: ConflictPolicy): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const differing = policy === 'keep' ? `${n(r.kept)} differing kept as stored` : `${n(r.replaced)} differing replaced`;
  return `${n(r.rows)} bars: ${n(r.inserted)} new, ${n(r.identical)} already stored, ${differing}`;
}

/** A progress bar on stderr for large files, only on a terminal (pipes and logs stay clean). */
function progressFor(files: readonly string[]): { update: (file: string, fraction: number) => void; stop: () => void } | null {
  if (!process.stderr.isTTY) return null;
  const large = new Set(files.filter((f) => sizeOf(f) >= PROGRESS_MIN_BYTES));
  if (large.size === 0) return null;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{file} [{bar}] {percentage}%', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let current: string | null = null;
  return {
    update: (file, fraction) => {
      if (!large.has(file)) return;
      if (file !== current) {
        if (current !== null) bar.stop();
        bar.start(100, 0, { file: basename(file) });
        current = file;
      }
      bar.update(Math.round(fraction * 100), { file: basename(file) });
    },
    stop: () => bar.stop(),
  };
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
