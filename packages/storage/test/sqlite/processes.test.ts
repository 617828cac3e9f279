/**
 * Several processes on one SQLite database: the multi-process suite the server backends run
 * (8 processes × 250 trials with RandomSampler and with TpeSampler; a worker SIGKILLed
 * mid-trial), and a worker SIGKILLed inside a write transaction.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SqliteStorage } from "../../src/sqlite/index.js";
import { multiProcessSuite } from "../postgres/multi-process.js";
import { sqliteAddon } from "./addon.js";
import { freshDbPath } from "./tmp.js";

if (sqliteAddon()) {
  multiProcessSuite("SqliteStorage", {
    opener: new URL("./open-storage.ts", import.meta.url).href,
    url: "",
    newNamespace: () => freshDbPath(),
    open: (path) => SqliteStorage.open(path),
    drop: async (path) => {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
    },
  });

  describe("SqliteStorage: a process SIGKILLed while it holds the write lock", () => {
    it("its uncommitted change is gone, the lock is free, and the next write numbers on", async () => {
      const path = freshDbPath();
      const before = await SqliteStorage.open(path);
      const studyId = await before.createStudy(["minimize"], "kept");
      const t = await before.createTrial(studyId);
      await before.updateTrial(t.trialId, { state: "COMPLETE", values: [1] });
      await before.close();

      const child = spawn(
        process.execPath,
        [
          "--conditions=@tunelab/source",
          "--import",
          "tsx",
          fileURLToPath(new URL("./hold-lock-child.ts", import.meta.url)),
          path,
        ],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on("exit", (_, signal) => resolve(signal)),
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          if (chunk.toString().includes("holding")) resolve();
        });
        child.on("exit", (code) =>
          reject(new Error(`hold-lock-child.ts exited (${code}) before holding the lock`)),
        );
      });
      // While it holds the lock, a write waits, and past busyTimeout fails naming the file.
      const blocked = await SqliteStorage.open({ path, busyTimeout: 200 });
      try {
        await expect(blocked.createTrial(studyId)).rejects.toMatchObject({
          kind: "busy-timeout",
          message: expect.stringMatching(
            /other processes held the database's write lock .*busyTimeout 200 ms/,
          ),
        });
      } finally {
        await blocked.close();
      }
      child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");

      // A short busy timeout: a lock left behind would fail the write below instead of waiting.
      const after = await SqliteStorage.open({ path, busyTimeout: 2000 });
      try {
        const { trials } = await after.getTrials(studyId);
        expect(trials.map((x) => [x.number, x.state, x.values])).toEqual([[0, "COMPLETE", [1]]]);
        expect((await after.createTrial(studyId)).number).toBe(1);
      } finally {
        await after.close();
      }
    }, 60_000);
  });
}
