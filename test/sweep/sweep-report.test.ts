import { join } from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/schema.js';
import { openDatabase } from '../../src/duckdb/database.js';
import { unpackColumn, type PackedTable } from '../../src/report/pack.js';
import { buildSweepReport } from '../../src/report/sweep-report.js';
import { parseGrid } from '../../src/sweep/grid.js';
import { OBJECTIVES } from '../../src/sweep/objective.js';
import { startSweep } from '../../src/sweep/run-sweep.js';
import { SweepStore } from '../../src/sweep/sweep-store.js';
import type { WalkForwardSpec } from '../../src/sweep/walk-forward.js';
import { BarStore } from '../../src/venues/history/bar-store.js';
import { syntheticMinuteBars } from '../../src/venues/history/synthetic-sample.js';
import { tempDir } from '../support/tmp.js';
import { reportPayload } from '../report/report-text.js';

interface Payload {
  data: Record<string, PackedTable>;
  charts: { id: string; spec: TopLevelSpec; data: string[] }[];
}

const rowsOf = (t: PackedTable): Record<string, unknown>[] => {
  const cols = Object.entries(t.columns).map(([k, c]) => [k, unpackColumn(c)] as const);
  return Array.from({ length: t.length }, (_, i) => Object.fromEntries(cols.map(([k, v]) => [k, v[i]])));
};

/** The page's payload, and every chart rendered to SVG by vega in Node, as the page would embed it. */
async function render(html: string): Promise<{ payload: Payload; svg: Record<string, string> }> {
  const payload = reportPayload(html) as Payload;
  const svg: Record<string, string> = {};
  for (const chart of payload.charts) {
    const spec = { ...chart.spec, datasets: Object.fromEntries(chart.data.map((n) => [n, rowsOf(payload.data[n]!)])) } as TopLevelSpec;
    const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
    svg[chart.id] = await view.toSVG();
    view.finalize();
  }
  return { payload, svg };
}

describe('sweep report', () => {
  const dir = tempDir();
  const grid = parseGrid('risk.stop_loss_pct: [0.05, 0.1]\nrisk.take_profit_pct: [0.15, 0.3]\nstrategy.scalp.rsi_buy_max: [65, 75]\n', 'grid.yaml');

  async function sweep(name: string, walkForward?: WalkForwardSpec) {
    const db = await openDatabase(join(dir, `${name}.duckdb`));
    await (await BarStore.fromDatabase(db)).insertBars('SPY', '1m', 'synthetic', syntheticMinuteBars({ sessions: 9, seed: 4 }), 'keep');
    const base = defaultSettings();
    base.backtest.instrument = 'stock';
    await startSweep({ sweepId: name, base, grid, symbol: 'SPY', objective: 'sharpe', minTrades: 0, walkForward }, { db, workers: 2, codeVersion: 'test', now: () => 1_700_000_000_000 });
    const store = await SweepStore.open(db);
    const model = { summary: (await store.summary(name))!, results: await store.results(name), walkForward: await store.walkForward(name), top: 5 };
    db.close();
    return model;
  }

  it('shows the top variants, a heatmap per parameter pair and the sensitivity, all rendering', async () => {
    const model = await sweep('plain');
    const html = buildSweepReport(model);
    expect(buildSweepReport(model)).toBe(html); // deterministic
    expect(html).toContain('SYNTHETIC DATA');
    expect((html.match(/<tr><td class="num" data-v="\d+">/g) ?? []).length).toBe(5); // top 5
    const { payload, svg } = await render(html);
    expect(Object.keys(svg)).toEqual(['heatmap', 'sensitivity']);
    expect((svg.heatmap!.match(/<path/g) ?? []).length).toBeGreaterThanOrEqual(4); // the first pair's 2 × 2 cells
    expect(svg.sensitivity).toContain('risk.take_profit_pct');

    // A "mean" cell is the mean objective of the variants with those two values.
    const cells = rowsOf(payload.data.heatmap!);
    const pairs = new Set(cells.map((c) => c.pair));
    expect([...pairs]).toEqual(['risk.stop_loss_pct × risk.take_profit_pct', 'risk.stop_loss_pct × strategy.scalp.rsi_buy_max', 'risk.take_profit_pct × strategy.scalp.rsi_buy_max']);
    const cell = cells.find((c) => c.pair === 'risk.stop_loss_pct × risk.take_profit_pct' && c.mode === 'mean' && c.x === '0.1' && c.y === '0.3')!;
    const members = model.results.filter((r) => r.overrides['risk.stop_loss_pct'] === 0.1 && r.overrides['risk.take_profit_pct'] === 0.3);
    expect(members).toHaveLength(2);
    expect(cell.v).toBeCloseTo(members.reduce((s, r) => s + OBJECTIVES.sharpe(r.figures), 0) / 2, 5);
  });

  it('for walk-forward: the windows, in- and out-of-sample side by side, the gap and the out-of-sample equity', async () => {
    const model = await sweep('wf', { train: 4, test: 2, step: 2 });
    const html = buildSweepReport(model);
    expect(html).toContain('Walk-forward: 2 windows');
    expect(html).toMatch(/Out-of-sample Sharpe .* ratio <b>/);
    expect((html.match(/<table id="window-table"[\s\S]*?<\/table>/)![0].match(/<tr>/g) ?? []).length).toBe(3); // header + 2 windows
    const { svg } = await render(html);
    expect(Object.keys(svg)).toEqual(['heatmap', 'sensitivity', 'oos-equity']);
  });
});
