import { describe, expect, it } from 'vitest';
import { ConfigError, formatIssue } from '../../src/config/config-error.js';
import { defaultSettings } from '../../src/config/schema.js';
import { parseGrid, rangeValues } from '../../src/sweep/grid.js';
import { prepareVariants } from '../../src/sweep/variant-settings.js';
import { expandGrid, gridSize } from '../../src/sweep/variants.js';

/** The problems of a ConfigError `fn` must throw, as the CLI prints them. */
function problems(fn: () => unknown): string[] {
  let error: unknown = null;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).issues.map(formatIssue);
}

describe('grid files', () => {
  it('ranges give exact decimal values, to included', () => {
    expect(rangeValues(0.05, 0.25, 0.05)).toEqual([0.05, 0.1, 0.15, 0.2, 0.25]);
    expect(rangeValues(0.1, 0.3, 0.1)).toEqual([0.1, 0.2, 0.3]);
    expect(rangeValues(60, 75, 5)).toEqual([60, 65, 70, 75]);
    expect(rangeValues(1, 2, 0.4)).toEqual([1, 1.4, 1.8]);
    expect(rangeValues(0.001, 0.003, 0.0005)).toEqual([0.001, 0.0015, 0.002, 0.0025, 0.003]);
  });

  it('expands to the exact full product, first parameter slowest', () => {
    const grid = parseGrid('risk.stop_loss_pct: {from: 0.05, to: 0.15, step: 0.05}\nstrategy.scalp.rsi_buy_max: [65, 70]\n', 'g.yaml');
    expect(grid.parameters.map((p) => [p.path, p.values, p.where])).toEqual([
      ['risk.stop_loss_pct', [0.05, 0.1, 0.15], 'g.yaml:1'],
      ['strategy.scalp.rsi_buy_max', [65, 70], 'g.yaml:2'],
    ]);
    const variants = expandGrid(grid.parameters);
    expect(variants).toEqual([
      { id: 0, overrides: { 'risk.stop_loss_pct': 0.05, 'strategy.scalp.rsi_buy_max': 65 } },
      { id: 1, overrides: { 'risk.stop_loss_pct': 0.05, 'strategy.scalp.rsi_buy_max': 70 } },
      { id: 2, overrides: { 'risk.stop_loss_pct': 0.1, 'strategy.scalp.rsi_buy_max': 65 } },
      { id: 3, overrides: { 'risk.stop_loss_pct': 0.1, 'strategy.scalp.rsi_buy_max': 70 } },
      { id: 4, overrides: { 'risk.stop_loss_pct': 0.15, 'strategy.scalp.rsi_buy_max': 65 } },
      { id: 5, overrides: { 'risk.stop_loss_pct': 0.15, 'strategy.scalp.rsi_buy_max': 70 } },
    ]);
    const settings = prepareVariants(defaultSettings(), grid, variants);
    expect(settings[3]!.settings.risk.stop_loss_pct).toBe(0.1);
    expect(settings[3]!.settings.strategy.scalp.rsi_buy_max).toBe(70);
    expect(settings[3]!.settings.risk.take_profit_pct).toBe(0.2); // the rest is the base
  });

  it('random sampling: distinct points of the grid, the same for a seed, others for another seed', () => {
    const grid = parseGrid('a.x: {from: 1, to: 20, step: 1}\na.y: {from: 0.01, to: 0.5, step: 0.01}\na.z: [p, q, r]\n', 'g.yaml');
    expect(gridSize(grid.parameters)).toBe(3000);
    const a = expandGrid(grid.parameters, { random: 50, seed: 7 });
    expect(a).toHaveLength(50);
    expect(new Set(a.map((v) => v.id)).size).toBe(50);
    expect(a.map((v) => v.id)).toEqual([...a.map((v) => v.id)].sort((x, y) => x - y));
    const full = expandGrid(grid.parameters);
    for (const v of a) expect(full[v.id]).toEqual(v);
    expect(expandGrid(grid.parameters, { random: 50, seed: 7 })).toEqual(a);
    expect(expandGrid(grid.parameters, { random: 50, seed: 8 }).map((v) => v.id)).not.toEqual(a.map((v) => v.id));
    expect(expandGrid(grid.parameters, { random: 5000, seed: 7 })).toEqual(full);
  });

  it('malformed grids fail with the file and line of every problem', () => {
    const text = ['risk.stop_loss_pct: []', 'Risk.x: [1]', 'risk.take_profit_pct: {from: 0.3, to: 0.1, step: 0.1}', 'strategy.scalp: [1]', 'strategy.scalp.ema_fast: 5', 'risk.max_open_positions: {from: 1, to: 3}'].join('\n');
    expect(problems(() => parseGrid(text, 'g.yaml'))).toEqual([
      'g.yaml:1 risk.stop_loss_pct: an empty list sweeps nothing',
      'g.yaml:2 Risk.x: a grid key is a dotted setting path such as strategy.scalp.rsi_buy_max',
      'g.yaml:3 risk.take_profit_pct: to (0.1) is below from (0.3)',
      'g.yaml:5 strategy.scalp.ema_fast: overlaps strategy.scalp: sweep a setting or its section, not both',
      'g.yaml:6 risk.max_open_positions: a range is {from, to, step}',
    ]);
    expect(problems(() => parseGrid('a: [1, 2\n', 'g.yaml'))[0]).toMatch(/^g\.yaml:\d+: invalid YAML/);
    expect(problems(() => parseGrid('', 'g.yaml'))).toEqual(['g.yaml: a grid is a mapping of setting paths to lists or {from, to, step} ranges, e.g. risk.stop_loss_pct: [0.1, 0.15]']);
  });

  it('variants the settings schema refuses fail before anything runs, at the grid line, naming a variant', () => {
    const grid = parseGrid(
      ['risk.stop_loss_pct: [0.1, 1.5]', 'strategy.scalp.rsi_sell_min: [30, 80]', 'risk.take_proft_pct: [0.2]', 'strategy.whale.bar_minutes: [5, 7]'].join('\n'),
      'grids/bad.yaml',
    );
    const issues = problems(() => prepareVariants(defaultSettings(), grid, expandGrid(grid.parameters)));
    expect(issues).toContain(
      'grids/bad.yaml:1 risk.stop_loss_pct: must be between 0 and 1 (exclusive of 0), e.g. in variant 4 (risk.stop_loss_pct=1.5, strategy.scalp.rsi_sell_min=30, risk.take_proft_pct=0.2, strategy.whale.bar_minutes=5) and 3 more',
    );
    expect(issues.some((i) => i.startsWith('grids/bad.yaml:2 strategy.scalp.rsi_sell_min: must be below rsi_buy_max (70)'))).toBe(true);
    expect(issues.some((i) => i.startsWith('grids/bad.yaml:3 risk.take_proft_pct: unknown setting (check the spelling)'))).toBe(true);
    expect(issues.some((i) => i.startsWith('grids/bad.yaml:4 strategy.whale.bar_minutes: must be 5, 10, 15 or 30'))).toBe(true);
    // A setting a backtest never reads is refused: every variant would be the same backtest.
    const inert = parseGrid('data.store_path: [a.duckdb, b.duckdb]\n', 'g.yaml');
    expect(problems(() => prepareVariants(defaultSettings(), inert, expandGrid(inert.parameters)))).toEqual([
      'g.yaml:1 data.store_path: a backtest does not read this setting: sweeping it changes nothing',
    ]);
  });
});
