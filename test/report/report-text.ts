import { inflateRawSync } from 'node:zlib';
import { chartLibraries } from '../../src/report/assets.js';

/** The report without the three inlined libraries: what the builder itself wrote. */
export const ownPart = (html: string): string => chartLibraries().reduce((h, lib) => h.replace(lib, ''), html);

export const count = (s: string, sub: string): number => s.toLowerCase().split(sub.toLowerCase()).length - 1;

/** The page's data, decoded as the page script does (base64, then inflate, then JSON); throws unless it is pure base64. */
export function reportPayload(html: string): unknown {
  const text = /<script type="application\/octet-stream" id="report-data">([A-Za-z0-9+/]*=*)<\/script>/.exec(html)?.[1];
  if (text === undefined) throw new Error('no base64 report-data script in the page');
  return JSON.parse(inflateRawSync(Buffer.from(text, 'base64')).toString('utf8'));
}
