import { chartLibraries } from '../../src/report/assets.js';

/** The report without the three inlined libraries: what the builder itself wrote. */
export const ownPart = (html: string): string => chartLibraries().reduce((h, lib) => h.replace(lib, ''), html);

export const count = (s: string, sub: string): number => s.toLowerCase().split(sub.toLowerCase()).length - 1;
