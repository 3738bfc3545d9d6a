import { readRunState } from '../../runtime/run-state.js';
import { assessStatus, formatStatus } from '../../runtime/status.js';
import { CliError, ExitCode } from '../exit-codes.js';

/** `optbot status`: the bot's health from its state files; returns the monitoring exit code. */
export function status(stateDir: string, json: boolean, staleAfterS: number | undefined): number {
  const report = assessStatus(readRunState(stateDir), clockNow(), { staleAfterS });
  process.stdout.write(json ? JSON.stringify(report, null, 2) + '\n' : formatStatus(report));
  return report.exit_code;
}

function clockNow(): number {
  const fake = process.env.OPTBOT_NOW;
  if (fake === undefined || fake === '') return Date.now();
  const t = /^\d+$/.test(fake) ? Number(fake) : Date.parse(fake);
  if (Number.isNaN(t)) throw new CliError(`OPTBOT_NOW: not an ISO time or epoch ms: "${fake}"`, ExitCode.badInput);
  return t;
}
