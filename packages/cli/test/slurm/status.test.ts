import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStudy } from "tunelab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordSubmittedJob } from "../../src/slurm/job-record.js";
import { runCli } from "./cli.js";
import { type FakeSlurm, fakeSlurm } from "./fake-slurm.js";

const root = mkdtempSync(join(tmpdir(), "tunelab-slurm-status-"));
const storage = `journal:${join(root, "study.log")}`;
let fake: FakeSlurm;

beforeAll(async () => {
  fake = fakeSlurm();
  const study = await createStudy({ storage, studyName: "lr" });
  for (const [x, state] of [
    [0.5, "COMPLETE"],
    [0.25, "COMPLETE"],
    [0.75, "FAIL"],
    [0.1, "PRUNED"],
  ] as const) {
    const t = await study.ask();
    t.suggestFloat("x", 0, 1);
    await study.tell(t, state === "COMPLETE" ? x : { state });
  }
  const running = await study.ask();
  running.suggestFloat("x", 0, 1);
  await running.flush();
  await recordSubmittedJob(study, {
    jobId: "5",
    cluster: null,
    array: "0-5%2",
    trialsPerTask: 3,
    script: "/x/tunelab-lr-5.sbatch",
    submitted: "2026-12-06T10:00:00.000Z",
  });
  await createStudy({ storage, studyName: "empty" });
  await study.storage.close();
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(fake.dir, { recursive: true, force: true });
});

const SQUEUE = [
  "5_2|PENDING|JobArrayTaskLimit|0:00|",
  "5_[3-5%2]|PENDING|JobArrayTaskLimit|0:00|",
  "5_1|RUNNING|None|0:02|vm",
  "5_0|COMPLETED|None|0:03|vm",
  "",
].join("\n");

describe("tunelab slurm status (fake squeue and sacct)", () => {
  it("shows the trials by state, the best trial, and the recorded job's tasks by state from squeue", async () => {
    fake.answer("squeue.out", SQUEUE);
    const r = await runCli(["slurm", "status", "--storage", storage, "--study", "lr"], { PATH: fake.path });
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split("\n");
    expect(lines[0]).toBe('study "lr": 5 trial(s)');
    expect(lines[1]).toBe("  COMPLETE 2, PRUNED 1, FAIL 1, RUNNING 1, WAITING 0");
    expect(lines[2]).toMatch(/^ {2}best: trial 1, value 0\.25, params \{"x":0\.\d+\}$/);
    expect(lines[3]).toBe(
      "job 5 (array 0-5%2, 3 trial(s) per task, submitted 2026-12-06T10:00:00.000Z): 6 task(s), from squeue (sacct is not available: finished tasks are listed only for MinJobAge after they end, 300 s by default)",
    );
    expect(lines[4]).toBe("  PENDING 4, RUNNING 1, COMPLETED 1");
    expect(lines).toHaveLength(5);
    expect(fake.read("squeue.args")?.trim().split("\n")).toEqual([
      "-r",
      "-h",
      "-t",
      "all",
      "-j",
      "5",
      "-o",
      "%i|%T|%r|%M|%N",
    ]);
  });

  it("lists every task with --tasks, and takes the states from sacct when it answers", async () => {
    fake.answer("sacct.out", "5_0|COMPLETED|0:0|00:00:03|vm\n5_1|CANCELLED by 0|0:15|00:00:02|vm\n");
    fake.answer("sacct.code", "0");
    fake.answer("sacct.err", "");
    try {
      const r = await runCli(
        ["slurm", "status", "--storage", storage, "--study", "lr", "--job", "5", "--tasks"],
        {
          PATH: fake.path,
        },
      );
      expect(r.code).toBe(0);
      const lines = r.out.trimEnd().split("\n");
      expect(lines.slice(3)).toEqual([
        "job 5 (array 0-5%2, 3 trial(s) per task, submitted 2026-12-06T10:00:00.000Z): 2 task(s), from sacct",
        "  COMPLETED 1, CANCELLED 1",
        "  5_0  COMPLETED  00:00:03  vm  exit 0:0",
        "  5_1  CANCELLED  00:00:02  vm  exit 0:15",
      ]);
    } finally {
      for (const f of ["sacct.out", "sacct.code", "sacct.err"]) rmSync(join(fake.dir, f));
    }
  });

  it("writes JSON with --format json", async () => {
    fake.answer("squeue.out", SQUEUE);
    const r = await runCli(["slurm", "status", "--storage", storage, "--study", "lr", "--format", "json"], {
      PATH: fake.path,
    });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.study).toBe("lr");
    expect(j.trials).toEqual({ COMPLETE: 2, PRUNED: 1, FAIL: 1, RUNNING: 1, WAITING: 0 });
    expect(j.best).toMatchObject({ number: 1, values: [0.25] });
    expect(j.jobs).toHaveLength(1);
    expect(j.jobs[0]).toMatchObject({
      jobId: "5",
      source: "squeue",
      states: { PENDING: 4, RUNNING: 1, COMPLETED: 1 },
    });
    expect(j.jobs[0].tasks).toHaveLength(4);
  });

  it("says when squeue no longer knows a job and there is no accounting", async () => {
    fake.answer("squeue.out", "");
    fake.answer("squeue.err", "slurm_load_jobs error: Invalid job id specified\n");
    fake.answer("squeue.code", "1");
    try {
      const r = await runCli(["slurm", "status", "--storage", storage, "--study", "lr", "--job", "99"], {
        PATH: fake.path,
      });
      expect(r.code).toBe(0);
      expect(r.out).toContain("job 99: 0 task(s), not known to sacct or squeue");
    } finally {
      for (const f of ["squeue.err", "squeue.code"]) rmSync(join(fake.dir, f));
    }
  });

  it("says that no job is recorded for a study that has none", async () => {
    const r = await runCli(["slurm", "status", "--storage", storage, "--study", "empty"], {
      PATH: fake.path,
    });
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      'study "empty": 0 trial(s)\n  COMPLETE 0, PRUNED 0, FAIL 0, RUNNING 0, WAITING 0\nno SLURM jobs recorded for this study (tunelab slurm submit records them; name one with --job ID)\n',
    );
  });

  it("says that SLURM's commands are not on PATH (exit 1)", async () => {
    const r = await runCli(["slurm", "status", "--storage", storage, "--study", "lr"], {
      PATH: join(root, "nothing"),
    });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^tunelab: squeue: SLURM's commands are not on PATH \(squeue was not found\)/);
  });

  it("refuses a --job that is not a job id (exit 2)", async () => {
    const r = await runCli(["slurm", "status", "--storage", storage, "--study", "lr", "--job", "5_1"], {
      PATH: fake.path,
    });
    expect(r.code).toBe(2);
    expect(r.err).toBe('tunelab: --job: expected a SLURM job id such as 4242, got "5_1"\n');
  });
});
