import type { Session } from '../calendar/index.js';
import { CliError, ExitCode } from '../cli/exit-codes.js';
import type { TradingDate } from '../core/time.js';

/** `--walk-forward train=60,test=20,step=20`: window lengths in sessions (step defaults to test). */
export interface WalkForwardSpec {
  train: number;
  test: number;
  step: number;
}

export interface SessionSpan {
  from: TradingDate;
  to: TradingDate;
  /** Index of the first and one past the last session in the sweep's session list. */
  first: number;
  end: number;
}

/** A training span and the test span that follows it; the test always starts after the training ends. */
export interface WalkForwardWindow {
  index: number;
  train: SessionSpan;
  test: SessionSpan;
}

export function parseWalkForward(text: string): WalkForwardSpec {
  const fields = new Map<string, number>();
  for (const part of text.split(',')) {
    const m = /^\s*(train|test|step)\s*=\s*(\d+)\s*$/.exec(part);
    if (!m || fields.has(m[1]!) || Number(m[2]) <= 0) {
      throw new CliError(`--walk-forward ${text}: expected train=N,test=N[,step=N] with whole numbers of sessions > 0`, ExitCode.badInput);
    }
    fields.set(m[1]!, Number(m[2]));
  }
  const train = fields.get('train');
  const test = fields.get('test');
  if (train === undefined || test === undefined) throw new CliError(`--walk-forward ${text}: train and test are required, e.g. train=60,test=20,step=20`, ExitCode.badInput);
  return { train, test, step: fields.get('step') ?? test };
}

/**
 * Rolling windows over `sessions`: training on [k·step, k·step + train), testing on the `test`
 * sessions right after it. Only windows whose test span fits completely are kept.
 */
export function walkForwardWindows(sessions: readonly Session[], spec: WalkForwardSpec): WalkForwardWindow[] {
  const span = (first: number, end: number): SessionSpan => ({ from: sessions[first]!.date, to: sessions[end - 1]!.date, first, end });
  const windows: WalkForwardWindow[] = [];
  for (let start = 0; start + spec.train + spec.test <= sessions.length; start += spec.step) {
    const trainEnd = start + spec.train;
    windows.push({ index: windows.length, train: span(start, trainEnd), test: span(trainEnd, trainEnd + spec.test) });
  }
  if (windows.length === 0) {
    throw new CliError(`walk-forward needs at least train + test = ${spec.train + spec.test} sessions; the data range has ${sessions.length}`, ExitCode.badInput);
  }
  return windows;
}

/** How much of the in-sample performance survived out of sample. */
export interface WalkForwardGap {
  /** Mean over windows of the chosen variant's Sharpe on its training span. */
  inSampleSharpe: number;
  /** Sharpe of the stitched out-of-sample equity. */
  outOfSampleSharpe: number;
  /** outOfSample / inSample: 1 means no decay, ≤ 0 means the edge did not survive. */
  ratio: number;
}

export function walkForwardGap(trainSharpes: readonly number[], outOfSampleSharpe: number): WalkForwardGap {
  const finite = trainSharpes.filter(Number.isFinite);
  const inSampleSharpe = finite.length ? finite.reduce((s, x) => s + x, 0) / finite.length : NaN;
  return { inSampleSharpe, outOfSampleSharpe, ratio: inSampleSharpe !== 0 ? outOfSampleSharpe / inSampleSharpe : NaN };
}
