import { randomBytes } from 'node:crypto';

/** A run id such as "bt-20261123-114502-3f9a": mode, wall-clock start (UTC) and 4 random hex digits. */
export function newRunId(prefix: 'bt' | 'sim' | 'live' | 'dry' | 'sweep'): string {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `${prefix}-${stamp}-${randomBytes(2).toString('hex')}`;
}
