/**
 * The multi-process suite that PostgreSQL and the Redis journal both run: 8 worker processes
 * × 250 trials on one study (RandomSampler, then TpeSampler) give exactly 2,000 COMPLETE
 * trials numbered 0..1999 once each; a worker SIGKILLed in the middle of a trial leaves the
 * study readable, and the next worker goes on numbering after it.
 */
import { randomUUID } from "node:crypto";
import type { Storage } from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { runWorkers, startWorker } from "./run-workers.js";
import type { WorkerSpec } from "./worker.js";

/** How the suite reaches one backend. */
export interface MultiProcessTarget {
  /** Absolute URL (file://) of the module whose `openStorage(spec)` the workers call. */
  readonly opener: string;
  readonly url: string;
  /** A fresh namespace (schema, key prefix) for one test. */
  newNamespace(): string;
  /** Opens the storage in this process, to check what the workers wrote. */
  open(namespace: string): Promise<Storage>;
  /** Removes what a test wrote. */
  drop(namespace: string): Promise<void>;
}

const PROCESSES = 8;
const TRIALS = 250;

/** Registers the suite for one backend. */
export function multiProcessSuite(name: string, target: MultiProcessTarget): void {
  describe(`${name}: several processes on one study`, () => {
    const spec = (namespace: string, k: number, over: Partial<WorkerSpec>): WorkerSpec => ({
      opener: target.opener,
      url: target.url,
      namespace,
      studyName: "shared",
      sampler: "random",
      seed: 1000 + k,
      nTrials: TRIALS,
      ...over,
    });

    for (const sampler of ["random", "tpe"] as const) {
      it(`${PROCESSES} processes × ${TRIALS} trials with ${sampler === "tpe" ? "TpeSampler" : "RandomSampler"}: exactly ${PROCESSES * TRIALS} COMPLETE, numbers 0..${PROCESSES * TRIALS - 1} once each`, async () => {
        const namespace = target.newNamespace();
        try {
          await runWorkers(PROCESSES, (k) => spec(namespace, k, { sampler }));
          const storage = await target.open(namespace);
          try {
            const all = await storage.getAllStudies();
            expect(all.map((s) => s.studyName)).toEqual(["shared"]);
            const { trials } = await storage.getTrials(all[0]!.studyId);
            expect(trials.length).toBe(PROCESSES * TRIALS);
            expect(trials.filter((t) => t.state === "COMPLETE").length).toBe(PROCESSES * TRIALS);
            expect(trials.map((t) => t.number)).toEqual(
              Array.from({ length: PROCESSES * TRIALS }, (_, i) => i),
            );
            expect(new Set(trials.map((t) => t.trialId)).size).toBe(PROCESSES * TRIALS);
            for (const t of trials) expect(Object.keys(t.params).sort()).toEqual(["kind", "n", "x"]);
          } finally {
            await storage.close();
          }
        } finally {
          await target.drop(namespace);
        }
      }, 600_000);
    }

    it("a worker SIGKILLed mid-trial leaves the study readable; the next worker numbers on after it", async () => {
      const namespace = target.newNamespace();
      try {
        const doomed = startWorker(
          spec(namespace, 0, { nTrials: 20, hangAtTrial: 5, studyName: `killed-${randomUUID()}` }),
        );
        const studyName = (JSON.parse(doomed.child.spawnargs.at(-1)!) as WorkerSpec).studyName;
        await doomed.waitFor(/hanging 5/);
        doomed.child.kill("SIGKILL");
        expect((await doomed.exited).signal).toBe("SIGKILL");

        const storage = await target.open(namespace);
        try {
          const id = await storage.getStudyIdFromName(studyName);
          const before = (await storage.getTrials(id)).trials;
          expect(before.map((t) => [t.number, t.state])).toEqual([
            [0, "COMPLETE"],
            [1, "COMPLETE"],
            [2, "COMPLETE"],
            [3, "COMPLETE"],
            [4, "COMPLETE"],
            [5, "RUNNING"],
          ]);
          // What the killed worker had written of its trial is there.
          expect(Object.keys(before[5]!.params).sort()).toEqual(["kind", "n", "x"]);
          expect(before[5]!.intermediateValues.size).toBe(1);

          await runWorkers(1, (k) => spec(namespace, k + 1, { nTrials: 10, studyName }));
          const after = (await storage.getTrials(id)).trials;
          expect(after.map((t) => t.number)).toEqual(Array.from({ length: 16 }, (_, i) => i));
          expect(after.filter((t) => t.state === "COMPLETE").length).toBe(15);
          expect(after[5]!.state).toBe("RUNNING");
        } finally {
          await storage.close();
        }
      } finally {
        await target.drop(namespace);
      }
    }, 120_000);
  });
}
