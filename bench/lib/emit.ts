/** One benchmark figure: a JSON line for machines, then a line for people. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** Optional target, printed beside the figure, e.g. "≥ 1000000". */
  target?: string;
}

export function emit(figure: Figure, human: string): void {
  process.stdout.write(JSON.stringify(figure) + '\n');
  process.stdout.write(`  ${human}${figure.target ? ` (target ${figure.target})` : ''}\n`);
}

/** Runs `fn` repeatedly for at least `minMs` after a warm-up; returns calls per second. */
export function rate(fn: () => void, minMs = 500): number {
  for (let i = 0; i < 1000; i++) fn();
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
    elapsed = performance.now() - start;
  }
  return (n / elapsed) * 1000;
}
