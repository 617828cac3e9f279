/**
 * Is a directory on a network file system? SQLite must not be used there: its file locks are
 * unreliable on NFS and SMB, and WAL mode keeps its index in shared memory (`<file>-shm`),
 * which processes on two machines cannot share, so two hosts writing one database corrupt it
 * (SQLite's "How To Corrupt An SQLite Database File", §2.1 and §6; Optuna issue #815, "SQLite
 * database corrupted on NFS"). An SQLite storage is for the processes of one machine, on its
 * local disk.
 *
 * How it is told, on Linux: `statfs(2)` on the directory returns the file system's magic
 * number (`f_type`, the `*_SUPER_MAGIC` constants of linux/magic.h and of the file systems'
 * own sources), which Node reads with `fs.statfsSync(dir).type`. The kernel reports the type
 * of the mounted file system itself, so the answer does not depend on mount options or
 * names. FUSE and 9p are reported as "unsure": under them may be a network file system
 * (sshfs, s3fs, JuiceFS, GlusterFS's client, a Windows drive in WSL) or a local one
 * (fuse-overlayfs in rootless containers). Other platforms are not checked (macOS's `f_type`
 * numbers are not Linux's), and neither are automounters that mount later.
 */
import { statfsSync } from "node:fs";

/** Linux file system magic numbers of network and cluster file systems. */
const NETWORK: ReadonlyMap<number, string> = new Map([
  [0x6969, "NFS"],
  [0x517b, "SMB"],
  [0xff534d42, "CIFS"],
  [0xfe534d42, "SMB2"],
  [0x5346414f, "AFS"],
  [0x6b414653, "kAFS"],
  [0x564c, "NCP"],
  [0x73757245, "Coda"],
  [0x00c36400, "CephFS"],
  [0x0bd00bd0, "Lustre"],
  [0x47504653, "GPFS (IBM Storage Scale)"],
  [0x19830326, "BeeGFS"],
  [0x7461636f, "OCFS2"],
  [0x01161970, "GFS2"],
]);

/** Magic numbers of file systems that may be local or remote. */
const UNSURE: ReadonlyMap<number, string> = new Map([
  [0x65735546, "FUSE"],
  [0x01021997, "9p (v9fs)"],
]);

/** What {@link fileSystemOf} found. */
export interface FileSystemVerdict {
  /** `"network"`: a known network or cluster file system; `"unsure"`: FUSE or 9p; `"local"`: anything else; `"unchecked"`: not Linux, or statfs failed. */
  readonly kind: "network" | "unsure" | "local" | "unchecked";
  /** The file system's name (e.g. "NFS"), or its magic number in hex; empty when unchecked. */
  readonly name: string;
}

/**
 * Classifies a Linux statfs magic number.
 * @example classifyFileSystemType(0x6969) // { kind: "network", name: "NFS" }
 */
export function classifyFileSystemType(type: number): FileSystemVerdict {
  // f_type is a C long: a magic above 2^31 may come back sign-extended on some platforms.
  const magic = type >>> 0;
  const network = NETWORK.get(magic);
  if (network !== undefined) return { kind: "network", name: network };
  const unsure = UNSURE.get(magic);
  if (unsure !== undefined) return { kind: "unsure", name: unsure };
  return { kind: "local", name: `0x${magic.toString(16)}` };
}

/**
 * The file system of `dir`, on Linux; `"unchecked"` elsewhere or when statfs fails.
 * @param statfs - reads the magic number of a directory. @defaultValue `fs.statfsSync(dir).type`
 * @param platform - @defaultValue process.platform
 */
export function fileSystemOf(
  dir: string,
  statfs: (dir: string) => number = (d) => statfsSync(d).type,
  platform: string = process.platform,
): FileSystemVerdict {
  if (platform !== "linux") return { kind: "unchecked", name: "" };
  let type: number;
  try {
    type = statfs(dir);
  } catch {
    return { kind: "unchecked", name: "" };
  }
  return classifyFileSystemType(type);
}
