import { JournalBuffer } from '../journal/journal-buffer.js';
import type { JournalWriter } from '../journal/journal-writer.js';
import { journalCounts, type JournalCounts } from './journal-counts.js';
import { journalTail, tailRows, type JournalTail } from './journal-tail.js';

/** Unflushed journal rows a state save may carry before the journal is flushed first (about half a session). */
const MAX_TAIL_ROWS = 1000;

/**
 * The journal side of a run loop's durability: flushes go to the database, and each state save
 * carries the rows written since the last flush, so a crash between flushes loses nothing. A long
 * tail would make every save slow, so it is flushed instead.
 */
export class JournalCheckpoint {
  /** Rows of each table the writer has flushed (all of them are in the buffer). */
  private flushed: JournalCounts;

  constructor(
    private readonly journal: JournalBuffer,
    private readonly writer: JournalWriter,
  ) {
    this.flushed = journalCounts(new JournalBuffer());
  }

  async flush(): Promise<void> {
    const counts = journalCounts(this.journal);
    await this.writer.flush();
    this.flushed = counts;
  }

  /** The rows a state save carries: everything written since the last flush. */
  async tail(): Promise<JournalTail> {
    let tail = journalTail(this.journal, this.flushed);
    if (tailRows(tail) > MAX_TAIL_ROWS) {
      await this.flush();
      tail = journalTail(this.journal, this.flushed);
    }
    return tail;
  }
}
