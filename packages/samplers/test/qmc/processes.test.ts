/**
 * Two processes sharing one study through a journal file, each with its own QmcSampler (same
 * seed): trial i takes point i, so the two draw different points with no coordination.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { Sobol } from "@tunelab/math/qmc";
import { openJournalFileStorage } from "@tunelab/storage/journal";
import { createStudy } from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { RandomSampler } from "../../src/random/random.js";

const WORKER = fileURLToPath(new URL("./journal-worker.ts", import.meta.url));

function run(spec: object): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = ["--conditions=@tunelab/source", "--import", "tsx", WORKER, JSON.stringify(spec)];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr.setEncoding("utf8").on("data", (s: string) => {
      err += s;
    });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}: ${err}`))));
  });
}

describe("QmcSampler with two processes on a journal file", () => {
  it("gives trial i point i in both processes: distinct points, one sequence", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qmc-"));
    const file = path.join(dir, "study.log");
    await Promise.all([0, 1].map((w) => run({ file, worker: w, seed: 7, nTrials: 20 })));
    const storage = await openJournalFileStorage(file);
    const study = await createStudy({
      storage,
      studyName: "shared",
      loadIfExists: true,
      sampler: new RandomSampler({ seed: 0 }),
    });
    const trials = study.getTrials();
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });

    expect(trials).toHaveLength(40);
    expect(new Set(trials.map((t) => t.userAttrs.worker)).size).toBe(2);
    const sobol = new Sobol({ dimension: 4, scramble: true, seed: 7 });
    const onSequence = trials.filter((t) => {
      const u = sobol.point(t.number);
      return [0, 1, 2, 3].every((i) => t.params[`x${i}`] === u[i]);
    });
    // Only trials started before any trial finished (no space yet) may be off the sequence.
    expect(onSequence.length).toBeGreaterThanOrEqual(36);
    const workers = new Set(onSequence.map((t) => t.userAttrs.worker));
    expect(workers.size).toBe(2);
    const keys = new Set(trials.map((t) => JSON.stringify(t.params)));
    expect(keys.size).toBe(40);
  });
});
