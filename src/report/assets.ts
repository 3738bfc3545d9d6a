import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { scriptSource } from './escape.js';

const require = createRequire(import.meta.url);

/** The browser builds of vega, vega-lite and vega-embed, in load order (each needs the ones before). */
const LIBRARIES = [
  ['vega', 'vega.min.js'],
  ['vega-lite', 'vega-lite.min.js'],
  ['vega-embed', 'vega-embed.min.js'],
] as const;

let cached: string[] | undefined;

/** Read once per process from node_modules: the report inlines them so it opens with no network. */
export function chartLibraries(): readonly string[] {
  cached ??= LIBRARIES.map(([pkg, file]) => {
    // The packages export only their module entry; the UMD bundle sits beside it in build/.
    const path = join(dirname(require.resolve(pkg)), file);
    return scriptSource(path, readFileSync(path, 'utf8'));
  });
  return cached;
}
