import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Replaces `path` with `text` so a reader (or a power cut) sees the old file or the new one,
 * never half of one: write a temp file beside it, fsync it, rename it over, fsync the folder.
 */
export function writeFileAtomic(path: string, text: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const data = Buffer.from(text, 'utf8');
  const fd = openSync(tmp, 'w', 0o644);
  try {
    for (let done = 0; done < data.length; ) done += writeSync(fd, data, done);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
  // The rename itself is durable only once the folder's entry is on disk.
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}
