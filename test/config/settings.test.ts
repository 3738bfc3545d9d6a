import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, formatIssue } from '../../src/config/config-error.js';
import { DEFAULT_CONFIG_PATH, loadSettings, parseSettingsText } from '../../src/config/load-settings.js';
import { accountKind, describeTarget, orderMode } from '../../src/config/order-mode.js';
import { defaultSettings } from '../../src/config/schema.js';
import { tempDir } from '../support/tmp.js';

/** Every problem message of a failing load, formatted as the CLI prints it. */
function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.issues.map(formatIssue);
    throw e;
  }
  throw new Error('expected a ConfigError, but the settings loaded');
}

describe('defaults', () => {
  it('match the bot of today', () => {
    const s = defaultSettings();
    expect(s.broker).toMatchObject({ host: '127.0.0.1', port: 4002, client_id: 101 });
    expect(s.dry_run).toBe(true);
    expect(s.symbols).toEqual(['SPY']);
    expect(s.schedule).toMatchObject({ interval_seconds: 300, max_concurrent_symbols: 1, regular_hours_only: true });
    expect(s.risk).toMatchObject({ max_risk_pct_per_trade: 0.01, max_daily_loss_pct: 0.05, take_profit_pct: 0.2, stop_loss_pct: 0.1 });
    expect(s.options).toMatchObject({ expiry: 'weekly', moneyness: 'atm', max_spread_pct: 0.1, min_volume: 10 });
  });

  it('configs/settings.yaml spells out exactly the schema defaults', () => {
    const file = parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8'));
    expect(file).toEqual(defaultSettings());
  });

  it('an empty file gives the defaults', () => {
    expect(parseSettingsText('', 'empty.yaml')).toEqual(defaultSettings());
  });
});

const BAD_CONFIGS: { name: string; yaml: string; expect: string[] }[] = [
  { name: 'wrong type', yaml: 'risk:\n  stop_loss_pct: ten\n', expect: ['x.yaml:2 risk.stop_loss_pct: must be a number'] },
  { name: 'percentage above 1', yaml: 'risk:\n  stop_loss_pct: 15\n', expect: ['x.yaml:2 risk.stop_loss_pct: must be between 0 and 1'] },
  { name: 'negative percentage', yaml: 'options:\n  max_spread_pct: -0.1\n', expect: ['x.yaml:2 options.max_spread_pct: must be between 0 and 1'] },
  { name: 'zero stop loss', yaml: 'risk:\n  stop_loss_pct: 0\n', expect: ['x.yaml:2 risk.stop_loss_pct: must be between 0 and 1'] },
  { name: 'unknown top-level key', yaml: 'dry_runn: true\n', expect: ['x.yaml:1 dry_runn: unknown setting'] },
  { name: 'unknown nested key', yaml: 'risk:\n  take_proft_pct: 0.2\n', expect: ['x.yaml:2 risk.take_proft_pct: unknown setting'] },
  { name: 'bad enum', yaml: 'options:\n  expiry: monthly\n', expect: ['x.yaml:2 options.expiry: must be "weekly" or "0dte"'] },
  { name: 'bad port', yaml: 'broker:\n  port: 70000\n', expect: ['x.yaml:2 broker.port: must be a TCP port'] },
  { name: 'fractional interval', yaml: 'schedule:\n  interval_seconds: 7\n', expect: ['x.yaml:2 schedule.interval_seconds: must be whole minutes dividing a day evenly'] },
  { name: 'lower-case symbol', yaml: 'symbols: [spy]\n', expect: ['x.yaml:1 symbols.0: must be an upper-case ticker'] },
  { name: 'section as scalar', yaml: 'risk: 5\n', expect: ['x.yaml:1 risk:'] },
  { name: 'malformed YAML', yaml: 'risk:\n  stop_loss_pct: [0.1\n', expect: ['x.yaml:', 'invalid YAML'] },
  { name: 'duplicate key', yaml: 'dry_run: true\ndry_run: false\n', expect: ['x.yaml:2', 'invalid YAML'] },
  { name: 'not a mapping', yaml: '- a\n- b\n', expect: ['x.yaml: must be a mapping'] },
  {
    name: 'several problems at once',
    yaml: 'risk:\n  stop_loss_pct: 2\n  take_profit_pct: -1\nfoo: 1\n',
    expect: ['x.yaml:2 risk.stop_loss_pct', 'x.yaml:3 risk.take_profit_pct', 'x.yaml:4 foo: unknown setting'],
  },
];

describe('invalid settings fail with the YAML path and line', () => {
  it.each(BAD_CONFIGS)('$name', ({ yaml, expect: expected }) => {
    const text = problems(() => parseSettingsText(yaml, 'x.yaml')).join('\n');
    for (const fragment of expected) expect(text).toContain(fragment);
  });
});

describe('real orders need dry_run: false and --place-orders', () => {
  const dir = tempDir();
  const live = join(dir, 'live.yaml');
  writeFileSync(live, '# live account\nbroker:\n  port: 4001\ndry_run: false\n');

  it('a live port with dry_run false and no flag is refused, naming the line', () => {
    const [msg] = problems(() => loadSettings({ file: live, live: { placeOrders: false } }));
    expect(msg).toContain(`${live}:4 dry_run: false would send real orders to a LIVE account (port 4001)`);
    expect(msg).toContain('--place-orders');
  });

  it('with the flag the same file resolves to sending orders', () => {
    const { settings } = loadSettings({ file: live, live: { placeOrders: true } });
    expect(orderMode(settings, true)).toBe('send');
    expect(describeTarget(settings, true)).toContain('REAL ORDERS to a LIVE account');
  });

  it('offline commands accept the file and never send', () => {
    const { settings } = loadSettings({ file: live });
    expect(orderMode(settings, false)).toBe('dry-run');
  });

  it('the flag alone does not send while dry_run is true', () => {
    const settings = defaultSettings();
    expect(orderMode(settings, true)).toBe('dry-run');
    expect(describeTarget(settings, true)).toContain('dry-run');
  });

  it('dry_run false given by --set is refused the same way', () => {
    const [msg] = problems(() => loadSettings({ file: live, set: ['dry_run=false', 'broker.port=4002'], live: { placeOrders: false } }));
    expect(msg).toContain('--set dry_run: false would send real orders to a PAPER account (port 4002)');
  });

  it('tells paper from live by account id first, then by port', () => {
    expect(accountKind(4001, 'DU1234567')).toBe('paper');
    expect(accountKind(4002, 'U7654321')).toBe('live');
    expect(accountKind(4001)).toBe('live');
    expect(accountKind(7497)).toBe('paper');
    expect(accountKind(5000)).toBe('unknown');
  });
});

describe('--set overrides', () => {
  const dir = tempDir();
  const file = join(dir, 'base.yaml');
  writeFileSync(file, 'risk:\n  stop_loss_pct: 0.12\n');

  it('override file values and defaults, typed by YAML', () => {
    const { settings } = loadSettings({
      file,
      set: ['risk.stop_loss_pct=0.15', 'symbols=[SPY, QQQ]', 'risk.flatten_on_halt=false', 'broker.host=gw.local'],
    });
    expect(settings.risk.stop_loss_pct).toBe(0.15);
    expect(settings.symbols).toEqual(['SPY', 'QQQ']);
    expect(settings.risk.flatten_on_halt).toBe(false);
    expect(settings.broker.host).toBe('gw.local');
  });

  it('the last override of a path wins', () => {
    const { settings } = loadSettings({ file, set: ['risk.stop_loss_pct=0.15', 'risk.stop_loss_pct=0.2'] });
    expect(settings.risk.stop_loss_pct).toBe(0.2);
  });

  it('are validated and blamed on the --set', () => {
    expect(problems(() => loadSettings({ file, set: ['risk.stop_loss_pct=1.5'] }))).toEqual([
      '--set risk.stop_loss_pct: must be between 0 and 1 (exclusive of 0)',
    ]);
    expect(problems(() => loadSettings({ file, set: ['risk.stop_los_pct=0.1'] }))).toEqual([
      '--set risk.stop_los_pct: unknown setting (check the spelling)',
    ]);
  });

  it('reject text that is not PATH=VALUE', () => {
    expect(problems(() => loadSettings({ file, set: ['risk.stop_loss_pct'] }))[0]).toContain('is not PATH=VALUE');
    expect(problems(() => loadSettings({ file, set: ['Risk.Stop=1'] }))[0]).toContain('is not PATH=VALUE');
  });

  it('a missing file is a clear error', () => {
    expect(problems(() => loadSettings({ file: join(dir, 'nope.yaml') }))[0]).toContain('nope.yaml: cannot read: ENOENT');
  });
});
