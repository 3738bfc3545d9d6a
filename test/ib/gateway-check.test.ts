import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../src/config/schema.js';
import { gatewayCheck } from '../../src/cli/actions/gateway.js';
import type { GatewayCheckFlags } from '../../src/cli/commands/gateway.js';
import type { Bar } from '../../src/core/bar.js';
import { optbot } from '../support/cli.js';
import { FakeGateway, type FakeGatewayOptions } from '../support/fake-gateway/fake-gateway.js';
import { testLogger } from './helpers.js';

const NOW = Date.UTC(2024, 3, 1, 15, 0, 30); // 11:00:30 New York
const MIN = 60_000;
const BARS: Bar[] = Array.from({ length: 61 }, (_, i) => ({ ts: NOW - 30_000 - (60 - i) * MIN, open: 520, high: 521, low: 519, close: 520.5, volume: 1000 }));
const FIXTURES: FakeGatewayOptions['fixtures'] = {
  now: () => NOW,
  bars: { SPY: BARS },
  quotes: { SPY: { bid: 520.1, ask: 520.12, last: 520.11, bidSize: 10, askSize: 12, volume: 123_456 } },
  accountSummary: { NetLiquidation: { value: '1234567.891', currency: 'USD' } },
  optionParams: { SPY: [{ exchange: 'SMART', tradingClass: 'SPY', multiplier: '100', expirations: ['20240405', '20240412'], strikes: [500, 510, 520, 530] }] },
};

let gateway: FakeGateway | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

async function run(flags: GatewayCheckFlags, tweak: (s: Settings) => void = () => {}) {
  const settings = defaultSettings();
  settings.broker.client_id_retries = 0;
  tweak(settings);
  const lines: string[] = [];
  const code = await gatewayCheck(settings, flags, { out: (l) => lines.push(plain(l)), log: testLogger().log, now: () => NOW });
  return { code, lines, text: lines.join('\n') };
}

const at = (g: FakeGateway): GatewayCheckFlags => ({ host: g.host, port: g.port, timeout: 2 });

describe('optbot gateway check', () => {
  it('reports version, account, net liquidation, a live snapshot, the last hour of bars and the chain; exit 0', async () => {
    gateway = await FakeGateway.start({ fixtures: FIXTURES });
    const { code, lines } = await run(at(gateway));
    expect(lines).toEqual([
      `IB Gateway 127.0.0.1:${gateway.port}, client id 101`,
      '  server version   193 (connected 20260101 12:00:00 US/Eastern)',
      '  account          DU1234567 (paper)',
      '  net liquidation  1,234,567.89 USD',
      '  SPY snapshot     bid 520.1 ask 520.12 last 520.11 (live)',
      '  1-minute bars    59 in the last hour (latest 2024-04-01T14:59Z)', // 10:01–10:59 New York: the 11:00 bar is still open
      '  option chain     2 expiries 2024-04-05 … 2024-04-12, 4 strikes 500–530 (SMART, class SPY, ×100)',
      'gateway check: OK',
    ]);
    expect(code).toBe(0);
  });

  it('a live account and a fallback client id are named', async () => {
    gateway = await FakeGateway.start({ fixtures: { ...FIXTURES, accounts: ['U7654321'] }, faults: { clientIdsInUse: [101] } });
    const { code, text } = await run(at(gateway));
    expect(text).toContain('  client id        102 (101 is in use)');
    expect(text).toContain('  account          U7654321 (live)');
    expect(code).toBe(0);
  });

  it('refused: exit 3 with where to look', async () => {
    gateway = await FakeGateway.start();
    const port = gateway.port;
    await gateway.stop();
    const { code, lines } = await run({ host: '127.0.0.1', port, timeout: 2 });
    expect(code).toBe(3);
    expect(lines[1]).toMatch(/FAILED +nothing accepts connections on 127\.0\.0\.1:\d+ \(connection refused\)\. Is IB Gateway running/);
    expect(lines[1]).toContain('4002 for paper and 4001 for live');
  });

  it('closed at the handshake: exit 3 with the trusted-IP hints', async () => {
    gateway = await FakeGateway.start({ faults: { closeOnHello: true } });
    const { code, text } = await run(at(gateway));
    expect(code).toBe(3);
    expect(text).toContain('the Gateway does not trust this client');
    expect(text).toContain('"Trusted IPs"');
    expect(text).toContain('"Allow connections from localhost only"');
  });

  it('no handshake within --timeout: exit 3, pointing at the API acceptance dialog', async () => {
    gateway = await FakeGateway.start({ faults: { silentHello: true } });
    const { code, text } = await run({ ...at(gateway), timeout: 1 });
    expect(code).toBe(3);
    expect(text).toContain('got no answer within 1 s');
    expect(text).toContain('accept the incoming API connection');
  });

  it('every client id in use (326): exit 3 naming the ids', async () => {
    gateway = await FakeGateway.start({ faults: { clientIdsInUse: [7, 102, 103, 104] } });
    const { code, text } = await run({ ...at(gateway), clientId: 7 });
    expect(code).toBe(3);
    expect(text).toContain('client ids 7, 102, 103, 104 are all in use (IB error 326): another application holds them. Close that application');
    expect(gateway.messages('START_API').map((m) => m.fields[1])).toEqual(['7', '102', '103', '104']);
  });

  it('no market-data subscription: delayed snapshot, a diagnosis and exit 1', async () => {
    gateway = await FakeGateway.start({ fixtures: FIXTURES, faults: { needsSubscription: { SPY: 10089 } } });
    const { code, text } = await run(at(gateway));
    expect(text).toContain('  SPY snapshot     bid 520.1 ask 520.12 last 520.11 (DELAYED)');
    expect(text).toMatch(/ {2}market data +DELAYED: no live market data for SPY \(IB 10089: Requested market data requires additional subscription/);
    expect(text).toContain('API acknowledgement');
    expect(text).toContain('gateway check: 1 problem');
    expect(code).toBe(1);
  });

  it('pacing violation on the bars: diagnosed, the other checks still run, exit 1', async () => {
    gateway = await FakeGateway.start({ fixtures: FIXTURES, faults: { pacingViolations: 1 } });
    const { code, text } = await run(at(gateway));
    expect(text).toContain('  1-minute bars    FAILED: pacing violation (IB 162)');
    expect(text).toContain('  option chain     2 expiries');
    expect(code).toBe(1);
  });

  it('the built CLI exits 3 when nothing listens', async () => {
    gateway = await FakeGateway.start();
    const port = gateway.port;
    await gateway.stop();
    const r = optbot(['gateway', 'check', '--port', String(port), '--timeout', '2']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('connection refused');
    expect(optbot(['gateway', 'check', '--port', 'x']).code).toBe(2);
  });
});
