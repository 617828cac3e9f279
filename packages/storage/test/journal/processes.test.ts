/**
 * Several processes on one journal file: the multi-process suite every persistent storage runs
 * (8 processes × 250 trials with RandomSampler and with TpeSampler, exactly 2,000 COMPLETE
 * trials numbered 0..1999 once each; a worker SIGKILLed mid-trial), where dropping the journal
 * first checks that every line of it is one record (no torn or interleaved lines); and a
 * worker SIGKILLed while it holds the journal's lock.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeJournalRecord, openJournalFileStorage } from "../../src/journal/index.js";
import { multiProcessSuite } from "../postgres/multi-process.js";
import { runWorkers } from "../postgres/run-workers.js";
import { tempDir } from "./tmp.js";

/** Throws unless every line of the journal is a complete record. */
function checkEveryLine(file: string): number {
  const text = fs.readFileSync(file, "utf8");
  expect(text.endsWith("\n")).toBe(true);
  const lines = text.slice(0, -1).split("\n");
  lines.forEach((l, i) => {
    try {
      decodeJournalRecord(l);
    } catch (e) {
      throw new Error(`line ${i + 1} of ${file} is not a record: ${(e as Error).message}`);
    }
  });
  return lines.length;
}

let n = 0;
const opener = new URL("./open-storage.ts", import.meta.url).href;
multiProcessSuite("JournalStorage (file)", {
  opener,
  url: "",
  newNamespace: () => path.join(tempDir(), `shared-${n++}.log`),
  open: (file) => openJournalFileStorage(file),
  drop: async (file) => {
    checkEveryLine(file);
    fs.rmSync(file, { force: true });
  },
});

describe("JournalStorage (file): a worker SIGKILLed while it holds the journal's lock", () => {
  it("the others go on once the stale lock's grace period has passed", async () => {
    const file = path.join(tempDir(), "stale.log");
    const storage = await openJournalFileStorage(file);
    await storage.createStudy(["minimize"], "shared");
    const holder = spawn(
      process.execPath,
      [
        "--conditions=@tunelab/source",
        "--import",
        "tsx",
        fileURLToPath(new URL("./hold-lock.ts", import.meta.url)),
        file,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.setEncoding("utf8").on("data", (s: string) => s.includes("locked") && resolve());
      holder.on("exit", (code) =>
        reject(new Error(`the lock holder exited (${code}) before taking the lock`)),
      );
    });
    holder.kill("SIGKILL");
    await new Promise((resolve) => holder.on("exit", resolve));
    expect(fs.lstatSync(`${file}.lock`).isSymbolicLink()).toBe(true); // left behind by the dead holder

    await runWorkers(3, (k) => ({
      opener,
      url: JSON.stringify({ lockGracePeriod: 1, lockTimeout: 30 }),
      namespace: file,
      studyName: "shared",
      sampler: "random",
      seed: k,
      nTrials: 20,
    }));
    const id = await storage.getStudyIdFromName("shared");
    const { trials } = await storage.getTrials(id);
    expect(trials.map((t) => t.number)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(trials.every((t) => t.state === "COMPLETE")).toBe(true);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
    checkEveryLine(file);
    await storage.close();
  }, 120_000);
});
