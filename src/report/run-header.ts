import { stringify } from 'yaml';
import { escapeHtml } from './escape.js';
import type { RunMode, RunRecord } from '../journal/records.js';
import type { NyClock } from './ny-time.js';

export const MODE_LABELS: Record<RunMode, string> = {
  backtest: 'Backtest',
  simulation: 'Simulation',
  'live-dry-run': 'Live dry-run',
  live: 'LIVE',
};

const utcSecond = (t: number): string => `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

export const isSynthetic = (run: RunRecord): boolean => run.dataSources.some((s) => /synthetic/i.test(s));

/** Mode, symbols, data range and source (synthetic flagged loudly), code version, and the full settings. */
export function runHeader(run: RunRecord, clock: NyClock, heading = 'optbot run report'): string {
  const facts: [string, string][] = [
    ['Run', run.runId],
    ['Symbols', run.symbols.join(', ')],
    ['Instrument', run.instrument === 'option' ? 'options' : 'stock'],
    ['Data', `${clock.minute(run.dataFrom)} → ${clock.minute(run.dataTo)} (New York)`],
    ['Data source', run.dataSources.join(', ') || 'unknown'],
    ['Code version', run.codeVersion],
    ['Run time', `${utcSecond(run.startedAt)} → ${run.endedAt === null ? 'not ended' : utcSecond(run.endedAt)}`],
  ];
  const synthetic = isSynthetic(run)
    ? '<div class="synthetic" role="alert">⚠ SYNTHETIC DATA: these prices were generated, not traded. Nothing here says how the strategy does in a real market.</div>'
    : '';
  return `<header class="run">
${synthetic}<h1>${escapeHtml(heading)} <span class="badge ${escapeHtml(run.mode)}">${escapeHtml(MODE_LABELS[run.mode] ?? run.mode)}</span></h1>
<dl class="facts">${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
<details><summary>Settings</summary><pre>${escapeHtml(stringify(run.settings ?? null))}</pre></details>
</header>`;
}
