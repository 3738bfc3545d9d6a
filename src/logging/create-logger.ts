import type { Settings } from '../config/schema.js';
import { ConsoleSink } from './console-sink.js';
import { JsonLinesSink } from './json-lines-sink.js';
import type { LogSink } from './log-event.js';
import { Logger } from './logger.js';

const MIB = 1024 * 1024;

/** The run's logger from settings: readable console lines plus the rotating JSON-lines file. */
export function createLogger(
  settings: Settings,
  runId: string,
  opts: { now?: () => number; console?: boolean; extraSinks?: LogSink[] } = {},
): Logger {
  const sinks: LogSink[] = [...(opts.extraSinks ?? [])];
  if (opts.console !== false) sinks.push(new ConsoleSink());
  const { file, max_file_mb, keep_files } = settings.logging;
  if (file) sinks.push(new JsonLinesSink(file, { maxBytes: Math.max(1, Math.round(max_file_mb * MIB)), keepFiles: keep_files }));
  return new Logger({ runId, level: settings.logging.level, sinks, now: opts.now ?? Date.now });
}
