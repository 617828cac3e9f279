/** Network file systems: told by statfs's magic number, refused (or, when allowed, warned). */
import { setLogHandler } from "@tunelab/study";
import { afterEach, describe, expect, it } from "vitest";
import { classifyFileSystemType, fileSystemOf } from "../../src/sqlite/file-system.js";
import { SqliteStorageError } from "../../src/sqlite/index.js";
import { checkFileSystem } from "../../src/sqlite/open.js";

describe("classifyFileSystemType", () => {
  it("knows the network and cluster file systems by their magic numbers", () => {
    expect(classifyFileSystemType(0x6969)).toEqual({ kind: "network", name: "NFS" });
    expect(classifyFileSystemType(0xff534d42)).toEqual({ kind: "network", name: "CIFS" });
    expect(classifyFileSystemType(0xfe534d42)).toEqual({ kind: "network", name: "SMB2" });
    expect(classifyFileSystemType(0x0bd00bd0)).toEqual({ kind: "network", name: "Lustre" });
    expect(classifyFileSystemType(0x47504653).kind).toBe("network");
    expect(classifyFileSystemType(0x00c36400).name).toBe("CephFS");
  });

  it("reads a magic above 2^31 that came back sign-extended", () => {
    expect(classifyFileSystemType(0xff534d42 | 0)).toEqual({ kind: "network", name: "CIFS" });
  });

  it("is unsure of FUSE and 9p, and calls everything else local", () => {
    expect(classifyFileSystemType(0x65735546)).toEqual({ kind: "unsure", name: "FUSE" });
    expect(classifyFileSystemType(0x01021997).kind).toBe("unsure");
    expect(classifyFileSystemType(0xef53)).toEqual({ kind: "local", name: "0xef53" }); // ext4
    expect(classifyFileSystemType(0x01021994).kind).toBe("local"); // tmpfs
  });
});

describe("fileSystemOf", () => {
  it("asks statfs on Linux only, and gives up quietly when statfs fails", () => {
    expect(fileSystemOf("/x", () => 0x6969, "linux")).toEqual({ kind: "network", name: "NFS" });
    expect(fileSystemOf("/x", () => 0x6969, "darwin")).toEqual({ kind: "unchecked", name: "" });
    const fails = (): number => {
      throw new Error("ENOSYS");
    };
    expect(fileSystemOf("/x", fails, "linux")).toEqual({ kind: "unchecked", name: "" });
  });

  it("finds this machine's temporary directory local", () => {
    if (process.platform !== "linux") return;
    expect(fileSystemOf(process.cwd()).kind).not.toBe("network");
  });
});

describe("checkFileSystem", () => {
  const warnings: string[] = [];
  setLogHandler((level, message) => {
    if (level === "warn") warnings.push(message);
  });
  afterEach(() => {
    warnings.length = 0;
  });

  it("refuses a database on NFS, naming the file, the file system, what to use instead and the option", () => {
    let error: unknown;
    try {
      checkFileSystem("/mnt/shared/study.db", false, { kind: "network", name: "NFS" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SqliteStorageError);
    const e = error as SqliteStorageError;
    expect(e.kind).toBe("network-file-system");
    expect(e.path).toBe("/mnt/shared/study.db");
    expect(e.message).toMatch(/\/mnt\/shared\/study\.db is on a network file system \(NFS\)/);
    expect(e.message).toMatch(/#815/);
    expect(e.message).toMatch(/journal:.*PostgreSQL/);
    expect(e.message).toMatch(/allowNetworkFileSystem: true/);
  });

  it("opens it with a warning when allowed", () => {
    checkFileSystem("/mnt/shared/study.db", true, { kind: "network", name: "NFS" });
    expect(warnings).toEqual([expect.stringMatching(/network file system \(NFS\).*one machine only/)]);
  });

  it("warns on FUSE and 9p, and says nothing on a local disk or when unchecked", () => {
    checkFileSystem("/home/me/study.db", false, { kind: "unsure", name: "FUSE" });
    expect(warnings).toEqual([
      expect.stringMatching(/on a FUSE file system, which may be a network file system/),
    ]);
    warnings.length = 0;
    checkFileSystem("/home/me/study.db", false, { kind: "local", name: "0xef53" });
    checkFileSystem("/home/me/study.db", false, { kind: "unchecked", name: "" });
    expect(warnings).toEqual([]);
  });
});
