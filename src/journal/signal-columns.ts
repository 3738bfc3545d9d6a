import type { Action, Signal } from '../core/signal.js';
import { GrowableColumns } from './columns.js';

/**
 * A run's signals as columns, facts in one flat array. A backtest journals ~40 k signals a year;
 * kept as objects they were most of what survived each young-generation garbage collection (a
 * sixth of the core's time). Objects are made only when someone asks for them, once each.
 */
export class SignalColumns {
  private readonly nums: GrowableColumns<'ts' | 'confidence' | 'factsEnd'>;
  private readonly flatFacts: GrowableColumns<'value'>;
  readonly symbol: string[] = [];
  readonly strategy: string[] = [];
  readonly action: Action[] = [];
  readonly rule: string[] = [];
  private readonly objects: Signal[] = [];

  /** `expected`: how many signals the run will likely journal, so the columns rarely regrow. */
  constructor(expected = 1024) {
    this.nums = new GrowableColumns(['ts', 'confidence', 'factsEnd'] as const, expected);
    this.flatFacts = new GrowableColumns(['value'] as const, 6 * expected);
  }

  get length(): number {
    return this.nums.length;
  }

  push(s: Signal): void {
    const i = this.nums.next();
    const start = this.flatFacts.reserve(s.facts.length);
    const values = this.flatFacts.cols.value;
    for (let k = 0; k < s.facts.length; k++) values[start + k] = s.facts[k]!;
    const n = this.nums.cols;
    n.ts[i] = s.ts;
    n.confidence[i] = s.confidence;
    n.factsEnd[i] = start + s.facts.length;
    this.symbol.push(s.symbol);
    this.strategy.push(s.strategy);
    this.action.push(s.action);
    this.rule.push(s.rule);
  }

  /** Every signal as an object (made on first request and kept; valid until the next push). */
  records(): readonly Signal[] {
    const n = this.nums.cols;
    for (let i = this.objects.length; i < this.length; i++) {
      const [from, to] = this.factsRange(i);
      this.objects.push({
        ts: n.ts[i]!,
        symbol: this.symbol[i]!,
        strategy: this.strategy[i]!,
        action: this.action[i]!,
        confidence: n.confidence[i]!,
        rule: this.rule[i]!,
        facts: Array.from(this.flatFacts.cols.value.subarray(from, to)),
      });
    }
    return this.objects;
  }

  /** The numeric columns and the flat facts (signal i's facts are facts[factsEnd[i − 1] ?? 0, factsEnd[i])), for the writer. */
  columns(): { ts: Float64Array; confidence: Float64Array; factsEnd: Float64Array; facts: Float64Array } {
    const { ts, confidence, factsEnd } = this.nums.view();
    return { ts, confidence, factsEnd, facts: this.flatFacts.view().value };
  }

  private factsRange(i: number): [number, number] {
    const ends = this.nums.cols.factsEnd;
    return [i === 0 ? 0 : ends[i - 1]!, ends[i]!];
  }
}
