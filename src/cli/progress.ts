import { SingleBar, Presets } from 'cli-progress';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr that appears only on a terminal and only once the work has taken
 * longer than a moment, so quick runs and logs piped to files stay clean.
 */
export function progress(label: string, total: number, unit: string, showAfterMs = 400): Progress {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const start = Date.now();
  let bar: SingleBar | null = null;
  return {
    update(done: number) {
      if (!bar && Date.now() - start >= showAfterMs) {
        bar = new SingleBar(
          { format: `${label} [{bar}] {percentage}% {value}/{total} ${unit} | {rate}/s | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true },
          Presets.shades_classic,
        );
        bar.start(total, done, { rate: 0 });
      }
      if (bar) bar.update(done, { rate: Math.round((done / Math.max(1, Date.now() - start)) * 1000) });
    },
    stop() {
      bar?.stop();
    },
  };
}
