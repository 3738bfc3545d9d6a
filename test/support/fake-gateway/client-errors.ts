import { EventName, type IBApi } from '@stoqey/ib';
import { afterEach, expect } from 'vitest';

/** IB's code for a message the client could not decode ("Underrun error", "unprocessed data left"). */
export const DECODE_ERROR = 505;

export interface ClientError {
  code: number;
  message: string;
  reqId: number;
}

/**
 * Collects the errors a client saw. `failOnDecodeErrors()` makes any 505 fail the test that
 * caused it: the fake gateway sent a message the real decoder does not accept.
 */
export class ClientErrors {
  readonly all: ClientError[] = [];

  add(e: ClientError): void {
    this.all.push(e);
  }

  /** Listens to a raw IBApi's `error` events. */
  attach(api: IBApi): this {
    api.on(EventName.error, (err: Error, code: number, reqId: number) => this.add({ code, message: err.message, reqId }));
    return this;
  }

  codes(): number[] {
    return this.all.map((e) => e.code);
  }

  assertNoDecodeErrors(): void {
    const bad = this.all.filter((e) => e.code === DECODE_ERROR);
    expect(bad, `the client could not decode a message of the fake gateway:\n${bad.map((e) => e.message).join('\n')}`).toEqual([]);
  }

  clear(): void {
    this.all.length = 0;
  }
}

/** A collector checked after each test of the calling file: any 505 fails that test. */
export function failOnDecodeErrors(): ClientErrors {
  const errors = new ClientErrors();
  afterEach(() => {
    try {
      errors.assertNoDecodeErrors();
    } finally {
      errors.clear();
    }
  });
  return errors;
}
