import { writeFileSync } from 'node:fs';

// `node --import dist/bench/lib/exit-usage.js SCRIPT …` with OPTBOT_USAGE_FILE=FILE: as the process
// exits, its peak resident set size goes to FILE as JSON, for benchmarks that measure another program.
process.on('exit', () => {
  writeFileSync(process.env.OPTBOT_USAGE_FILE!, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
});
