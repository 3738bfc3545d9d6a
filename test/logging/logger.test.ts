import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatConsoleLine } from '../../src/logging/console-sink.js';
import { JsonLinesSink } from '../../src/logging/json-lines-sink.js';
import { Logger } from '../../src/logging/logger.js';
import { MemorySink } from '../../src/logging/memory-sink.js';
import { tempDir } from '../support/tmp.js';

describe('Logger', () => {
  const dir = tempDir();

  it('writes one JSON event per line, each with the run id and the run clock', () => {
    const file = join(dir, 'logs', 'run.jsonl');
    let t = Date.UTC(2024, 3, 1, 13, 35);
    const log = new Logger({ runId: 'bt-1', level: 'info', sinks: [new JsonLinesSink(file)], now: () => t++ });
    log.info('cycle', 'evaluated', { symbol: 'SPY', bars: 30 });
    log.child({ symbol: 'QQQ' }).warn('quote.missing');
    log.debug('hidden');
    log.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { ts: Date.UTC(2024, 3, 1, 13, 35), level: 'info', run_id: 'bt-1', event: 'cycle', msg: 'evaluated', symbol: 'SPY', bars: 30 },
      { ts: Date.UTC(2024, 3, 1, 13, 35) + 1, level: 'warn', run_id: 'bt-1', event: 'quote.missing', symbol: 'QQQ' },
    ]);
  });

  it('fields cannot overwrite the run id or level', () => {
    const sink = new MemorySink();
    const log = new Logger({ runId: 'r', level: 'debug', sinks: [sink], now: () => 0 });
    log.info('x', undefined, { a: 1, run_id: 'forged', level: 'error' });
    expect(sink.drain()).toEqual([{ ts: 0, level: 'info', run_id: 'r', event: 'x', a: 1 }]);
    expect(sink.drain()).toEqual([]);
  });

  it('console lines are readable', () => {
    const line = formatConsoleLine({ ts: Date.UTC(2024, 0, 2, 14, 30), level: 'info', run_id: 'r', event: 'cycle', msg: 'BUY', symbol: 'SPY' });
    expect(line.replace(/\x1b\[[0-9;]*m/g, '')).toBe('14:30:00.000 INFO  cycle BUY symbol=SPY');
  });
});
