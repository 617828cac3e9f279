/**
 * MemoryJournalBackend: a journal kept in an array of encoded lines, in one process. It is
 * the smallest correct {@link JournalBackend} (appends are atomic because JavaScript runs
 * one append at a time), for tests of the journal core and as the reference a new backend is
 * compared with. Records go through the text codec as in a file, so what it returns is what
 * a file would.
 */
import type { JournalBackend, JournalRecord } from "./backend.js";
import { decodeJournalRecord, encodeJournalRecord } from "./codec.js";

/**
 * A journal in memory.
 * @example
 * ```ts
 * const storage = new JournalStorage(new MemoryJournalBackend());
 * ```
 */
export class MemoryJournalBackend implements JournalBackend {
  private readonly lines: string[] = [];

  /** The journal as the lines a file would hold (without newlines). */
  get text(): readonly string[] {
    return this.lines;
  }

  async readLogs(fromLogNumber: number): Promise<readonly JournalRecord[]> {
    if (!Number.isSafeInteger(fromLogNumber) || fromLogNumber < 0) {
      throw new RangeError(
        `MemoryJournalBackend.readLogs: fromLogNumber must be an integer >= 0, got ${fromLogNumber}`,
      );
    }
    return this.lines.slice(fromLogNumber).map(decodeJournalRecord);
  }

  async appendLogs(records: readonly JournalRecord[]): Promise<void> {
    const encoded = records.map(encodeJournalRecord);
    this.lines.push(...encoded);
  }

  async close(): Promise<void> {}
}
