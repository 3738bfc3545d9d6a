import type { Settings } from '../config/schema.js';
import { ConsoleSink } from './console-sink.js';
import { JsonLinesSink } from './json-lines-sink.js';
import type { LogSink } from './log-event.js';
import { Logger } from './logger.js';

/** The run's logger from settings: readable console lines plus the JSON-lines file. */
export function createLogger(
  settings: Settings,
  runId: string,
  opts: { now?: () => number; console?: boolean; extraSinks?: LogSink[] } = {},
): Logger {
  const sinks: LogSink[] = [...(opts.extraSinks ?? [])];
  if (opts.console !== false) sinks.push(new ConsoleSink());
  if (settings.logging.file) sinks.push(new JsonLinesSink(settings.logging.file));
  return new Logger({ runId, level: settings.logging.level, sinks, now: opts.now ?? Date.now });
}
