import { LEVEL_RANK, type LogEvent, type LogLevel, type LogSink } from './log-event.js';

export type LogFields = Record<string, unknown>;

export interface LoggerOptions {
  runId: string;
  level: LogLevel;
  sinks: readonly LogSink[];
  /** The run's clock: wall clock live, simulated time in rehearsals. */
  now: () => number;
  /** Fields added to every event of this logger (e.g. symbol). */
  bindings?: LogFields;
}

/** One logger per run; every event it writes carries the run id. Pure: the sinks do the I/O. */
export class Logger {
  private readonly min: number;

  constructor(private readonly opts: LoggerOptions) {
    this.min = LEVEL_RANK[opts.level];
  }

  get runId(): string {
    return this.opts.runId;
  }

  debug(event: string, msg?: string, fields?: LogFields): void {
    this.log('debug', event, msg, fields);
  }
  info(event: string, msg?: string, fields?: LogFields): void {
    this.log('info', event, msg, fields);
  }
  warn(event: string, msg?: string, fields?: LogFields): void {
    this.log('warn', event, msg, fields);
  }
  error(event: string, msg?: string, fields?: LogFields): void {
    this.log('error', event, msg, fields);
  }

  /** A logger that adds `bindings` to each event and shares this one's sinks and clock. */
  child(bindings: LogFields): Logger {
    return new Logger({ ...this.opts, bindings: { ...this.opts.bindings, ...bindings } });
  }

  close(): void {
    for (const s of this.opts.sinks) s.close?.();
  }

  private log(level: LogLevel, event: string, msg: string | undefined, fields: LogFields | undefined): void {
    if (LEVEL_RANK[level] < this.min) return;
    const ts = this.opts.now();
    const runId = this.opts.runId;
    // The envelope is written again after the fields so no field can forge it; key order stays envelope-first.
    const e: LogEvent = { ts, level, run_id: runId, event, ...this.opts.bindings, ...fields };
    Object.assign(e, { ts, level, run_id: runId, event });
    if (msg !== undefined) e.msg = msg;
    for (const s of this.opts.sinks) s.write(e);
  }
}
