import { z } from 'zod';

/** A fraction such as 0.05 for 5 %; zero and one are allowed where the setting can mean "none" or "all". */
export const fraction = () =>
  z
    .number({ error: 'must be a number' })
    .min(0, { error: 'must be between 0 and 1' })
    .max(1, { error: 'must be between 0 and 1' });

/** A strictly positive fraction, for settings where 0 would silently disable a safety rule. */
export const positiveFraction = () =>
  z
    .number({ error: 'must be a number' })
    .gt(0, { error: 'must be between 0 and 1 (exclusive of 0)' })
    .max(1, { error: 'must be between 0 and 1 (exclusive of 0)' });

export const positiveInt = () =>
  z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).positive({ error: 'must be > 0' });

export const nonNegativeInt = () =>
  z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(0, { error: 'must be ≥ 0' });

export const nonNegative = () => z.number({ error: 'must be a number' }).min(0, { error: 'must be ≥ 0' });

/** Wall-clock time of day in America/New_York, "HH:MM". */
export const timeOfDay = () =>
  z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time of day "HH:MM" (America/New_York)' });

/**
 * A section object: unknown keys are errors and missing keys take their defaults. Every field of
 * a section has a default, so `{}` is a valid input; TypeScript cannot see that through the generic.
 */
export const section = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape).prefault({} as never);
