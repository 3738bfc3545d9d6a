import pc from 'picocolors';
import { ConfigError, formatIssue } from '../config/config-error.js';
import { CliError, ExitCode } from './exit-codes.js';

/** Runs a command body and turns errors into a message on stderr and the documented exit code. */
export async function runCommand(body: () => Promise<number | void> | number | void): Promise<void> {
  try {
    const code = await body();
    process.exitCode = code ?? ExitCode.ok;
  } catch (e) {
    process.exitCode = report(e);
  }
}

function report(e: unknown): number {
  if (e instanceof ConfigError) {
    process.stderr.write(pc.red(`Invalid settings (${e.issues.length} problem${e.issues.length === 1 ? '' : 's'}), nothing was run:\n`));
    for (const issue of e.issues) process.stderr.write(`  ${formatIssue(issue)}\n`);
    return ExitCode.badInput;
  }
  if (e instanceof CliError) {
    process.stderr.write(pc.red(`error: ${e.message}\n`));
    return e.exitCode;
  }
  process.stderr.write(pc.red(`unexpected error: ${(e as Error)?.stack ?? String(e)}\n`));
  return ExitCode.failure;
}
