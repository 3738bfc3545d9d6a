#!/usr/bin/env node
import { Command } from 'commander';
import { registerBacktestCommand } from './commands/backtest.js';
import { registerConfigCommands } from './commands/config-check.js';
import { registerDataCommands } from './commands/data.js';
import { registerFetchCommand } from './commands/fetch.js';
import { registerGatewayCommands } from './commands/gateway.js';
import { registerIngestCommand } from './commands/ingest.js';
import { registerRunsCommand } from './commands/runs.js';
import { registerStatusCommand } from './commands/status.js';
import { registerReportCommand } from './commands/report.js';
import { registerSweepCommand } from './commands/sweep.js';
import { registerSimulateCommand } from './commands/simulate.js';
import { registerStateCommands } from './commands/state.js';
import { registerLiveCommand } from './commands/live.js';
import { registerNotebooksCommand } from './commands/notebooks.js';
import { ExitCode } from './exit-codes.js';
import { VERSION } from './version.js';

const program = new Command()
  .name('optbot')
  .description('Backtest, rehearse and run an IB options-scalping bot with one pipeline')
  .version(VERSION)
  .showHelpAfterError()
  .exitOverride((err) => {
    // commander exits 1 on usage errors; ours is 2 (bad input). --help and --version stay 0.
    process.exit(err.exitCode === 0 ? ExitCode.ok : ExitCode.badInput);
  });

registerConfigCommands(program);
registerIngestCommand(program);
registerDataCommands(program);
registerBacktestCommand(program);
registerRunsCommand(program);
registerGatewayCommands(program);
registerStatusCommand(program);
registerReportCommand(program);
registerFetchCommand(program);
registerSweepCommand(program);
registerSimulateCommand(program);
registerStateCommands(program);
registerLiveCommand(program);
registerNotebooksCommand(program);

await program.parseAsync(process.argv);
