import { appendFileSync } from 'node:fs';
import { register, type ResolveHook } from 'node:module';
import { isMainThread } from 'node:worker_threads';

// `node --import dist/test/support/import-trace.js …` with OPTBOT_IMPORT_TRACE=FILE appends the URL
// of every ES module the process resolves to FILE, one a line. The hook runs on Node's hooks
// thread, where this same file is loaded again: only the main thread registers it.
if (isMainThread) register(import.meta.url);

export const resolve: ResolveHook = async (specifier, context, next) => {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.OPTBOT_IMPORT_TRACE!, resolved.url + '\n');
  return resolved;
};
