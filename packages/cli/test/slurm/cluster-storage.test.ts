import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/exit-codes.js";
import { clusterStorage } from "../../src/slurm/cluster-storage.js";

const dir = mkdtempSync(join(tmpdir(), "tunelab-cluster-storage-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("clusterStorage", () => {
  it("refuses memory with the reason, naming --storage", () => {
    for (const value of ["memory", " MEMORY "]) {
      let error: unknown;
      try {
        clusterStorage(value, "/home/me");
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(
        /^--storage: memory lives inside one process, and every array task is a process of its own on some node/,
      );
    }
  });

  it("makes a relative journal path absolute, against the directory of the submission", () => {
    const s = clusterStorage("journal:./hpo/study.log", "/home/me/project");
    expect(s.url).toBe("journal:/home/me/project/hpo/study.log");
    expect(s.parsed).toEqual({ kind: "journal", path: "/home/me/project/hpo/study.log" });
    expect(s.warnings).toEqual([]);
    expect(clusterStorage("journal:study.log", "/home/me").url).toBe("journal:/home/me/study.log");
    expect(clusterStorage("journal:/shared/study.log", "/home/me").url).toBe("journal:/shared/study.log");
  });

  it("reads a bare path to an existing file as a journal (as the CLI does)", () => {
    writeFileSync(join(dir, "existing.log"), "");
    expect(clusterStorage(join(dir, "existing.log"), "/elsewhere").url).toBe(`journal:${dir}/existing.log`);
  });

  it("warns that SQLite is for one machine, and makes its path absolute", () => {
    const s = clusterStorage("sqlite:study.db", "/home/me");
    expect(s.url).toBe("sqlite:/home/me/study.db");
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]).toMatch(/^--storage sqlite:\/home\/me\/study\.db: SQLite is for one machine/);
    // SQLAlchemy's form, as Optuna users write it
    expect(clusterStorage("sqlite:///rel.db", "/home/me").url).toBe("sqlite:/home/me/rel.db");
  });

  it("warns about a file under a directory private to each node", () => {
    for (const path of ["/tmp/study.log", "/dev/shm/study.log", "/var/tmp/x/study.log"]) {
      const s = clusterStorage(`journal:${path}`, "/home/me");
      expect(s.warnings).toHaveLength(1);
      expect(s.warnings[0]).toMatch(/is usually private to each node/);
    }
    expect(clusterStorage("journal:/tmpdata/study.log", "/").warnings).toEqual([]);
  });

  it("keeps server URLs as written, and warns about a loopback host", () => {
    const pg = "postgresql://me:secret@db.cluster:5432/hpo";
    expect(clusterStorage(pg, "/").url).toBe(pg);
    expect(clusterStorage(pg, "/").warnings).toEqual([]);
    const local = clusterStorage("redis://127.0.0.1:6379/0", "/");
    expect(local.url).toBe("redis://127.0.0.1:6379/0");
    expect(local.warnings[0]).toMatch(/the host 127\.0\.0\.1 is, for each task, the node the task runs on/);
    const pgLocal = clusterStorage("postgresql://me:secret@localhost/hpo", "/");
    expect(pgLocal.warnings[0]).toMatch(/localhost/);
    expect(pgLocal.warnings[0]).not.toContain("secret");
  });

  it("passes the CLI's URL errors through, naming --storage", () => {
    expect(() => clusterStorage("mysql://x/y", "/")).toThrow(/^--storage: /);
  });
});
