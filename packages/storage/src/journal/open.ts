/** The one call that opens a journal file as a storage (what `journal:<path>` URLs resolve to). */
import { JournalFileBackend, type JournalFileBackendOptions } from "./file-backend.js";
import { JournalStorage } from "./journal-storage.js";

/** Options of {@link openJournalFileStorage}: the file backend's, and the clock (for trial datetimes and lock waits). */
export interface JournalFileStorageOptions extends JournalFileBackendOptions {}

/**
 * Opens (or creates) a journal file and replays it: a `Storage` that Python's Optuna can
 * share (`JournalStorage(JournalFileBackend(path))`).
 * @throws JournalFileError when the directory is missing, the file is not writable or not a
 *   journal; JournalCorruptLineError for a corrupt line in the middle.
 * @example
 * ```ts
 * const storage = await openJournalFileStorage("./study.log");
 * const study = await createStudy({ storage, studyName: "demo", loadIfExists: true, sampler });
 * ```
 */
export async function openJournalFileStorage(
  filePath: string,
  options: JournalFileStorageOptions = {},
): Promise<JournalStorage> {
  const backend = await JournalFileBackend.open(filePath, options);
  const storage = new JournalStorage(backend, options.clock === undefined ? {} : { clock: options.clock });
  try {
    await storage.load();
  } catch (e) {
    await storage.close();
    throw e;
  }
  return storage;
}
