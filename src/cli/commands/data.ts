import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_SAMPLE, SYNTHETIC_SOURCE } from '../../venues/history/synthetic-sample-options.js';
import { runCommand } from '../run-command.js';
import { withSettingsOptions, type SettingsFlags } from '../settings-options.js';

export interface DataLsFlags extends SettingsFlags {
  json: boolean;
}

export interface DataSampleFlags extends SettingsFlags {
  sessions: number;
  seed: number;
}

export function registerDataCommands(program: Command): void {
  const data = program.command('data').description('inspect the bar store and create the synthetic sample');

  withSettingsOptions(
    data
      .command('ls')
      .description('per symbol and bar size: first/last bar, sessions, complete sessions, missing regular-hours minutes, sources')
      .option('--json', 'print JSON instead of a table', false),
  ).action((flags: DataLsFlags) => runCommand(async () => (await import('../actions/data.js')).listData(flags)));

  withSettingsOptions(
    data
      .command('sample')
      .description(`store a deterministic synthetic SPY-like 1-minute sample (source "${SYNTHETIC_SOURCE}") unless the store has one`)
      .option('--sessions <n>', 'how many sessions, ending on the sample\'s fixed last date', positiveInt, DEFAULT_SAMPLE.sessions)
      .option('--seed <n>', 'seed of the generator', int, DEFAULT_SAMPLE.seed),
  ).action((flags: DataSampleFlags) => runCommand(async () => (await import('../actions/data.js')).storeSample(flags)));
}

function int(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
}

function positiveInt(value: string): number {
  const n = int(value);
  if (n < 1) throw new InvalidArgumentError('must be at least 1');
  return n;
}
