/**
 * tunelab and Python's Optuna on one journal file, live: Debian's python3-optuna (3.1) and
 * Optuna 5.0 (a venv). A study written by tunelab alone reads in Optuna with identical params,
 * values, states, attributes and intermediate values, and the reverse; a Python worker and
 * tunelab workers on one file both see all trials; the two lock implementations exclude each
 * other, and each breaks the other's stale lock. Without a peer the suite is skipped with a
 * one-line reason (and fails under CI=true for 3.1; see ../peer.ts).
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { RandomSampler } from "@tunelab/samplers/random";
import {
  type Clock,
  createFrozenTrial,
  createStudy,
  deleteStudy,
  floatDistribution,
  systemClock,
  TrialPruned,
} from "@tunelab/study";
import { describe, expect, it } from "vitest";
import {
  decodeJournalRecord,
  JournalFileBackend,
  JournalOperation,
  type JournalRecord,
  openJournalFileStorage,
} from "../../src/journal/index.js";
import { parsePythonJson } from "../../src/journal/python-json.js";
import { optuna5, optuna31, type PythonPeer } from "../peer.js";
import { runWorkers } from "../postgres/run-workers.js";
import { type DumpView, normalizeDump, storageView } from "./optuna-view.js";
import { tempDir } from "./tmp.js";

const SCRIPT = fileURLToPath(new URL("./fixtures/optuna_journal.py", import.meta.url));
const opener = new URL("./open-storage.ts", import.meta.url).href;

/** Runs the Python side to its end; resolves its stdout. */
function python(peer: PythonPeer, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(peer.python!, [SCRIPT, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => {
      out += c;
    });
    child.stderr.setEncoding("utf8").on("data", (c: string) => {
      err += c;
    });
    child.on("exit", (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${peer.name} ${args[0]} exited ${code}: ${err.slice(-2000)}`)),
    );
  });
}

async function optunaDump(peer: PythonPeer, file: string): Promise<DumpView> {
  return normalizeDump(parsePythonJson(await python(peer, ["dump", file])) as unknown as DumpView);
}

/** A Python process holding the journal's lock until `release()`. */
function pythonLockHolder(peer: PythonPeer, file: string, kind: "symlink" | "open") {
  const child: ChildProcess = spawn(peer.python!, [SCRIPT, "hold-lock", file, kind], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  const seen = (word: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (out.includes(word)) resolve();
      };
      child.stdout!.setEncoding("utf8").on("data", (c: string) => {
        out += c;
        check();
      });
      child.on("exit", (code) =>
        out.includes(word) ? resolve() : reject(new Error(`hold-lock exited ${code}`)),
      );
      check();
    });
  return {
    child,
    locked: seen("locked"),
    release: async (): Promise<void> => {
      child.stdin!.end();
      await seen("released");
    },
  };
}

/** The system clock, counting the sleeps taken on it (a lock waiter sleeps after each failed look). */
function countingClock(): Clock & { sleeps: number } {
  const clock = {
    sleeps: 0,
    now: () => systemClock.now(),
    yield: () => systemClock.yield(),
    setTimer: (ms: number, callback: () => void) => {
      clock.sleeps++;
      return systemClock.setTimer(ms, callback);
    },
  };
  return clock;
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
}

/** A study with every kind of content, written by tunelab alone. */
async function writeTunelabStudy(file: string): Promise<void> {
  const storage = await openJournalFileStorage(file);
  const study = await createStudy({
    storage,
    studyName: "reference",
    sampler: new RandomSampler({ seed: 3 }),
  });
  await study.setUserAttr("owner", { team: "hpo", tags: ["a", "é"], n: 3 });
  await study.setUserAttr("__proto__", -0);
  await study.optimize(
    async (t) => {
      const x = t.suggestFloat("x", -5, 5);
      const lr = t.suggestFloat("lr", 1e-5, 1e-1, { log: true });
      const q = t.suggestFloat("q", 0, 1, { step: 0.25 });
      const n = t.suggestInt("n", 1, 64, { log: true });
      const k = t.suggestInt("k", 0, 10, { step: 2 });
      const c = t.suggestCategorical("c", ["adam", null, true, 1.5, 2]);
      t.setUserAttr("constructor", { nested: [1, null, "x"] });
      await t.report(Number.NaN, 0);
      await t.report(x * x, 1);
      if (t.number === 2) throw new TrialPruned();
      if (t.number === 3) throw new Error("boom");
      return x * x + lr + q + n + k + (c === null ? 1 : 0);
    },
    { nTrials: 5, catch: true },
  );
  await study.enqueueTrial({ x: 0.5, c: "adam" });
  await study.addTrial(
    createFrozenTrial({
      state: "COMPLETE",
      value: Number.POSITIVE_INFINITY,
      params: { x: 0 },
      distributions: { x: floatDistribution(-5, 5) },
      intermediateValues: { 0: Number.NEGATIVE_INFINITY, 3: -0 },
    }),
  );
  const gone = await createStudy({ storage, studyName: "deleted", sampler: new RandomSampler({ seed: 1 }) });
  await gone.optimize((t) => t.suggestFloat("y", 0, 1), { nTrials: 2 });
  await deleteStudy({ studyName: "deleted", storage });
  const multi = await createStudy({
    storage,
    studyName: "multi",
    directions: ["minimize", "maximize"],
    sampler: new RandomSampler({ seed: 4 }),
  });
  await multi.optimize((t) => [t.suggestFloat("a", 0, 1), t.suggestInt("b", 0, 3)], { nTrials: 3 });
  await storage.close();
}

for (const peer of [optuna31(), optuna5()]) {
  describe.skipIf(peer.python === null)(`tunelab and ${peer.name} on one journal file`, () => {
    it("a study written by tunelab alone reads in Optuna with identical params, values, states, attrs and intermediate values", async () => {
      const file = path.join(tempDir(), "tunelab.log");
      await writeTunelabStudy(file);
      const storage = await openJournalFileStorage(file, { readOnly: true });
      const ours = await storageView(storage);
      await storage.close();
      expect(ours.studies.map((s) => s.study_name)).toEqual(["reference", "multi"]);
      expect(ours.studies[0]!.trials.map((t) => t.state)).toEqual([
        "COMPLETE",
        "COMPLETE",
        "PRUNED",
        "FAIL",
        "COMPLETE",
        "WAITING",
        "COMPLETE",
      ]);
      expect(await optunaDump(peer, file)).toEqual(ours);
    }, 60_000);

    it("a study written by Optuna alone reads in tunelab as Optuna reads it", async () => {
      const file = path.join(tempDir(), "optuna.log");
      await python(peer, ["write", file]);
      const storage = await openJournalFileStorage(file, { readOnly: true });
      expect(await storageView(storage)).toEqual(await optunaDump(peer, file));
      await storage.close();
    }, 60_000);

    it("a Python worker and tunelab workers on one study at once: all see all trials, numbered once each", async () => {
      const file = path.join(tempDir(), "mixed.log");
      const storage = await openJournalFileStorage(file);
      const study = await createStudy({
        storage,
        studyName: "shared",
        sampler: new RandomSampler({ seed: 5 }),
      });
      const startedBy = async (worker: string): Promise<number> =>
        study.getTrials().filter((t) => t.userAttrs.worker === worker).length;
      // This process's worker and the Python worker alternate strictly (each trial starts once
      // the other has started as many), so their records interleave in the file; two more
      // tunelab processes run freely beside them.
      let mine = 0;
      const pingpong = study.optimize(
        async (t) => {
          // This worker's trial j starts once Python has started j.
          for (const deadline = Date.now() + 60_000; ; ) {
            await study.refresh();
            if ((await startedBy("python")) >= mine) break;
            if (Date.now() > deadline) throw new Error("the Python worker stopped");
            await new Promise((r) => setTimeout(r, 2));
          }
          mine++;
          t.setUserAttr("worker", "tunelab-pingpong"); // written with the parameter, right after
          const x = t.suggestFloat("x", -10, 10);
          return x * x;
        },
        { nTrials: 50 },
      );
      const [pythonOut] = await Promise.all([
        python(peer, ["worker", file, "shared", "50", "7", "pingpong"]),
        runWorkers(2, (k) => ({
          opener,
          url: "",
          namespace: file,
          studyName: "shared",
          sampler: "random",
          seed: 10 + k,
          nTrials: 100,
        })),
        pingpong,
      ]);
      expect((JSON.parse(pythonOut) as { seen: number }).seen).toBeGreaterThanOrEqual(100);
      const ours = await storageView(storage);
      await storage.close();
      const trials = ours.studies[0]!.trials;
      expect(trials.map((t) => t.number)).toEqual(Array.from({ length: 300 }, (_, i) => i));
      expect(trials.every((t) => t.state === "COMPLETE")).toBe(true);
      // The attribute records of the two alternating workers, in the order they are in the file.
      const order = fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => decodeJournalRecord(l))
        .filter((r) => r.op_code === JournalOperation.SET_TRIAL_USER_ATTR)
        .map((r) => (r.user_attr as Record<string, unknown>).worker)
        .filter((w) => w === "python" || w === "tunelab-pingpong");
      expect(order).toEqual(
        Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? "tunelab-pingpong" : "python")),
      );
      expect(await optunaDump(peer, file)).toEqual(ours);
    }, 180_000);

    for (const kind of ["symlink", "open"] as const) {
      it(`a tunelab append waits while Optuna holds the lock (Optuna's ${kind} lock)`, async () => {
        const file = path.join(tempDir(), "locked.log");
        fs.writeFileSync(file, "");
        const holder = pythonLockHolder(peer, file, kind);
        await holder.locked;
        const clock = countingClock();
        const backend = await JournalFileBackend.open(file, { clock, lockGracePeriod: null });
        const record: JournalRecord = { op_code: 1, worker_id: "w", study_id: 0 };
        let appended = false;
        const append = backend.appendLogs([record]).then(() => {
          appended = true;
        });
        await until(() => clock.sleeps >= 5); // five failed looks at the lock, each followed by a sleep
        expect(appended).toBe(false);
        expect(fs.readFileSync(file, "utf8")).toBe("");
        await holder.release();
        await append;
        expect(fs.readFileSync(file, "utf8")).toBe('{"op_code":1,"worker_id":"w","study_id":0}\n');
      }, 60_000);
    }

    it("Optuna waits while a tunelab worker holds the lock", async () => {
      const file = path.join(tempDir(), "ours.log");
      fs.writeFileSync(file, "");
      const backend = await JournalFileBackend.open(file);
      const held = await backend.lock.acquire();
      const holder = pythonLockHolder(peer, file, "symlink");
      let pythonLocked = false;
      void holder.locked.then(() => {
        pythonLocked = true;
      });
      await new Promise((r) => setTimeout(r, 3000)); // Python starts (imports Optuna) and tries
      expect(pythonLocked).toBe(false);
      backend.lock.release(held);
      await holder.locked;
      await holder.release();
    }, 60_000);

    it("tunelab breaks the stale lock of a killed Python worker after the grace period", async () => {
      const file = path.join(tempDir(), "stale.log");
      fs.writeFileSync(file, "");
      const holder = pythonLockHolder(peer, file, "symlink");
      await holder.locked;
      holder.child.kill("SIGKILL");
      await new Promise((r) => holder.child.on("exit", r));
      expect(fs.lstatSync(`${file}.lock`).isSymbolicLink()).toBe(true);
      const backend = await JournalFileBackend.open(file, { lockGracePeriod: 0.5 });
      await backend.appendLogs([{ op_code: 1, worker_id: "w", study_id: 0 }]);
      expect(fs.readFileSync(file, "utf8")).toBe('{"op_code":1,"worker_id":"w","study_id":0}\n');
    }, 60_000);

    it.skipIf(peer.name !== "Optuna 5.0")(
      "Optuna 5.0 breaks the stale lock of a killed tunelab worker (its symlink resolves to the journal)",
      async () => {
        const file = path.join(tempDir(), "stale-ours.log");
        const setup = await openJournalFileStorage(file);
        await setup.createStudy(["minimize"], "shared");
        await setup.close();
        const dead = await JournalFileBackend.open(file);
        await dead.lock.acquire(); // and never released: its process "died"
        expect(fs.realpathSync(`${file}.lock`)).toBe(fs.realpathSync(file));
        await python(peer, ["worker", file, "shared", "3", "1", "1"]);
        const storage = await openJournalFileStorage(file, { readOnly: true });
        expect((await storage.getTrials(0)).trials.map((t) => t.state)).toEqual([
          "COMPLETE",
          "COMPLETE",
          "COMPLETE",
        ]);
        await storage.close();
      },
      60_000,
    );
  });
}
