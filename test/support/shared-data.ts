import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the nearest folder above this file with a package.json (works from test/ and from dist/test/). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The real market data beside the project (../shared/data); absent on a user's machine. */
export const SHARED_DATA = join(projectRoot(), '..', 'shared', 'data') + '/';

export const hasSharedData = existsSync(SHARED_DATA);

export const sharedFile = (name: string): string => SHARED_DATA + name;

if (!hasSharedData) {
  console.warn(`[optbot tests] ${SHARED_DATA} is absent: tests on real SPY data are skipped.`);
}
