/** The errors of the journal file: each names the file and says what to do. */
import { StorageError } from "@tunelab/study";

/**
 * A journal file that cannot be used: its directory is missing, it is not writable, it is
 * not a journal, it shrank under a reader.
 */
export class JournalFileError extends StorageError {
  override readonly name: string = "JournalFileError";
}

/** A line in the middle of a journal file that is not a journal record. */
export class JournalCorruptLineError extends StorageError {
  override readonly name: string = "JournalCorruptLineError";
  /**
   * @param path - the journal file.
   * @param lineNumber - the line, counted from 1.
   * @param reason - why the line is not a record.
   */
  constructor(
    readonly path: string,
    readonly lineNumber: number,
    readonly reason: string,
  ) {
    super(
      `journal file ${path}: line ${lineNumber} is not a journal record (${reason}); the lines after it were written later, so it is not a write in progress. ` +
        `Repair or delete that line, or open the journal with skipCorruptLines: true to skip it (Optuna cannot read the file until it is repaired).`,
    );
  }
}

/** The journal's lock was not obtained within the lock timeout. */
export class JournalLockTimeoutError extends StorageError {
  override readonly name: string = "JournalLockTimeoutError";
}
