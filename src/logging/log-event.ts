export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** One structured log line. `event` is a short stable name ("cycle", "order.rejected"); fields carry the data. */
export interface LogEvent {
  /** Epoch milliseconds UTC from the run's clock (simulated in rehearsals). */
  ts: number;
  level: LogLevel;
  run_id: string;
  event: string;
  msg?: string;
  [field: string]: unknown;
}

/** Where log events go: a JSON-lines file, the console, the journal. */
export interface LogSink {
  write(event: LogEvent): void;
  close?(): void;
}
