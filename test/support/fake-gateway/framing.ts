/**
 * TWS socket framing (API v100+): every message is a 4-byte big-endian length followed by
 * UTF-8 fields, each terminated by NUL. The client's first bytes are the special hello
 * `API\0` + length + "v100..193", which carries no field terminator.
 */

const HELLO_PREFIX = Buffer.from('API\0', 'latin1');

/** One message as fields, already split; the first field is the message id (except the hello). */
export type Fields = string[];

export type FieldValue = string | number | boolean | undefined | null;

/** Encodes fields into one framed message. Booleans become 1/0, missing values empty fields. */
export function frame(fields: readonly FieldValue[]): Buffer {
  const text = fields.map(fieldText).join('\0') + '\0';
  const body = Buffer.from(text, 'utf8');
  const out = Buffer.allocUnsafe(4 + body.length);
  out.writeUInt32BE(body.length, 0);
  body.copy(out, 4);
  return out;
}

export function fieldText(v: FieldValue): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

/** The client's version range from its hello, e.g. "v100..193" → {min: 100, max: 193}. */
export interface ClientHello {
  minVersion: number;
  maxVersion: number;
}

/**
 * Accumulates socket bytes and yields whole messages. The first item of a connection is the
 * hello; everything after is ordinary framed fields.
 */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);
  private helloSeen = false;

  push(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
  }

  /** The hello once complete, null while bytes are missing; throws on anything that is not a hello. */
  readHello(): ClientHello | null {
    if (this.helloSeen) throw new Error('hello already read');
    if (this.buf.length < 8) return null;
    if (!this.buf.subarray(0, 4).equals(HELLO_PREFIX)) throw new Error(`not a TWS API hello: ${JSON.stringify(this.buf.subarray(0, 8).toString('latin1'))}`);
    const len = this.buf.readUInt32BE(4);
    if (this.buf.length < 8 + len) return null;
    const text = this.buf.subarray(8, 8 + len).toString('utf8');
    this.buf = this.buf.subarray(8 + len);
    this.helloSeen = true;
    const m = /^v(\d+)(?:\.\.(\d+))?/.exec(text);
    if (!m) throw new Error(`unreadable version range in hello: ${JSON.stringify(text)}`);
    return { minVersion: Number(m[1]), maxVersion: Number(m[2] ?? m[1]) };
  }

  /** The next whole message's fields, or null until more bytes arrive. */
  readMessage(): Fields | null {
    if (this.buf.length < 4) return null;
    const len = this.buf.readUInt32BE(0);
    if (this.buf.length < 4 + len) return null;
    const text = this.buf.subarray(4, 4 + len).toString('utf8');
    this.buf = this.buf.subarray(4 + len);
    const fields = text.split('\0');
    if (fields.at(-1) !== '') throw new Error(`message without its final NUL: ${JSON.stringify(text)}`);
    return fields.slice(0, -1);
  }
}
