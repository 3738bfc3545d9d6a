import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogEvent, LogSink } from './log-event.js';

/** Appends one JSON object per line. Synchronous, so a crash never loses an event already logged. */
export class JsonLinesSink implements LogSink {
  private fd: number | null;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'a');
  }

  write(event: LogEvent): void {
    if (this.fd !== null) writeSync(this.fd, JSON.stringify(event) + '\n');
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
