import type { ReportModel } from '../../src/report/model.js';
import { syntheticReports } from '../support/real-backtest.js';

/** Text that would run script or break the page if any of it reached the HTML unescaped. */
export const HOSTILE = `</script><script>globalThis.pwned=1</script><img src=x onerror="globalThis.pwned=2">'"&\u2028<!--`;

/** A real backtest of three synthetic sessions whose symbol, run id, settings, log and risk texts are then made hostile. */
export async function hostileModel(): Promise<ReportModel> {
  const [model] = await syntheticReports({ sessions: 3 }, () => {});
  const m = model!;
  const symbol = `SPY${HOSTILE}`;
  m.run.symbols = [symbol];
  for (const series of [m.bars, m.signals, m.riskDecisions, m.trades]) for (const x of series) x.symbol = symbol;
  m.run.settings = { note: HOSTILE, [HOSTILE]: 1 };
  m.run.runId = `run-${HOSTILE}`;
  m.logs.push({ ts: m.run.dataFrom, level: 'error', event: 'venue.error', msg: `broker said ${HOSTILE}`, fields: {} });
  m.riskDecisions.push({ ts: m.run.dataFrom, symbol, intentId: null, approved: false, kind: 'guard-halt', reason: HOSTILE });
  m.signals[0]!.reasons.push(HOSTILE);
  return m;
}
