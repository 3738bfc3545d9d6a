import type { LogEvent, LogSink } from './log-event.js';

/** Keeps events in memory until drained, e.g. by the journal writer in batches. */
export class MemorySink implements LogSink {
  private events: LogEvent[] = [];

  write(event: LogEvent): void {
    this.events.push(event);
  }

  drain(): LogEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }
}
