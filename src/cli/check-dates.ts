import { CliError, ExitCode } from './exit-codes.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Each given `[--option, value]` must be a date YYYY-MM-DD (undefined: not given); otherwise a bad-input error naming it. */
export function checkDates(...options: readonly (readonly [name: string, value: string | undefined])[]): void {
  for (const [name, value] of options) {
    if (value !== undefined && !DATE.test(value)) throw new CliError(`${name} ${value}: expected a date YYYY-MM-DD`, ExitCode.badInput);
  }
}
