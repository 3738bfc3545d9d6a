#!/usr/bin/env node
/**
 * `npm run check:arm64 [-- DIR]`: lists the runtime dependencies with native code and the
 * platforms they ship for; exits 1 when one has no prebuilt linux-arm64 (glibc) build.
 */
import { checkNativeDeps, platformName, RASPBERRY_PI } from './native-deps.js';

const report = checkNativeDeps(process.argv[2] ?? '.', RASPBERRY_PI);
const target = platformName(report.target);
console.log(`${report.runtimePackages} runtime packages, ${report.native.length} with native code; target ${target}`);
for (const d of report.native) {
  const verdict = d.problem ? `FAIL: ${d.problem}` : `ok (${d.targetBuild})`;
  console.log(`  ${d.name}@${d.version} via ${d.via} [${d.evidence.join(', ')}]: ${d.platforms.join(' ') || 'no prebuilt platforms'} → ${verdict}`);
}
const failed = report.native.filter((d) => d.problem);
if (failed.length) console.error(`${failed.length} runtime dependenc${failed.length === 1 ? 'y has' : 'ies have'} no ${target} build`);
process.exitCode = failed.length ? 1 : 0;
