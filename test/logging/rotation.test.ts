import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/schema.js';
import { createLogger } from '../../src/logging/create-logger.js';
import { JsonLinesSink } from '../../src/logging/json-lines-sink.js';
import { Logger } from '../../src/logging/logger.js';
import { tempDir } from '../support/tmp.js';

const root = tempDir();
let n = 0;
const freshFile = () => join(root, `run-${n++}`, 'optbot.jsonl');

/** Writes events numbered from..to-1, each line about 90 bytes. */
function writeLines(file: string, rotation: { maxBytes: number; keepFiles: number }, from: number, to: number): void {
  const log = new Logger({ runId: 'r', level: 'info', sinks: [new JsonLinesSink(file, rotation)], now: () => 1_700_000_000_000 });
  for (let i = from; i < to; i++) log.info('cycle', 'x'.repeat(i % 7), { i });
  log.close();
}

/** The `i` of every line, oldest file first (FILE.N … FILE.1, FILE). */
function loggedNumbers(file: string): number[] {
  const dir = join(file, '..');
  const rotated = readdirSync(dir)
    .map((f) => /^optbot\.jsonl\.(\d+)$/.exec(f)?.[1])
    .filter((k): k is string => k !== undefined)
    .map(Number)
    .sort((a, b) => b - a);
  return [...rotated.map((k) => `${file}.${k}`), file].flatMap((f) =>
    readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { i: number }).i),
  );
}

const lineBytes = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => Buffer.byteLength(l) + 1);

describe('JSON-lines log rotation', () => {
  it('never loses a line: with room to keep everything, the files hold every line once, in order', () => {
    const file = freshFile();
    writeLines(file, { maxBytes: 1000, keepFiles: 50 }, 0, 200);
    expect(loggedNumbers(file)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    for (const f of readdirSync(join(file, '..'))) {
      const size = statSync(join(file, '..', f)).size;
      expect(size).toBeLessThanOrEqual(1000);
      // Full files were rotated only because the next line did not fit.
      if (f !== 'optbot.jsonl') expect(size + 100).toBeGreaterThan(1000);
    }
  });

  it('keeps keepFiles rotated files, which hold exactly the newest lines', () => {
    const file = freshFile();
    writeLines(file, { maxBytes: 1000, keepFiles: 3 }, 0, 200);
    expect(readdirSync(join(file, '..')).sort()).toEqual(['optbot.jsonl', 'optbot.jsonl.1', 'optbot.jsonl.2', 'optbot.jsonl.3']);
    const kept = loggedNumbers(file);
    expect(kept.at(-1)).toBe(199);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, k) => 200 - kept.length + k));
    expect(kept.length).toBeGreaterThan(30);
  });

  it('continues the existing file after a restart and rotates it at the same size', () => {
    const file = freshFile();
    writeLines(file, { maxBytes: 1000, keepFiles: 10 }, 0, 5);
    const before = statSync(file).size;
    writeLines(file, { maxBytes: 1000, keepFiles: 10 }, 5, 40);
    expect(loggedNumbers(file)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(lineBytes(`${file}.1`).reduce((a, b) => a + b)).toBeGreaterThan(before);
    expect(statSync(`${file}.1`).size).toBeLessThanOrEqual(1000);
  });

  it('a line larger than the limit gets a file of its own and is not cut', () => {
    const file = freshFile();
    const log = new Logger({ runId: 'r', level: 'info', sinks: [new JsonLinesSink(file, { maxBytes: 200, keepFiles: 5 })], now: () => 0 });
    log.info('small', undefined, { i: 0 });
    log.info('big', 'y'.repeat(500), { i: 1 });
    log.info('small', undefined, { i: 2 });
    log.close();
    expect(loggedNumbers(file)).toEqual([0, 1, 2]);
    expect(lineBytes(`${file}.1`)).toEqual([expect.any(Number)]);
    expect(lineBytes(`${file}.1`)[0]).toBeGreaterThan(500);
  });

  it('deletes rotated files beyond a retention lowered since the last run', () => {
    const file = freshFile();
    writeLines(file, { maxBytes: 1000, keepFiles: 6 }, 0, 100);
    expect(existsSync(`${file}.6`)).toBe(true);
    writeLines(file, { maxBytes: 1000, keepFiles: 2 }, 100, 120);
    expect(readdirSync(join(file, '..')).sort()).toEqual(['optbot.jsonl', 'optbot.jsonl.1', 'optbot.jsonl.2']);
    expect(loggedNumbers(file).at(-1)).toBe(119);
  });

  it('refuses a nonsensical rotation', () => {
    expect(() => new JsonLinesSink(freshFile(), { maxBytes: 0, keepFiles: 5 })).toThrow(RangeError);
    expect(() => new JsonLinesSink(freshFile(), { maxBytes: 10, keepFiles: 0 })).toThrow(RangeError);
  });

  it('createLogger rotates at logging.max_file_mb and keeps logging.keep_files', () => {
    const file = freshFile();
    const settings = defaultSettings();
    settings.logging = { ...settings.logging, file, max_file_mb: 0.001, keep_files: 2 }; // 1049 bytes
    const log = createLogger(settings, 'live-1', { console: false, now: () => 0 });
    for (let i = 0; i < 60; i++) log.info('cycle', undefined, { i });
    log.close();
    expect(readdirSync(join(file, '..')).sort()).toEqual(['optbot.jsonl', 'optbot.jsonl.1', 'optbot.jsonl.2']);
    for (const f of ['', '.1', '.2']) expect(statSync(file + f).size).toBeLessThanOrEqual(1049);
    expect(loggedNumbers(file).at(-1)).toBe(59);
  });
});
