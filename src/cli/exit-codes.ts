/** Exit codes scripts and monitoring can rely on. Documented in the README's CLI section. */
export const ExitCode = {
  ok: 0,
  /** The command ran and failed (a run error, a failed check). */
  failure: 1,
  /** Bad input: unknown option, invalid settings, unreadable or invalid file. Nothing was changed. */
  badInput: 2,
  /** The IB Gateway could not be reached or refused us. */
  unreachable: 3,
  /** Stopped by SIGINT/SIGTERM after a graceful shutdown. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error that ends the command with a specific exit code and a message meant for the user. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
