import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderSbatchScript, type SbatchScriptSpec } from "../../src/slurm/sbatch-script.js";

const base: SbatchScriptSpec = {
  jobName: "tunelab-lr",
  array: "0-3%2",
  logDir: "/shared/hpo/logs",
  workDir: "/shared/hpo",
  signalBefore: 120,
  time: null,
  partition: null,
  gpus: null,
  cpusPerTask: null,
  mem: null,
  requeue: false,
  sbatchArgs: [],
  storage: "journal:/shared/hpo/study.log",
  study: "lr",
  tunelab: "/usr/bin/node /opt/tunelab/dist/bin.js",
  trialsPerTask: 5,
  workerArgs: [],
  command: ["python", "train.py"],
};

function sbatchLines(script: string): string[] {
  return script.split("\n").filter((l) => l.startsWith("#SBATCH"));
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/**
 * Runs the script's body with bash, its `tunelab` replaced by a program that prints the
 * arguments it got and the study variables, one per line, NUL-separated.
 */
function argvOfWorker(spec: SbatchScriptSpec): string[] {
  const dir = mkdtempSync(join(tmpdir(), "tunelab-sbatch-"));
  dirs.push(dir);
  const fake = join(dir, "fake tunelab");
  writeFileSync(fake, `#!/bin/sh\nprintf '%s\\0' "$TUNELAB_STORAGE" "$TUNELAB_STUDY" "$@"\n`);
  chmodSync(fake, 0o755);
  const script = join(dir, "job.sbatch");
  writeFileSync(script, renderSbatchScript({ ...spec, tunelab: `'${fake}'` }));
  const out = execFileSync("bash", [script], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_JOB_ID: "42" },
    stdio: ["ignore", "pipe", "ignore"],
  });
  return out.split("\0").slice(0, -1);
}

describe("renderSbatchScript", () => {
  it("writes the array, logs, working directory, signal and job name, and nothing optional", () => {
    expect(sbatchLines(renderSbatchScript(base))).toEqual([
      "#SBATCH --job-name=tunelab-lr",
      "#SBATCH --array=0-3%2",
      "#SBATCH --output=/shared/hpo/logs/%x-%A_%a.out",
      "#SBATCH --open-mode=append",
      "#SBATCH --chdir=/shared/hpo",
      "#SBATCH --signal=B:TERM@120",
    ]);
  });

  it("writes each resource flag as its sbatch line, then the extra sbatch options in order", () => {
    const script = renderSbatchScript({
      ...base,
      time: "4:00:00",
      partition: "gpu",
      gpus: "a100:2",
      cpusPerTask: 8,
      mem: "32G",
      requeue: true,
      signalBefore: 300,
      sbatchArgs: ["--account=ml", "--qos high", " --constraint=a100 "],
    });
    expect(sbatchLines(script).slice(5)).toEqual([
      "#SBATCH --signal=B:TERM@300",
      "#SBATCH --time=4:00:00",
      "#SBATCH --partition=gpu",
      "#SBATCH --gpus=a100:2",
      "#SBATCH --cpus-per-task=8",
      "#SBATCH --mem=32G",
      "#SBATCH --requeue",
      "#SBATCH --account=ml",
      "#SBATCH --qos high",
      "#SBATCH --constraint=a100",
    ]);
  });

  it("exports the study and execs the worker with --n-trials M, the worker options and the command", () => {
    const script = renderSbatchScript({ ...base, workerArgs: ["--persistent", "--trial-timeout", "600"] });
    const lines = script.split("\n");
    expect(lines[0]).toBe("#!/bin/bash");
    expect(lines).toContain("export TUNELAB_STORAGE=journal:/shared/hpo/study.log");
    expect(lines).toContain("export TUNELAB_STUDY=lr");
    expect(lines).toContain(
      'exec /usr/bin/node /opt/tunelab/dist/bin.js worker --storage "$TUNELAB_STORAGE" --study "$TUNELAB_STUDY" --n-trials 5 --persistent --trial-timeout 600 -- python train.py',
    );
    // exec: the batch shell becomes the worker, so --signal=B:TERM reaches it.
    expect(lines.filter((l) => l.startsWith("exec "))).toHaveLength(1);
    // every #SBATCH line comes before the first command (sbatch stops reading them there)
    const firstCommand = lines.findIndex((l) => l !== "" && !l.startsWith("#"));
    expect(lines.slice(firstCommand).some((l) => l.startsWith("#SBATCH"))).toBe(false);
  });

  it("quotes #SBATCH values with spaces or single quotes in double quotes", () => {
    const lines = sbatchLines(
      renderSbatchScript({
        ...base,
        jobName: "my job's",
        logDir: "/shared/my logs",
        workDir: "/shared/my dir",
      }),
    );
    expect(lines).toContain(`#SBATCH --job-name="my job's"`);
    expect(lines).toContain(`#SBATCH --output="/shared/my logs/%x-%A_%a.out"`);
    expect(lines).toContain(`#SBATCH --chdir="/shared/my dir"`);
  });

  it("refuses a value that cannot go into an #SBATCH line, naming the flag", () => {
    expect(() => renderSbatchScript({ ...base, partition: 'a"b' })).toThrow(
      /^--partition: the value cannot hold a double quote or a line break/,
    );
    expect(() => renderSbatchScript({ ...base, logDir: "/a\nb" })).toThrow(/^--output: /);
    expect(() => renderSbatchScript({ ...base, workDir: '/a"b' })).toThrow(
      /^the working directory \(#SBATCH --chdir\): /,
    );
    expect(() => renderSbatchScript({ ...base, sbatchArgs: ["account=ml"] })).toThrow(
      /^--sbatch-arg: expected one sbatch option such as --account=ml/,
    );
    expect(() => renderSbatchScript({ ...base, sbatchArgs: ["--a\n--b"] })).toThrow(
      /^--sbatch-arg: .*line break/,
    );
  });

  it("hands the worker exactly the words given: spaces, quotes, $, backslashes, newlines (run by bash)", () => {
    const command = ["python", "train it.py", "--name", `a 'b' "c" $HOME \\ \`id\``, "", "x\ny", "*"];
    const workerArgs = [
      "--search-space",
      '{"x": {"name": "FloatDistribution", "attributes": {"low": 0, "high": 1}}}',
    ];
    const storage = "journal:/shared/it's here/study.log";
    const study = `lr "v2" $x`;
    expect(argvOfWorker({ ...base, command, workerArgs, storage, study })).toEqual([
      storage,
      study,
      "worker",
      "--storage",
      storage,
      "--study",
      study,
      "--n-trials",
      "5",
      ...workerArgs,
      "--",
      ...command,
    ]);
  });
});
