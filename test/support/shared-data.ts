import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The real market data beside the project (../shared/data); absent on a user's machine. */
export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

export const hasSharedData = existsSync(SHARED_DATA);

export const sharedFile = (name: string): string => SHARED_DATA + name;

if (!hasSharedData) {
  console.warn(`[optbot tests] ${SHARED_DATA} is absent: tests on real SPY data are skipped.`);
}
