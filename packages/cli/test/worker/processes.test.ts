/**
 * `tunelab worker` as a process: SIGTERM mid-trial, a worker killed with SIGKILL (heartbeats),
 * and `--processes`. The worker runs from its TypeScript sources (tsx) as a child process.
 */
import { getKey } from "@tunelab/study/records";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  isAlive,
  readTrials,
  runCli,
  spawnCli,
  testEnv,
  type Workspace,
  waitForFile,
  workspace,
} from "./harness.js";

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.cleanup());

const RANDOM = ["--sampler", "RandomSampler", "--sampler-kwargs", '{"seed": 5}', "--pruner", "NopPruner"];

/** A command that writes its pid to `<dir>/running-<trial>.pid`, then sleeps (its shell waits). */
function sleeper(seconds: number): string[] {
  return [
    "--",
    "sh",
    "-c",
    `echo $$ > ${ws.dir}/running-$TUNELAB_TRIAL_NUMBER.pid; sleep ${seconds} & wait; echo 1`,
  ];
}

describe("tunelab worker: SIGTERM mid-trial (SLURM's pre-emption and time limit)", () => {
  it("stops the command's process group, stores the trial as FAIL, enqueues its params again, exits 143", async () => {
    const w = spawnCli(["worker", ...ws.target(), "--n-trials", "3", ...RANDOM, ...sleeper(300)]);
    const pid = Number(await waitForFile(`${ws.dir}/running-0.pid`));
    w.child.kill("SIGTERM");
    const r = await w.exit;
    expect(r.code).toBe(143);
    expect(r.stderr).toMatch(
      /^tunelab: worker: stopped by SIGTERM; trial 0 is FAIL and its parameters were enqueued again as a WAITING trial$/m,
    );
    expect(isAlive(pid)).toBe(false);
    const trials = await readTrials(ws.file);
    expect(trials.map((t) => t.state)).toEqual(["FAIL", "WAITING"]);
    const [failed, retry] = trials as [(typeof trials)[0], (typeof trials)[0]];
    expect(String(getKey(failed.systemAttrs, "fail_reason"))).toMatch(
      /^interrupted \(WorkerInterrupted: tunelab worker received SIGTERM\): CommandTrialError: the command was stopped \(tunelab worker received SIGTERM\): its process group got SIGTERM$/,
    );
    expect(retry.params).toEqual(failed.params);
    expect(getKey(retry.systemAttrs, "failed_trial")).toBe(0);
    expect(getKey(retry.systemAttrs, "retry_history")).toEqual([0]);

    // The next worker runs the handed-back params first.
    const next = await runCli([
      "worker",
      ...ws.target(),
      "--n-trials",
      "1",
      ...RANDOM,
      "--",
      "sh",
      "-c",
      "echo 2",
    ]);
    expect(next.code).toBe(0);
    const after = await readTrials(ws.file);
    expect(after.map((t) => t.state)).toEqual(["FAIL", "COMPLETE"]);
    expect(after[1]?.params).toEqual(failed.params);
  });

  it("a command killed by SIGTERM just before the worker gets it (scancel signals both) is handed back too", async () => {
    // Trial 0's command kills itself with SIGTERM; the worker gets its own SIGTERM about
    // 100 ms later, after it has seen the command die (the order scancel can produce).
    const script = `if [ "$TUNELAB_TRIAL_NUMBER" = 0 ]; then echo $$ > ${ws.dir}/dying.pid; kill -TERM $$; fi; echo 1`;
    const w = spawnCli(["worker", ...ws.target(), "--n-trials", "3", ...RANDOM, "--", "sh", "-c", script]);
    await waitForFile(`${ws.dir}/dying.pid`);
    await new Promise((r) => setTimeout(r, 100));
    w.child.kill("SIGTERM");
    const r = await w.exit;
    expect(r.code).toBe(143);
    expect(r.stderr).toMatch(
      /^tunelab: worker: stopped by SIGTERM; trial 0 is FAIL and its parameters were enqueued again as a WAITING trial$/m,
    );
    const trials = await readTrials(ws.file);
    expect(trials.map((t) => t.state)).toEqual(["FAIL", "WAITING"]);
    const [failed, retry] = trials as [(typeof trials)[0], (typeof trials)[0]];
    expect(String(getKey(failed.systemAttrs, "fail_reason"))).toMatch(/the command was killed by SIGTERM/);
    expect(retry.params).toEqual(failed.params);
    expect(getKey(retry.systemAttrs, "failed_trial")).toBe(0);
  });

  it("--on-interrupt fail leaves the trial FAIL and enqueues nothing; SIGINT exits 130", async () => {
    const w = spawnCli(["worker", ...ws.target(), "--on-interrupt", "fail", ...RANDOM, ...sleeper(300)]);
    const pid = Number(await waitForFile(`${ws.dir}/running-0.pid`));
    w.child.kill("SIGINT");
    const r = await w.exit;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(
      /^tunelab: worker: stopped by SIGINT; trial 0 is FAIL \(--on-interrupt fail\)$/m,
    );
    expect(isAlive(pid)).toBe(false);
    expect((await readTrials(ws.file)).map((t) => t.state)).toEqual(["FAIL"]);
  });

  it("--persistent: SIGTERM stops the persistent process and hands the trial back as well", async () => {
    const script = `echo $$ > ${ws.dir}/running-0.pid; while read line; do sleep 300 & wait; done`;
    const w = spawnCli(["worker", ...ws.target(), "--persistent", ...RANDOM, "--", "sh", "-c", script]);
    const pid = Number(await waitForFile(`${ws.dir}/running-0.pid`));
    w.child.kill("SIGTERM");
    expect((await w.exit).code).toBe(143);
    expect(isAlive(pid)).toBe(false);
    expect((await readTrials(ws.file)).map((t) => t.state)).toEqual(["FAIL", "WAITING"]);
  });
});

describe("tunelab worker: a worker killed with SIGKILL (scancel --signal=KILL, a node failure)", () => {
  it("another worker fails its RUNNING trial once the heartbeat's grace period passed, and runs its params again", async () => {
    const beat = ["--heartbeat-interval", "0.2", "--grace-period", "1"];
    const w = spawnCli(["worker", ...ws.target(), ...beat, ...RANDOM, ...sleeper(300)]);
    const pid = Number(await waitForFile(`${ws.dir}/running-0.pid`));
    w.child.kill("SIGKILL");
    await w.exit;
    process.kill(-pid, "SIGKILL"); // its command dies with the node
    expect((await readTrials(ws.file)).map((t) => t.state)).toEqual(["RUNNING"]);
    // More than the grace period after the last beat, the next worker to start a trial fails
    // the stale one (RetryFailedTrialCallback enqueues it again) and runs that retry first.
    await new Promise((r) => setTimeout(r, 1500));
    const next = await runCli([
      "worker",
      ...ws.target(),
      ...beat,
      "--n-trials",
      "1",
      ...RANDOM,
      "--",
      "sh",
      "-c",
      "echo 3",
    ]);
    expect(next.code).toBe(0);
    const trials = await readTrials(ws.file);
    expect(trials.map((t) => t.state)).toEqual(["FAIL", "COMPLETE"]);
    expect(String(getKey(trials[0]!.systemAttrs, "fail_reason"))).toMatch(/^its heartbeat stopped/);
    expect(getKey(trials[1]!.systemAttrs, "failed_trial")).toBe(0);
    expect(trials[1]?.params).toEqual(trials[0]?.params);
  });
});

describe("tunelab worker --processes", () => {
  it("--processes 3 runs three workers on the study: --n-trials each, every trial number once", async () => {
    const w = spawnCli(
      [
        "worker",
        ...ws.target(),
        "--processes",
        "3",
        "--n-trials",
        "4",
        ...RANDOM,
        "--",
        "sh",
        "-c",
        'echo "pid $PPID index $TUNELAB_WORKER_INDEX"; echo "$TUNELAB_TRIAL_NUMBER"',
      ],
      testEnv(),
    );
    const r = await w.exit;
    expect(r.stderr).toMatch(
      /^tunelab worker: 3 processes: 12 trials done \(12 complete, 0 pruned, 0 failed\)/m,
    );
    expect(r.code).toBe(0);
    const trials = await readTrials(ws.file);
    expect(trials.map((t) => t.number)).toEqual([...Array(12).keys()]);
    expect(trials.every((t) => t.state === "COMPLETE" && t.values?.[0] === t.number)).toBe(true);
    // Three worker processes ran the commands (each command's parent is its worker), each
    // with its index in TUNELAB_WORKER_INDEX.
    const workers = new Set(r.stdout.split("\n").filter((l) => l.startsWith("pid ")));
    expect(workers.size).toBe(3);
    expect(new Set([...workers].map((l) => l.split(" index ")[1]))).toEqual(new Set(["0", "1", "2"]));
  });

  it("SIGTERM to the parent reaches every worker: no trial is left RUNNING", async () => {
    const w = spawnCli(["worker", ...ws.target(), "--processes", "2", ...RANDOM, ...sleeper(300)]);
    await waitForFile(`${ws.dir}/running-0.pid`);
    await waitForFile(`${ws.dir}/running-1.pid`);
    w.child.kill("SIGTERM");
    const r = await w.exit;
    expect(r.code).toBe(143);
    const trials = await readTrials(ws.file);
    expect(trials.filter((t) => t.state === "RUNNING")).toEqual([]);
    expect(trials.filter((t) => t.state === "FAIL")).toHaveLength(2);
    expect(trials.filter((t) => t.state === "WAITING")).toHaveLength(2);
  });
});
