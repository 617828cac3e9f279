/**
 * tunelab and Python's Optuna on one journal in Redis, live: Debian's python3-optuna (3.1,
 * `JournalRedisStorage`, with python3-redis) and Optuna 5.0 (`JournalRedisBackend`, a venv).
 * A study written by tunelab alone reads in Optuna with identical params, values, states,
 * attributes and intermediate values, and the reverse (with Optuna's `<prefix>:snapshot`
 * present, and tunelab's records after it read by Optuna through that snapshot); a Python
 * worker and tunelab workers on one study at once all see all trials, numbered once each.
 * Without the server or a peer the suite is skipped with a one-line reason; under CI=true it
 * fails instead (../service-url.ts, ../peer.ts; Optuna 5.0 is optional where CI could not
 * install it).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { RandomSampler } from "@tunelab/samplers/random";
import {
  createFrozenTrial,
  createStudy,
  deleteStudy,
  floatDistribution,
  type Storage,
  TrialPruned,
} from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { decodeJournalRecord, JournalOperation, parsePythonJson } from "../../src/journal/index.js";
import { openRedisStorage } from "../../src/redis/index.js";
import { type DumpView, normalizeDump, storageView } from "../journal/optuna-view.js";
import { optuna5, optuna31, type PythonPeer } from "../peer.js";
import { runWorkers } from "../postgres/run-workers.js";
import { serviceUrl } from "../service-url.js";
import { dropPrefix, freshPrefix, withRedis } from "./fresh-prefix.js";

const SCRIPT = fileURLToPath(new URL("./optuna_worker.py", import.meta.url));
const OPENER = new URL("./open-storage.ts", import.meta.url).href;

/** Runs optuna_worker.py to its end; resolves its stdout. */
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

/** Every study under the prefix as Optuna reads it. */
async function optunaDump(peer: PythonPeer, url: string, prefix: string): Promise<DumpView> {
  return normalizeDump(parsePythonJson(await python(peer, ["dump", url, prefix])) as unknown as DumpView);
}

/** Every study under the prefix as tunelab reads it, from a storage opened for the purpose. */
async function tunelabView(url: string, prefix: string): Promise<DumpView> {
  const storage = await openRedisStorage(url, { prefix });
  try {
    return await storageView(storage);
  } finally {
    await storage.close();
  }
}

/** The journal's records in log order, read behind the backend's back. */
async function records(url: string, prefix: string) {
  return withRedis(url, async (c) => {
    const last = Number(await c.get(`${prefix}:log_number`));
    const keys = Array.from({ length: last + 1 }, (_, n) => `${prefix}:log:${n}`);
    return (await c.mGet(keys)).map((text) => decodeJournalRecord(text!));
  });
}

/** A study with every kind of content, written by tunelab alone. */
async function writeTunelabStudy(storage: Storage): Promise<void> {
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
}

/** Runs `test` on a fresh key prefix, deleted afterwards. */
async function onFreshPrefix(url: string, test: (prefix: string) => Promise<void>): Promise<void> {
  const prefix = freshPrefix();
  try {
    await test(prefix);
  } finally {
    await dropPrefix(url, prefix);
  }
}

const { url } = serviceUrl("TUNELAB_TEST_REDIS_URL", "scripts/services/redis.sh");

if (url !== null) {
  const peers = [
    optuna31({ redis: "apt-get install -y python3-redis (or bash scripts/services/redis.sh python-client)" }),
    optuna5({
      redis:
        "pip install --no-index --find-links /opt/pypi/files redis in that venv (a venv of /usr/bin/python3 made with --system-site-packages sees Debian's python3-redis)",
    }),
  ];
  for (const peer of peers) {
    describe.skipIf(peer.python === null)(`tunelab and ${peer.name} on one Redis journal`, () => {
      it("a study written by tunelab alone reads in Optuna with identical params, values, states, attrs and intermediate values", async () => {
        await onFreshPrefix(url, async (prefix) => {
          const storage = await openRedisStorage(url, { prefix });
          try {
            await writeTunelabStudy(storage);
          } finally {
            await storage.close();
          }
          const ours = await tunelabView(url, prefix);
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
          expect(ours.studies[0]!.trials[1]!.intermediate_values).toEqual({
            "0": Number.NaN,
            "1": expect.any(Number),
          });
          expect(await optunaDump(peer, url, prefix)).toEqual(ours);
        });
      }, 60_000);

      it("a study written by Optuna alone (with its snapshot key) reads in tunelab as Optuna reads it, and Optuna reads tunelab's records after its snapshot", async () => {
        await onFreshPrefix(url, async (prefix) => {
          await python(peer, ["write", url, prefix]);
          // Optuna saved a pickle of its replay state when it created trial 100; tunelab neither
          // reads nor writes it, and a Python reader starts from it.
          const snapshot = await withRedis(url, (c) => c.exists(`${prefix}:snapshot`));
          expect(snapshot).toBe(1);
          const theirs = await optunaDump(peer, url, prefix);
          expect(theirs.studies.map((s) => s.study_name)).toEqual(["reference", "multi", "bulk"]);
          expect(theirs.studies[0]!.trials.map((t) => t.state)).toEqual([
            "COMPLETE",
            "COMPLETE",
            "PRUNED",
            "FAIL",
            "COMPLETE",
            "WAITING",
            "COMPLETE",
          ]);
          expect(await tunelabView(url, prefix)).toEqual(theirs);

          // tunelab goes on with the study after the snapshot: it takes the WAITING trial
          // Optuna enqueued, runs another, adds an attribute and a study.
          const storage = await openRedisStorage(url, { prefix });
          try {
            const study = await createStudy({
              storage,
              studyName: "reference",
              loadIfExists: true,
              sampler: new RandomSampler({ seed: 9 }),
            });
            await study.setUserAttr("resumed by", "tunelab");
            await study.optimize(
              async (t) => {
                const x = t.suggestFloat("x", -5, 5);
                const c = t.suggestCategorical("c", ["adam", null, true, 1.5, 2]);
                await t.report(x, 0);
                return x * x + (c === "adam" ? 0 : 1);
              },
              { nTrials: 2 },
            );
            await createStudy({ storage, studyName: "later", sampler: new RandomSampler({ seed: 1 }) });
          } finally {
            await storage.close();
          }
          const ours = await tunelabView(url, prefix);
          const reference = ours.studies[0]!;
          expect(reference.trials.map((t) => t.state).slice(5)).toEqual(["COMPLETE", "COMPLETE", "COMPLETE"]);
          expect(reference.trials[5]!.params).toEqual({ x: 0.5, c: "adam" });
          expect(reference.trials[5]!.user_attrs).toEqual({ queued: true });
          expect(reference.user_attrs["resumed by"]).toBe("tunelab");
          expect(ours.studies.map((s) => s.study_name)).toEqual(["reference", "multi", "bulk", "later"]);
          expect(await optunaDump(peer, url, prefix)).toEqual(ours);
        });
      }, 120_000);

      it("a Python worker and tunelab workers on one study at once: all see all trials, numbered once each", async () => {
        await onFreshPrefix(url, async (prefix) => {
          const studyName = "shared";
          const storage = await openRedisStorage(url, { prefix });
          let seen: number;
          try {
            const study = await createStudy({
              storage,
              studyName,
              sampler: new RandomSampler({ seed: 5 }),
            });
            const startedBy = (worker: string): number =>
              study.getTrials().filter((t) => t.userAttrs.worker === worker).length;
            // This process's worker and the Python worker alternate strictly (each trial starts
            // once the other has started as many), so their records interleave in the journal
            // and each reads the other's between its own; two tunelab processes run freely
            // beside them.
            let mine = 0;
            const pingpong = study.optimize(
              async (t) => {
                for (const deadline = Date.now() + 60_000; ; ) {
                  await study.refresh();
                  if (startedBy("python") >= mine) break;
                  if (Date.now() > deadline) throw new Error("the Python worker stopped");
                  await new Promise((r) => setTimeout(r, 2));
                }
                mine++;
                t.setUserAttr("worker", "tunelab-pingpong");
                const x = t.suggestFloat("x", -10, 10);
                const n = t.suggestInt("n", 1, 8);
                const kind = t.suggestCategorical("kind", ["a", "b", "c"]);
                return x * x + n + (kind === "a" ? 0 : 1);
              },
              { nTrials: 40 },
            );
            const [pythonOut] = await Promise.all([
              python(peer, ["worker", url, prefix, studyName, "40", "7", "pingpong"]),
              runWorkers(2, (k) => ({
                opener: OPENER,
                url,
                namespace: prefix,
                studyName,
                sampler: "random",
                seed: 10 + k,
                nTrials: 40,
              })),
              pingpong,
            ]);
            seen = (JSON.parse(pythonOut) as { seen: number }).seen;
          } finally {
            await storage.close();
          }
          // Python's last look came after its own 40 trials and the 40 of the ping-pong worker.
          expect(seen).toBeGreaterThanOrEqual(80);
          const ours = await tunelabView(url, prefix);
          const trials = ours.studies[0]!.trials;
          expect(trials.map((t) => t.number)).toEqual(Array.from({ length: 160 }, (_, i) => i));
          expect(trials.every((t) => t.state === "COMPLETE")).toBe(true);
          for (const t of trials) expect(Object.keys(t.params).sort()).toEqual(["kind", "n", "x"]);
          // The attribute records of the two alternating workers, in log order.
          const order = (await records(url, prefix))
            .filter((r) => r.op_code === JournalOperation.SET_TRIAL_USER_ATTR)
            .map((r) => (r.user_attr as Record<string, unknown>).worker)
            .filter((w) => w === "python" || w === "tunelab-pingpong");
          expect(order).toEqual(
            Array.from({ length: 80 }, (_, i) => (i % 2 === 0 ? "tunelab-pingpong" : "python")),
          );
          expect(await optunaDump(peer, url, prefix)).toEqual(ours);
        });
      }, 300_000);
    });
  }
}
