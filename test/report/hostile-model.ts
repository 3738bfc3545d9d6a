import type { ReportModel } from '../../src/report/model.js';
import { reportModelFromBars } from '../support/report-model.js';
import { syntheticBars } from '../support/spy-bars.js';

/** Text that would run script or break the page if any of it reached the HTML unescaped. */
export const HOSTILE = `</script><script>globalThis.pwned=1</script><img src=x onerror="globalThis.pwned=2">'"&\u2028<!--`;

/** A small synthetic run whose symbol, settings, log and risk texts are all hostile. */
export function hostileModel(): ReportModel {
  const symbol = `SPY${HOSTILE}`;
  const model = reportModelFromBars(syntheticBars(3), { symbol, dataSources: ['synthetic'] });
  model.run.settings = { note: HOSTILE, [HOSTILE]: 1 };
  model.run.runId = `run-${HOSTILE}`;
  model.logs.push({ ts: model.run.dataFrom, level: 'error', event: 'venue.error', msg: `broker said ${HOSTILE}`, fields: {} });
  model.riskDecisions.push({ ts: model.run.dataFrom, symbol, intentId: null, approved: false, kind: 'guard-halt', reason: HOSTILE });
  model.signals[0]!.reasons.push(HOSTILE);
  return model;
}
