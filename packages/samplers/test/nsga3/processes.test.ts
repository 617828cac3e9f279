/**
 * Two processes sharing one study through a journal file: NsgaIIISampler's generations, parents
 * and normalization memory (kept in trial system attributes) are read by both, so both breed
 * each generation from the parents stored for it, whichever process stored them.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { openJournalFileStorage } from "@tunelab/storage/journal";
import { createStudy, type FrozenTrial } from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { NSGA3_KEYS, type ParentsRecord } from "../../src/nsga3/index.js";
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

describe("NsgaIIISampler with two processes on a journal file", () => {
  it("shares generations, parents and the normalization memory", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nsga3-"));
    const file = path.join(dir, "study.log");
    const populationSize = 8;
    await Promise.all([0, 1].map((w) => run({ file, worker: w, seed: 5, nTrials: 40, populationSize })));
    const storage = await openJournalFileStorage(file);
    const study = await createStudy({
      storage,
      studyName: "shared",
      loadIfExists: true,
      directions: ["minimize", "minimize", "minimize"],
      sampler: new RandomSampler({ seed: 0 }),
    });
    const trials = study.getTrials();
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });

    expect(trials).toHaveLength(80);
    const gen = (t: FrozenTrial) => t.systemAttrs[NSGA3_KEYS.generation] as number;
    expect(trials.every((t) => typeof gen(t) === "number")).toBe(true);
    const maxGen = Math.max(...trials.map(gen));
    expect(maxGen).toBeGreaterThanOrEqual(4);
    const byNumber = new Map(trials.map((t) => [t.number, t]));
    const records = new Map<number, ParentsRecord[]>();
    for (const t of trials) {
      const r = t.systemAttrs[NSGA3_KEYS.parents] as unknown as ParentsRecord | undefined;
      if (r === undefined) continue;
      for (const k of r.trials) {
        expect(byNumber.get(k)!.state).toBe("COMPLETE");
        expect(gen(byNumber.get(k)!)).toBeLessThan(r.generation);
      }
      // The memory every process normalizes the next generation with.
      const state = r.state as { ideal: number[]; worst: number[]; extremes: number[] };
      expect(state.ideal).toHaveLength(3);
      expect(state.extremes).toHaveLength(9);
      for (let j = 0; j < 3; j++) expect(state.ideal[j]!).toBeLessThanOrEqual(state.worst[j]!);
      records.set(r.generation, [...(records.get(r.generation) ?? []), r]);
    }
    let mixed = 0;
    for (let g = 1; g <= maxGen; g++) {
      const children = trials.filter((t) => gen(t) === g);
      if (children.length === 0) continue;
      const recs = records.get(g) ?? [];
      expect(recs.length).toBeGreaterThanOrEqual(1);
      const parents = recs.flatMap((r) => r.trials.map((k) => byNumber.get(k)!));
      for (const c of children) {
        for (const [name, v] of Object.entries(c.params))
          expect(parents.some((p) => p.params[name] === v)).toBe(true);
      }
      if (new Set(children.map((c) => c.userAttrs.worker)).size === 2) mixed++;
    }
    expect(mixed).toBeGreaterThanOrEqual(1);
  });
});
