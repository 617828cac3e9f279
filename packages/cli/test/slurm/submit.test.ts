import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStudy } from "tunelab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SLURM_JOB_KEY_PREFIX } from "../../src/slurm/job-record.js";
import { defaultTunelabCommand } from "../../src/slurm/tunelab-command.js";
import { type CliRun, runCli as runTunelab } from "./cli.js";
import { type FakeSlurm, fakeSlurm } from "./fake-slurm.js";

const root = mkdtempSync(join(tmpdir(), "tunelab-slurm-submit-"));
const journal = join(root, "study.log");
let fake: FakeSlurm;

beforeAll(async () => {
  fake = fakeSlurm();
  const study = await createStudy({ storage: `journal:${journal}`, studyName: "lr" });
  await study.storage.close();
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(fake.dir, { recursive: true, force: true });
});

const study = () => ["--storage", `journal:${journal}`, "--study", "lr"];

/** The worker's search space, which every submission needs (the worker requires one). */
const SPACE = '{"x": {"name": "FloatDistribution", "attributes": {"low": 0, "high": 1}}}';

/** Runs `tunelab slurm submit`, adding `--search-space SPACE` unless the test gives its own. */
function runCli(argv: readonly string[], env?: Record<string, string>): Promise<CliRun> {
  const given = argv.some((a) => a.startsWith("--search-space")) || !argv.includes("--");
  const withSpace = given ? argv : [...argv.slice(0, 2), "--search-space", SPACE, ...argv.slice(2)];
  return runTunelab(withSpace, env);
}

describe("tunelab slurm submit --dry-run", () => {
  it("prints the script: the array, the resources, the worker with --n-trials M and the command", async () => {
    const r = await runCli([
      "slurm",
      "submit",
      ...study(),
      "--array",
      "0-3%2",
      "--trials-per-task",
      "5",
      "--time",
      "2:00:00",
      "--partition",
      "gpu",
      "--gpus",
      "1",
      "--cpus-per-task",
      "4",
      "--mem",
      "16G",
      "--sbatch-arg=--account=ml",
      "--output",
      join(root, "logs"),
      "--tunelab",
      "tunelab",
      "--dry-run",
      "--persistent",
      "--",
      "python",
      "train.py",
      "--note",
      "it's a test",
    ]);
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    expect(lines.filter((l) => l.startsWith("#SBATCH"))).toEqual([
      "#SBATCH --job-name=tunelab-lr",
      "#SBATCH --array=0-3%2",
      `#SBATCH --output=${root}/logs/%x-%A_%a.out`,
      "#SBATCH --open-mode=append",
      `#SBATCH --chdir=${process.cwd()}`,
      "#SBATCH --signal=B:TERM@120",
      "#SBATCH --time=2:00:00",
      "#SBATCH --partition=gpu",
      "#SBATCH --gpus=1",
      "#SBATCH --cpus-per-task=4",
      "#SBATCH --mem=16G",
      "#SBATCH --account=ml",
    ]);
    expect(lines).toContain(`export TUNELAB_STORAGE=journal:${journal}`);
    expect(lines).toContain("export TUNELAB_STUDY=lr");
    expect(lines).toContain(
      `exec tunelab worker --storage "$TUNELAB_STORAGE" --study "$TUNELAB_STUDY" --n-trials 5 --search-space '${SPACE}' --persistent -- python train.py --note 'it'\\''s a test'`,
    );
    // nothing written, nothing submitted
    expect(() => statSync(join(root, "logs"))).toThrow();
    expect(fake.read("sbatch.args")).toBeNull();
    // the journal under /tmp: a warning on stderr, one line
    expect(r.err).toMatch(/^tunelab: warning: --storage journal:.*is usually private to each node/);
    expect(r.err.trim().split("\n")).toHaveLength(1);
  });

  it("makes a relative journal path absolute and names the job after the study", async () => {
    const r = await runCli(
      [
        "slurm",
        "submit",
        "--array",
        "1,3,5",
        "--trials-per-task",
        "2",
        "--tunelab",
        "tunelab",
        "--dry-run",
        "--",
        "./obj.sh",
      ],
      { TUNELAB_STORAGE: "journal:rel/study.log", TUNELAB_STUDY: "my study/v2" },
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain(`export TUNELAB_STORAGE=journal:${process.cwd()}/rel/study.log\n`);
    expect(r.out).toContain("export TUNELAB_STUDY='my study/v2'\n");
    expect(r.out).toContain("#SBATCH --job-name=tunelab-my_study_v2\n");
    expect(r.out).toContain(`#SBATCH --output=${process.cwd()}/tunelab-slurm/%x-%A_%a.out\n`);
    // The resolved path is the checkout's: when that is node-local (a clone under /tmp, as
    // CI may make), the node-local warning is the one line expected; else nothing.
    const nodeLocal = ["/tmp/", "/var/tmp/", "/dev/shm/", "/run/"].find((d) =>
      `${process.cwd()}/`.startsWith(d),
    );
    if (nodeLocal === undefined) expect(r.err).toBe("");
    else
      expect(r.err).toMatch(
        new RegExp(
          `^tunelab: warning: --storage journal:\\S+: ${nodeLocal} is usually private to each node[^\\n]*\\n$`,
        ),
      );
  });

  it("by default runs this Node.js and this package's dist/bin.js by absolute path", async () => {
    const d = defaultTunelabCommand();
    expect(d.binPath).toBe(join(process.cwd(), "packages/cli/dist/bin.js"));
    const r = await runCli([
      "slurm",
      "submit",
      ...study(),
      "--array",
      "0",
      "--trials-per-task",
      "1",
      "--dry-run",
      "--",
      "true",
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`exec ${process.execPath} ${d.binPath} worker `);
  });

  it("takes a quarter of --time as the signal lead when that is shorter than 120 s", async () => {
    const r = await runCli([
      "slurm",
      "submit",
      ...study(),
      "--array",
      "0",
      "--trials-per-task",
      "1",
      "--time",
      "4",
      "--tunelab",
      "t",
      "--dry-run",
      "--",
      "true",
    ]);
    expect(r.out).toContain("#SBATCH --signal=B:TERM@60\n");
    const s = await runCli([
      "slurm",
      "submit",
      ...study(),
      "--array",
      "0",
      "--trials-per-task",
      "1",
      "--time",
      "4",
      "--signal-before",
      "30",
      "--tunelab",
      "t",
      "--dry-run",
      "--",
      "true",
    ]);
    expect(s.out).toContain("#SBATCH --signal=B:TERM@30\n");
  });

  it("warns when --signal-before leaves the worker too little time to stop its command", async () => {
    const args = ["slurm", "submit", "--storage", "journal:/shared/s.log", "--study", "lr", "--array", "0"];
    const more = ["--trials-per-task", "1", "--tunelab", "t", "--dry-run"];
    const r = await runCli([...args, ...more, "--signal-before", "14", "--", "true"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      "tunelab: warning: --signal-before 14 s leaves the worker less than its --kill-grace (10 s) and 5 s more to stop its command before the time limit; SLURM may kill the command first, and the trial is then left to the heartbeat\n",
    );
    const calm = await runCli([...args, ...more, "--signal-before", "14", "--kill-grace", "5", "--", "true"]);
    expect(calm.err).toBe("");
  });

  it("warns that SQLite is for one machine", async () => {
    const r = await runCli([
      "slurm",
      "submit",
      "--storage",
      `sqlite:${root}/s.db`,
      "--study",
      "lr",
      "--array",
      "0",
      "--trials-per-task",
      "1",
      "--tunelab",
      "t",
      "--dry-run",
      "--",
      "true",
    ]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: --storage sqlite:.*SQLite is for one machine/);
  });
});

describe("tunelab slurm submit: bad input (exit 2, one line naming the flag)", () => {
  const ok = ["--array", "0-3", "--trials-per-task", "5", "--tunelab", "t", "--dry-run"];
  it.each([
    [
      "memory storage",
      ["--storage", "memory", "--study", "lr", ...ok, "--", "true"],
      /^tunelab: --storage: memory lives inside one process/,
    ],
    [
      "a malformed --array",
      [...study(), "--array", "0..3", "--trials-per-task", "5", "--dry-run", "--", "true"],
      /^tunelab: --array: "0\.\.3" is not an index .*accepted forms: 0-9, 0-9%2 \(at most 2 tasks at once\), 1,3,5/,
    ],
    [
      "a missing --array",
      [...study(), "--trials-per-task", "5", "--dry-run", "--", "true"],
      /^tunelab: --array: required/,
    ],
    [
      "--trials-per-task 0",
      [...study(), "--array", "0-3", "--trials-per-task", "0", "--dry-run", "--", "true"],
      /^tunelab: --trials-per-task: must be a whole number >= 1, got "0"/,
    ],
    [
      "--trials-per-task 2.5",
      [...study(), "--array", "0-3", "--trials-per-task", "2.5", "--dry-run", "--", "true"],
      /^tunelab: --trials-per-task: must be a whole number >= 1, got "2.5"/,
    ],
    [
      "a missing --trials-per-task",
      [...study(), "--array", "0-3", "--dry-run", "--", "true"],
      /^tunelab: --trials-per-task: required/,
    ],
    [
      "no --",
      [...study(), ...ok, "python", "train.py"],
      /^tunelab: --: put the objective command after --, e.g. tunelab slurm submit/,
    ],
    [
      "nothing after --",
      [...study(), ...ok, "--"],
      /^tunelab: --: the objective command after -- is missing/,
    ],
    [
      "--n-trials for the worker",
      [...study(), ...ok, "--n-trials", "3", "--", "true"],
      /^tunelab: --n-trials: slurm submit sets it for each task's worker; use --trials-per-task/,
    ],
    [
      "a malformed --time",
      [...study(), ...ok, "--time", "2h", "--", "true"],
      /^tunelab: --time: expected one of minutes/,
    ],
    [
      "--signal-before past --time",
      [...study(), ...ok, "--time", "1", "--signal-before", "60", "--", "true"],
      /^tunelab: --signal-before: 60 s is not shorter than --time 1 \(60 s\)/,
    ],
    [
      "a malformed --mem",
      [...study(), ...ok, "--mem", "lots", "--", "true"],
      /^tunelab: --mem: expected a size such as 16G/,
    ],
    [
      "a malformed --gpus",
      [...study(), ...ok, "--gpus", "two", "--", "true"],
      /^tunelab: --gpus: expected a count such as 1/,
    ],
    [
      "--cpus-per-task 0",
      [...study(), ...ok, "--cpus-per-task", "0", "--", "true"],
      /^tunelab: --cpus-per-task: must be a whole number >= 1/,
    ],
    [
      "a % in --output",
      [...study(), ...ok, "--output", "logs%j", "--", "true"],
      /^tunelab: --output: SLURM reads % in log paths as a pattern/,
    ],
    [
      "an --sbatch-arg that is not an option",
      [...study(), ...ok, "--sbatch-arg", "account=ml", "--", "true"],
      /^tunelab: --sbatch-arg: expected one sbatch option/,
    ],
    [
      "no --study",
      ["--storage", `journal:${journal}`, ...ok, "--", "true"],
      /^tunelab: --study: a study name is required/,
    ],
    [
      "an option tunelab worker does not have",
      [...study(), ...ok, "--trials", "3", "--", "true"],
      /^tunelab: worker options: unknown option '--trials' \(slurm submit passes them to tunelab worker; see tunelab worker --help\)/,
    ],
    [
      "a worker option without its value",
      [...study(), ...ok, "--trial-timeout", "--", "true"],
      /^tunelab: --trial-timeout: expected a number of seconds > 0, got "--"/,
    ],
    [
      "a worker option the worker refuses",
      [...study(), ...ok, "--heartbeat-interval", "soon", "--", "true"],
      /^tunelab: --heartbeat-interval: expected a number of seconds >= 0, got "soon"/,
    ],
    [
      "a search space that is not JSON",
      [...study(), ...ok, "--search-space", "{x: 1}", "--", "true"],
      /^tunelab: --search-space: not JSON/,
    ],
    ["no search space", [...study(), ...ok, "--search-space=", "--", "true"], /^tunelab: --search-space: /],
  ])("%s", async (_what, args, message) => {
    const r = await runCli(["slurm", "submit", ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.out).toBe("");
  });
});

describe("tunelab slurm submit (fake sbatch)", () => {
  it("says that SLURM's commands are not on PATH when sbatch is missing (exit 1)", async () => {
    const empty = join(root, "empty-bin");
    mkdirSync(empty, { recursive: true });
    const r = await runCli(
      [
        "slurm",
        "submit",
        ...study(),
        "--array",
        "0-3",
        "--trials-per-task",
        "5",
        "--tunelab",
        "t",
        "--output",
        join(root, "nosb"),
        "--",
        "true",
      ],
      { PATH: empty },
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^tunelab: sbatch: SLURM's commands are not on PATH \(sbatch was not found\)/m);
    // the script it could not submit is not left behind
    expect(readdirSync(join(root, "nosb"))).toEqual([]);
  });

  it("writes the script beside the logs, submits it with sbatch --parsable, prints the job id, records the job", async () => {
    const out = join(root, "logs-ok");
    const r = await runCli(
      [
        "slurm",
        "submit",
        ...study(),
        "--array",
        "0-3%2",
        "--trials-per-task",
        "5",
        "--tunelab",
        "tunelab",
        "--output",
        out,
        "--",
        "python",
        "train.py",
      ],
      { PATH: fake.path },
    );
    expect(r.err).toMatch(/submitted job 4242: 4 task\(s\), at most 2 at once, 5 trial\(s\) each/);
    expect(r.code).toBe(0);
    expect(r.out).toBe("4242\n");
    const script = join(out, "tunelab-lr-4242.sbatch");
    expect(readdirSync(out)).toEqual(["tunelab-lr-4242.sbatch"]);
    expect(fake.read("submitted.sbatch")).toBe(readFileSync(script, "utf8"));
    expect(fake.read("sbatch.args")?.split("\n")[0]).toBe("--parsable");
    expect(statSync(script).mode & 0o777).toBe(0o600);
    const reopened = await createStudy({
      storage: `journal:${journal}`,
      studyName: "lr",
      loadIfExists: true,
    });
    expect(reopened.systemAttrs[`${SLURM_JOB_KEY_PREFIX}4242`]).toMatchObject({
      jobId: "4242",
      cluster: null,
      array: "0-3%2",
      trialsPerTask: 5,
      script,
    });
    await reopened.storage.close();
  });

  it("reads a job id with a cluster name (id;cluster)", async () => {
    fake.answer("sbatch.out", "77;gpu-cluster\n");
    try {
      const r = await runCli(
        [
          "slurm",
          "submit",
          ...study(),
          "--array",
          "0",
          "--trials-per-task",
          "1",
          "--tunelab",
          "t",
          "--output",
          join(root, "logs-c"),
          "--",
          "true",
        ],
        { PATH: fake.path },
      );
      expect(r.code).toBe(0);
      expect(r.out).toBe("77\n");
      expect(r.err).toMatch(/submitted job 77 on cluster gpu-cluster/);
    } finally {
      rmSync(join(fake.dir, "sbatch.out"));
    }
  });

  it("passes sbatch's refusal on in one line (exit 1) and keeps no script", async () => {
    fake.answer("sbatch.code", "1");
    fake.answer("sbatch.out", "");
    fake.answer(
      "sbatch.err",
      "sbatch: error: Batch job submission failed: Invalid partition name specified\n",
    );
    try {
      const out = join(root, "logs-refused");
      const r = await runCli(
        [
          "slurm",
          "submit",
          ...study(),
          "--array",
          "0",
          "--trials-per-task",
          "1",
          "--partition",
          "nope",
          "--tunelab",
          "t",
          "--output",
          out,
          "--",
          "true",
        ],
        { PATH: fake.path },
      );
      expect(r.code).toBe(1);
      // after the warning about /tmp, the refusal in one line
      expect(r.err.trim().split("\n").at(-1)).toBe(
        "tunelab: sbatch refused the job (exit code 1): sbatch: error: Batch job submission failed: Invalid partition name specified",
      );
      expect(readdirSync(out)).toEqual([]);
    } finally {
      for (const f of ["sbatch.code", "sbatch.out", "sbatch.err"]) rmSync(join(fake.dir, f));
    }
  });

  it("refuses a study that does not exist before submitting anything (exit 1)", async () => {
    rmSync(join(fake.dir, "sbatch.args"), { force: true });
    const r = await runCli(
      [
        "slurm",
        "submit",
        "--storage",
        `journal:${journal}`,
        "--study",
        "nope",
        "--array",
        "0",
        "--trials-per-task",
        "1",
        "--tunelab",
        "t",
        "--",
        "true",
      ],
      { PATH: fake.path },
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^tunelab: --study: no study named "nope" in journal:.*; create it before submitting: tunelab study create --storage journal:.* --study nope$/m,
    );
    expect(fake.read("sbatch.args")).toBeNull();
  });
});
