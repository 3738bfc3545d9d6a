import { InvalidArgumentError, type Command } from 'commander';
import { runCommand } from '../run-command.js';
import { withSettingsOptions, type SettingsFlags } from '../settings-options.js';

export interface GatewayCheckFlags {
  host?: string;
  port?: number;
  clientId?: number;
  /** Seconds for the handshake and for each request. */
  timeout?: number;
}

const intOption = (what: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${what} must be a whole number from ${min} to ${max}`);
  return n;
};

export function registerGatewayCommands(program: Command): void {
  const gateway = program.command('gateway').description('IB Gateway connectivity');
  withSettingsOptions(
    gateway
      .command('check')
      .description('connect to IB Gateway and report version, account, a snapshot, recent bars and the option chain; each failure is diagnosed')
      .option('--host <host>', 'Gateway host (default: broker.host)')
      .option('--port <port>', 'Gateway API port (default: broker.port)', intOption('--port', 1, 65535))
      .option('--client-id <n>', 'client id (default: broker.client_id)', intOption('--client-id', 0, 2 ** 31 - 1))
      .option('--timeout <seconds>', 'seconds for the handshake and each request (default: broker.connect_timeout_seconds)', intOption('--timeout', 1, 600)),
  ).action((flags: SettingsFlags & GatewayCheckFlags) => runCommand(async () => (await import('../actions/gateway.js')).checkGateway(flags)));
}
