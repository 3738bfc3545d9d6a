import pc from 'picocolors';
import { loadSettings } from '../../config/load-settings.js';
import { accountKind } from '../../config/order-mode.js';
import type { Settings } from '../../config/schema.js';
import { createLogger } from '../../logging/create-logger.js';
import type { Logger } from '../../logging/logger.js';
import { diagnoseConnectFailure } from '../../venues/ib/connect-diagnosis.js';
import { connectionOptions } from '../../venues/ib/connection-options.js';
import { IbConnection } from '../../venues/ib/ib-connection.js';
import { IbCode, IbConnectError, IbRequestError } from '../../venues/ib/ib-errors.js';
import { IbMarketData } from '../../venues/ib/ib-market-data.js';
import { accountSummary } from '../../venues/ib/ib-requests.js';
import type { GatewayCheckFlags } from '../commands/gateway.js';
import { ExitCode } from '../exit-codes.js';
import type { SettingsFlags } from '../settings-options.js';

export interface GatewayCheckIo {
  /** One report line (stdout). */
  out(line: string): void;
  log: Logger;
  now(): number;
}

/** The `optbot gateway check` command: settings, a log, and `gatewayCheck` reporting on stdout. */
export async function checkGateway(flags: SettingsFlags & GatewayCheckFlags): Promise<ExitCode> {
  const { settings } = loadSettings({ file: flags.config, set: flags.set });
  const log = createLogger(settings, `gateway-check-${Date.now()}`);
  try {
    return await gatewayCheck(settings, flags, { out: (l) => process.stdout.write(l + '\n'), log, now: Date.now });
  } finally {
    log.close();
  }
}

/**
 * The connectivity harness traders run first. Exit 0 when everything answered live; 3 when the
 * Gateway cannot be reached, refuses us or drops us; 1 when connected but a check failed
 * (no live market-data subscription, pacing, a request without answer).
 */
export async function gatewayCheck(settings: Settings, flags: GatewayCheckFlags, io: GatewayCheckIo): Promise<ExitCode> {
  const host = flags.host ?? settings.broker.host;
  const port = flags.port ?? settings.broker.port;
  const timeoutSeconds = flags.timeout ?? settings.broker.connect_timeout_seconds;
  const symbol = settings.symbols[0]!;
  const options = connectionOptions(settings.broker, () => false, {
    host,
    port,
    clientId: flags.clientId ?? settings.broker.client_id,
    connectTimeoutMs: timeoutSeconds * 1000,
    requestTimeoutMs: timeoutSeconds * 1000,
    autoReconnect: false,
  });
  const row = (label: string, value: string) => io.out(`  ${label.padEnd(16)} ${value}`);
  io.out(`IB Gateway ${host}:${port}, client id ${options.clientId}`);

  const conn = new IbConnection(options, io.log);
  let info;
  try {
    info = await conn.connect();
  } catch (e) {
    if (!(e instanceof IbConnectError)) throw e;
    io.out(pc.red(`  FAILED           ${diagnoseConnectFailure(e, host, port, timeoutSeconds)}`));
    return ExitCode.unreachable;
  }

  const problems: string[] = [];
  let lost = false;
  /** Runs one check; a failure becomes a diagnosed problem line instead of ending the report. */
  const check = async (label: string, body: () => Promise<string>) => {
    try {
      row(label, await body());
    } catch (e) {
      if (!(e instanceof IbRequestError)) throw e;
      const why = diagnoseRequestFailure(e, timeoutSeconds);
      if (e.code === IbCode.notConnected) lost = true;
      problems.push(`${label}: ${why}`);
      row(label, pc.red(`FAILED: ${why}`));
    }
  };

  try {
    const md = new IbMarketData(conn, io.log);
    row('server version', `${info.serverVersion} (connected ${info.connectionTime})`);
    if (info.clientId !== options.clientId) row('client id', `${info.clientId} (${options.clientId} is in use)`);
    const account = info.accounts[0];
    row('account', `${info.accounts.join(', ') || '(none announced)'} (${accountKind(port, account)})`);
    await check('net liquidation', async () => {
      const v = (await accountSummary(conn.session, ['NetLiquidation'])).get('NetLiquidation');
      return v ? `${Number(v.value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${v.currency}` : 'not reported';
    });
    await check(`${symbol} snapshot`, async () => {
      const q = await md.quote(symbol);
      if (!q) return 'no quote (market closed, or no data for this symbol)';
      return `bid ${q.bid} ask ${q.ask} last ${q.last} (${q.delayed ? 'DELAYED' : 'live'})`;
    });
    const delayed = md.delayedBecause;
    if (delayed) {
      const why =
        `no live market data for ${delayed.contract} (IB ${delayed.code}: ${delayed.message}). Subscribe to the data in Account Management ` +
        '→ Market Data Subscriptions and sign the API acknowledgement for market data; until then the bot runs on DELAYED quotes';
      problems.push(`market data: ${why}`);
      row('market data', pc.yellow(`DELAYED: ${why}`));
    }
    await check('1-minute bars', async () => {
      const now = io.now();
      const bars = await md.closedBars(symbol, now, { regularHoursOnly: false });
      const latest = bars.at(-1);
      return `${bars.length} in the last hour` + (latest ? ` (latest ${new Date(latest.ts).toISOString().slice(0, 16)}Z)` : ' (market closed?)');
    });
    await check('option chain', async () => {
      const chain = await md.optionChainParams(symbol);
      if (!chain || chain.expirations.length === 0) return `none listed for ${symbol} on SMART`;
      const strikes = chain.strikes;
      return (
        `${chain.expirations.length} expiries ${chain.expirations[0]} … ${chain.expirations.at(-1)}, ` +
        `${strikes.length} strikes ${strikes[0]}–${strikes.at(-1)} (${chain.exchange}, class ${chain.tradingClass}, ×${chain.multiplier})`
      );
    });
  } finally {
    conn.close();
  }

  if (lost) {
    io.out(pc.red(`gateway check: the Gateway dropped the connection during the check`));
    return ExitCode.unreachable;
  }
  if (problems.length) {
    io.out(pc.red(`gateway check: ${problems.length} problem${problems.length === 1 ? '' : 's'}`));
    return ExitCode.failure;
  }
  io.out(pc.green('gateway check: OK'));
  return ExitCode.ok;
}

function diagnoseRequestFailure(e: IbRequestError, timeoutSeconds: number): string {
  if (e.isPacing) return 'pacing violation (IB 162): too many historical requests in the last 10 minutes (IB allows 60); wait, then run again';
  if (e.code === IbCode.notConnected) return 'the Gateway dropped the connection';
  if (e.code === 0) return `no answer within ${timeoutSeconds} s (a slow or stuck Gateway; --timeout raises the limit)`;
  return `IB ${e.code}: ${e.message.replace(/^.*?IB \d+ /, '')}`;
}
