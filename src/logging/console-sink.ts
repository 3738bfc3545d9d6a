import pc from 'picocolors';
import type { LogEvent, LogLevel, LogSink } from './log-event.js';

const LEVEL_STYLE: Record<LogLevel, (s: string) => string> = {
  debug: pc.gray,
  info: pc.cyan,
  warn: pc.yellow,
  error: pc.red,
};

const OMIT = new Set(['ts', 'level', 'run_id', 'event', 'msg']);

/** `HH:MM:SS.mmm LEVEL event message key=value …` (UTC), to stderr so stdout stays for command output. Colours only on a TTY. */
export function formatConsoleLine(e: LogEvent): string {
  const time = new Date(e.ts).toISOString().slice(11, 23);
  const fields = Object.entries(e)
    .filter(([k]) => !OMIT.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  const level = LEVEL_STYLE[e.level](e.level.toUpperCase().padEnd(5));
  return [pc.dim(time), level, pc.bold(e.event), e.msg ?? '', pc.dim(fields)].filter((s) => s !== '').join(' ');
}

export class ConsoleSink implements LogSink {
  constructor(private readonly out: NodeJS.WritableStream = process.stderr) {}

  write(event: LogEvent): void {
    this.out.write(formatConsoleLine(event) + '\n');
  }
}
