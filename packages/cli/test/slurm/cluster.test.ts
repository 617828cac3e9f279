/**
 * `tunelab slurm submit` on a real SLURM cluster: the one-node cluster of
 * scripts/services/slurm.sh on this machine (`TUNELAB_TEST_SLURM_CONF`; skipped with the
 * reason when it is not set, failing under CI=true, where .ci/run starts the cluster).
 *
 * The jobs run the CLI from its TypeScript sources (node with the @tunelab/source condition
 * and tsx), so the tests need no build. Every wait is on a condition (a marker file, a
 * trial's state in the study, the queue), with a deadline that only bounds a hung run.
 */
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FAILED_TRIAL_KEY, type FrozenTrial, HEARTBEAT_KEY, lastHeartbeat } from "@tunelab/study";
import { loadStudy, RandomSampler } from "tunelab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serviceUrl } from "../../../storage/test/service-url.js";
import { shellJoin } from "../../src/slurm/shell-quote.js";
import { runCli } from "./cli.js";

const slurm = serviceUrl("TUNELAB_TEST_SLURM_CONF", "scripts/services/slurm.sh");

const BIN = fileURLToPath(new URL("../../src/bin.ts", import.meta.url));
const TSX = createRequire(import.meta.url).resolve("tsx");
/** How the jobs run tunelab: from the sources, as `npm run ts` does. */
const TUNELAB = shellJoin([process.execPath, "--conditions=@tunelab/source", "--import", TSX, BIN]);
const SPACE = JSON.stringify({ x: { name: "FloatDistribution", attributes: { low: 0, high: 1 } } });

/**
 * The objective of the tests, in sh. The first trial to run when `<dir>/hold` exists takes
 * `<dir>/held` and waits there until `<dir>/stop` appears (so it is mid-trial for as long as
 * the test needs), after writing its trial number, job, task and its worker's PID (its
 * parent) into `<dir>/held/`. Every other trial waits for `<dir>/go` (when `<dir>/hold`
 * exists), then prints its trial number as its value. Both waits also end when `<dir>` is
 * gone, so no objective outlives the test (the held one of a SIGKILLed worker escapes
 * SLURM's clean-up: without cgroups, a process whose parent died is no longer the job's).
 */
const OBJECTIVE = `#!/bin/sh
d=$1
if [ -e "$d/hold" ] && mkdir "$d/held" 2>/dev/null; then
  printf '%s\\n' "$TUNELAB_TRIAL_NUMBER" > "$d/held/number"
  printf '%s\\n' "$SLURM_ARRAY_JOB_ID" > "$d/held/job"
  printf '%s\\n' "$SLURM_ARRAY_TASK_ID" > "$d/held/task"
  printf '%s\\n' "$PPID" > "$d/held/worker"
  touch "$d/held/started"
  while [ ! -e "$d/stop" ] && [ -d "$d" ]; do sleep 0.1; done
  exit 1
fi
if [ -e "$d/hold" ]; then
  while [ ! -e "$d/go" ] && [ ! -e "$d/stop" ] && [ -d "$d" ]; do sleep 0.05; done
fi
echo "$TUNELAB_TRIAL_NUMBER"
`;

const root = mkdtempSync(join(tmpdir(), "tunelab-slurm-cluster-"));
const cleanups: (() => void)[] = [];

afterAll(() => {
  for (const c of cleanups.reverse()) c();
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(slurm.url === null)(
  "tunelab slurm submit on a SLURM cluster (scripts/services/slurm.sh)",
  { timeout: 600_000 },
  () => {
    const env = (): Record<string, string> => ({
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? root,
      SLURM_CONF: slurm.url ?? "",
      TUNELAB_LOG_LEVEL: "warn",
    });
    const slurmTool = (tool: string, args: string[]): string =>
      execFileSync(tool, args, { encoding: "utf8", env: env(), stdio: ["ignore", "pipe", "pipe"] });

    beforeAll(() => {
      // the cluster answers: its node is there
      expect(slurmTool("sinfo", ["-h", "-o", "%T"]).trim()).toMatch(/idle|mixed|allocated/);
    });

    /** A study in its own directory, with the objective script and the marker directory. */
    async function setUp(
      name: string,
    ): Promise<{ dir: string; storage: string; objective: string; marks: string }> {
      const dir = join(root, name);
      const marks = join(dir, "marks");
      mkdirSync(marks, { recursive: true });
      const objective = join(dir, "objective.sh");
      writeFileSync(objective, OBJECTIVE, { mode: 0o755 });
      const storage = `journal:${join(dir, "study.log")}`;
      const created = await runCli(["study", "create", "--storage", storage, "--study", name], env());
      expect(created.err).toBe("");
      expect(created.code).toBe(0);
      cleanups.push(() => writeFileSync(join(marks, "stop"), ""));
      return { dir, storage, objective, marks };
    }

    async function submit(
      dir: string,
      storage: string,
      study: string,
      args: readonly string[],
      command: readonly string[],
    ): Promise<string> {
      const r = await runCli(
        [
          "slurm",
          "submit",
          "--storage",
          storage,
          "--study",
          study,
          "--output",
          join(dir, "logs"),
          "--tunelab",
          TUNELAB,
          "--search-space",
          SPACE,
          ...args,
          "--",
          ...command,
        ],
        env(),
      );
      expect(r.code, r.err).toBe(0);
      const jobId = r.out.trim();
      expect(jobId).toMatch(/^\d+$/);
      cleanups.push(() => {
        try {
          slurmTool("scancel", [jobId]);
        } catch {
          // already gone
        }
      });
      return jobId;
    }

    /** The end of every log in `logs`, for failure messages. */
    function logText(logs: string): string {
      return existsSync(logs)
        ? readdirSync(logs)
            .map((f) => `--- ${f}\n${readFileSync(join(logs, f), "utf8").slice(-3000)}`)
            .join("\n")
        : "(no logs)";
    }

    /** Waits until `check` holds, polling; fails with `what` and the job's logs at the deadline. */
    async function waitFor(
      what: string,
      check: () => boolean | Promise<boolean>,
      logs: string,
      seconds = 240,
    ): Promise<void> {
      const deadline = Date.now() + seconds * 1000;
      while (!(await check())) {
        if (Date.now() > deadline) {
          throw new Error(`gave up waiting for ${what} after ${seconds} s; logs:\n${logText(logs)}`);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }

    const jobDone = (jobId: string) => (): boolean =>
      slurmTool("squeue", ["-h", "-j", jobId, "-t", "PD,R,CG,CF,S,RQ"]).trim() === "";

    async function trials(storage: string, study: string): Promise<FrozenTrial[]> {
      const s = await loadStudy({ storage, studyName: study, sampler: new RandomSampler() });
      try {
        return s.trials.slice();
      } finally {
        await s.storage.close();
      }
    }

    it("--array 0-3%2 --trials-per-task 5 on a journal study completes 20 trials numbered 0..19", async () => {
      const { dir, storage, objective, marks } = await setUp("twenty");
      const jobId = await submit(
        dir,
        storage,
        "twenty",
        ["--array", "0-3%2", "--trials-per-task", "5"],
        [objective, marks],
      );
      await waitFor(`job ${jobId} to leave the queue`, jobDone(jobId), join(dir, "logs"));

      const all = await trials(storage, "twenty");
      expect(all.map((t) => t.state)).toEqual(Array(20).fill("COMPLETE"));
      expect(all.map((t) => t.number).sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
      for (const t of all) expect(t.values).toEqual([t.number]);

      // each task ran, and logged where
      const logs = readdirSync(join(dir, "logs")).sort();
      expect(logs).toEqual([
        `tunelab-twenty-${jobId}.sbatch`,
        ...[0, 1, 2, 3].map((i) => `tunelab-twenty-${jobId}_${i}.out`),
      ]);
      for (const i of [0, 1, 2, 3]) {
        expect(readFileSync(join(dir, "logs", `tunelab-twenty-${jobId}_${i}.out`), "utf8")).toMatch(
          new RegExp(`^tunelab: task ${i} of job ${jobId} on `),
        );
      }

      // slurm status: the study and the array, from squeue on this cluster (no accounting)
      const st = await runCli(["slurm", "status", "--storage", storage, "--study", "twenty"], env());
      expect(st.code, st.err).toBe(0);
      expect(st.out).toContain(
        'study "twenty": 20 trial(s)\n  COMPLETE 20, PRUNED 0, FAIL 0, RUNNING 0, WAITING 0\n',
      );
      expect(st.out).toMatch(
        new RegExp(
          `job ${jobId} \\(array 0-3%2, 5 trial\\(s\\) per task, submitted [^)]+\\): 4 task\\(s\\), from squeue`,
        ),
      );
      expect(st.out).toContain("\n  COMPLETED 4\n");
    });

    it("a task cancelled with scancel mid-trial hands its trial back: FAIL, and a WAITING copy completed by another task", async () => {
      const { dir, storage, objective, marks } = await setUp("cancelled");
      writeFileSync(join(marks, "hold"), "");
      const jobId = await submit(
        dir,
        storage,
        "cancelled",
        ["--array", "0-2%2", "--trials-per-task", "2", "--heartbeat-interval", "1", "--grace-period", "2"],
        [objective, marks],
      );
      await waitFor(
        "the held trial to start",
        () => existsSync(join(marks, "held", "started")),
        join(dir, "logs"),
      );
      const held = Number(readFileSync(join(marks, "held", "number"), "utf8"));
      const task = readFileSync(join(marks, "held", "task"), "utf8").trim();
      // SLURM's own cancel: SIGTERM to every process of the task, SIGKILL KillWait later
      slurmTool("scancel", [`${jobId}_${task}`]);
      await waitFor(
        `trial ${held} to leave RUNNING`,
        async () => (await trials(storage, "cancelled")).find((t) => t.number === held)?.state !== "RUNNING",
        join(dir, "logs"),
      );
      writeFileSync(join(marks, "go"), "");
      await waitFor(`job ${jobId} to leave the queue`, jobDone(jobId), join(dir, "logs"));

      const all = await trials(storage, "cancelled");
      const first = all.find((t) => t.number === held);
      expect(first?.state).toBe("FAIL");
      const retries = all.filter((t) => t.systemAttrs[FAILED_TRIAL_KEY] === held);
      expect(
        retries.map((t) => t.state),
        `${JSON.stringify(first)}\n${logText(join(dir, "logs"))}`,
      ).toEqual(["COMPLETE"]);
      expect(retries[0]?.params).toEqual(first?.params);
      expect(all.filter((t) => t.state === "RUNNING" || t.state === "WAITING")).toEqual([]);
      // the two other tasks ran 2 trials each, the retry among them
      expect(all.filter((t) => t.state === "COMPLETE")).toHaveLength(4);
    });

    it("a task whose worker is SIGKILLed mid-trial (a lost node) leaves its trial to the heartbeat: FAIL and retried", async () => {
      const { dir, storage, objective, marks } = await setUp("killed");
      writeFileSync(join(marks, "hold"), "");
      const jobId = await submit(
        dir,
        storage,
        "killed",
        ["--array", "0-2%2", "--trials-per-task", "2", "--heartbeat-interval", "1", "--grace-period", "2"],
        [objective, marks],
      );
      await waitFor(
        "the held trial to start",
        () => existsSync(join(marks, "held", "started")),
        join(dir, "logs"),
      );
      const held = Number(readFileSync(join(marks, "held", "number"), "utf8"));
      const task = readFileSync(join(marks, "held", "task"), "utf8").trim();
      // the trial has beaten once: only such trials can go stale
      await waitFor(
        `trial ${held}'s first heartbeat`,
        async () =>
          (await trials(storage, "killed")).find((t) => t.number === held)?.systemAttrs[HEARTBEAT_KEY] !==
          undefined,
        join(dir, "logs"),
      );
      // SIGKILL to the worker, which cannot hand anything back, as when its node is lost.
      // (scancel --signal=KILL would not do: SLURM turns it into a cancel, SIGTERM first.)
      const worker = Number(readFileSync(join(marks, "held", "worker"), "utf8"));
      expect(readFileSync(`/proc/${worker}/comm`, "utf8").trim()).toBe("node");
      process.kill(worker, "SIGKILL");
      await waitFor(
        `task ${jobId}_${task} to end`,
        () => slurmTool("squeue", ["-h", "-j", `${jobId}_${task}`, "-t", "R,CG"]).trim() === "",
        join(dir, "logs"),
      );
      // wait until the trial's last beat is older than the grace period (2 s), with a margin
      await waitFor(
        `trial ${held}'s heartbeat to go stale`,
        async () => {
          const t = (await trials(storage, "killed")).find((x) => x.number === held);
          const beat = t === undefined ? null : lastHeartbeat(t);
          // (a task that started meanwhile may have failed it already)
          return t?.state !== "RUNNING" || (beat !== null && Date.now() - beat > 3000);
        },
        join(dir, "logs"),
      );
      // the other tasks go on: the next trial start fails the stale trial and enqueues it again
      writeFileSync(join(marks, "go"), "");
      await waitFor(`job ${jobId} to leave the queue`, jobDone(jobId), join(dir, "logs"));

      const all = await trials(storage, "killed");
      const first = all.find((t) => t.number === held);
      expect(first?.state).toBe("FAIL");
      expect(String(first?.systemAttrs.fail_reason)).toMatch(/heartbeat stopped/);
      const retries = all.filter((t) => t.systemAttrs[FAILED_TRIAL_KEY] === held);
      expect(
        retries.map((t) => t.state),
        `${JSON.stringify(first)}\n${logText(join(dir, "logs"))}`,
      ).toEqual(["COMPLETE"]);
      expect(retries[0]?.params).toEqual(first?.params);
      expect(all.filter((t) => t.state === "RUNNING" || t.state === "WAITING")).toEqual([]);
      // the killed task shows as such in the queue; the other two completed
      const states = slurmTool("squeue", ["-r", "-h", "-t", "all", "-j", jobId, "-o", "%K %T"]);
      expect(states).toMatch(new RegExp(`^${task} (FAILED|CANCELLED)$`, "m"));
    });
  },
);
