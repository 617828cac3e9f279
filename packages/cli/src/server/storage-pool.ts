/**
 * The storages a `tunelab server` keeps open between commands, one per storage URL. Keeping a
 * storage open is what the server is for: a journal is replayed once and then only its new
 * records at each command, a database keeps its connections, where a fresh `tunelab` process
 * pays for opening and replaying at every call.
 *
 * A file storage (journal, SQLite) is kept only while its file is the same file: before each
 * use the pool compares the path's device, inode, birth time and (for a journal) first bytes
 * with those it opened (see {@link FileIdentity}), so a study file
 * deleted or replaced by another process (a new `journal:` file under the old name) is
 * reopened, not read through a stale descriptor or a stale replay. A storage whose command
 * failed with anything but a command-line error is closed and forgotten, so the next
 * command opens it afresh.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { Storage } from "@tunelab/study";
import { openStorage } from "../options/open-storage.js";
import type { CliStorageUrl } from "../options/storage-url.js";

interface Entry {
  readonly storage: Storage;
  /** The file's identity when it was opened (journal and SQLite), else null. */
  readonly file: FileIdentity | null;
  lastUsed: number;
}

/**
 * What tells one file from another under the same path. The inode alone does not: a file
 * system reuses the inode of a deleted file at once (ext4 does, measured), so a journal
 * deleted and written anew often has its predecessor's inode. The birth time (where the
 * file system keeps one) and the first bytes (a journal's first record carries the random
 * worker id of the process that wrote it) tell them apart.
 */
interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
  readonly birthtimeMs: number;
  readonly head: string;
}

const HEAD_BYTES = 160;

/** The file behind a file URL, or null (servers, or a file that does not exist). */
function fileIdentity(url: CliStorageUrl): FileIdentity | null {
  if (url.kind !== "journal" && url.kind !== "sqlite") return null;
  const st = statSync(url.path, { throwIfNoEntry: false });
  if (st === undefined) return null;
  let head = "";
  if (url.kind === "journal") {
    const buf = Buffer.alloc(HEAD_BYTES);
    let fd: number | null = null;
    try {
      fd = openSync(url.path, "r");
      head = buf.toString("latin1", 0, readSync(fd, buf, 0, HEAD_BYTES, 0));
    } catch {
      head = "";
    } finally {
      if (fd !== null) closeSync(fd);
    }
  }
  return { dev: st.dev, ino: st.ino, birthtimeMs: st.birthtimeMs, head };
}

/** True when `now` is the file `then` was; a journal that was empty then only has to start with nothing. */
function sameFile(then: FileIdentity, now: FileIdentity): boolean {
  return (
    then.dev === now.dev &&
    then.ino === now.ino &&
    then.birthtimeMs === now.birthtimeMs &&
    now.head.startsWith(then.head)
  );
}

/** Storages kept open by URL (see the module comment). */
export class StoragePool {
  private readonly entries = new Map<string, Entry>();

  /**
   * @param now - milliseconds, for the idle bookkeeping. @defaultValue Date.now
   */
  constructor(private readonly now: () => number = Date.now) {}

  /** A file URL with its path made absolute (the server serves clients in many directories). */
  static absolute(url: CliStorageUrl): CliStorageUrl {
    return url.kind === "journal" || url.kind === "sqlite" ? { ...url, path: resolve(url.path) } : url;
  }

  /**
   * The open storage of `url` (a file URL's path must be absolute), opening it when it is not
   * open or its file changed.
   * @throws what opening the storage throws.
   */
  async get(url: CliStorageUrl): Promise<Storage> {
    const key = JSON.stringify(url);
    const file = fileIdentity(url);
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      const same = entry.file === null ? file === null : file !== null && sameFile(entry.file, file);
      if (same) {
        entry.lastUsed = this.now();
        return entry.storage;
      }
      this.entries.delete(key);
      await entry.storage.close().catch(() => undefined);
    }
    const storage = await openStorage(url);
    // The identity read after opening: opening creates a journal file that did not exist.
    this.entries.set(key, { storage, file: fileIdentity(url), lastUsed: this.now() });
    return storage;
  }

  /** Closes and forgets `storage` (its command failed in a way that may have left it unusable). */
  async evict(storage: Storage): Promise<void> {
    for (const [key, entry] of this.entries) {
      if (entry.storage === storage) {
        this.entries.delete(key);
        await entry.storage.close().catch(() => undefined);
      }
    }
  }

  /** How many storages are open. */
  get size(): number {
    return this.entries.size;
  }

  /** Closes every storage. */
  async closeAll(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((e) => e.storage.close().catch(() => undefined)));
  }
}
