import { closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogEvent, LogSink } from './log-event.js';

/** Size-based rotation: FILE → FILE.1 → … → FILE.keepFiles, the oldest deleted. */
export interface Rotation {
  /** A line that would take the file past this size goes to a fresh file instead. */
  maxBytes: number;
  /** Rotated files kept besides the current one (≥ 1). */
  keepFiles: number;
}

/**
 * Appends one JSON object per line. Synchronous, so a crash never loses an event already logged.
 * With `rotation`, a full file is renamed before the line that would overflow it is written:
 * each line lands whole in exactly one file, and a file only exceeds `maxBytes` when it holds a
 * single line larger than that.
 */
export class JsonLinesSink implements LogSink {
  private fd: number | null;
  private size: number;

  constructor(
    private readonly path: string,
    private readonly rotation?: Rotation,
  ) {
    if (rotation && !(rotation.maxBytes > 0 && Number.isInteger(rotation.keepFiles) && rotation.keepFiles >= 1)) {
      throw new RangeError(`log rotation needs maxBytes > 0 and keepFiles ≥ 1, got ${JSON.stringify(rotation)}`);
    }
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'a');
    this.size = fstatSync(this.fd).size;
  }

  write(event: LogEvent): void {
    if (this.fd === null) return;
    const line = Buffer.from(JSON.stringify(event) + '\n', 'utf8');
    if (this.rotation && this.size > 0 && this.size + line.length > this.rotation.maxBytes) this.rotate(this.rotation.keepFiles);
    for (let done = 0; done < line.length; ) done += writeSync(this.fd!, line, done);
    this.size += line.length;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private rotate(keep: number): void {
    closeSync(this.fd!);
    this.fd = null;
    // Oldest first, so every rename lands on a free (or expired) name; renames are atomic.
    for (let i = keep - 1; i >= 1; i--) {
      if (existsSync(`${this.path}.${i}`)) renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
    }
    renameSync(this.path, `${this.path}.1`);
    // Files beyond the retention left by a larger keep_files earlier.
    for (let i = keep + 1; existsSync(`${this.path}.${i}`); i++) rmSync(`${this.path}.${i}`);
    this.fd = openSync(this.path, 'a');
    this.size = 0;
  }
}
