import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readTrials, runCli, testEnv, type Workspace, workspace, X_SPACE } from "./harness.js";

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.cleanup());

/** Runs a worker command line that must be refused: exit 2, one line on stderr. */
async function refused(argv: readonly string[], env = testEnv()): Promise<string> {
  const r = await runCli(["worker", ...argv], { env });
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  return r.stderr.trimEnd();
}

describe("tunelab worker: bad command lines (exit 2, one line naming the flag)", () => {
  it("a missing --, or nothing after it", async () => {
    expect(await refused([...ws.target(), "python3", "train.py"])).toBe(
      "tunelab: --: put -- before the objective command, e.g. tunelab worker [options] -- python3 train.py",
    );
    expect(await refused(ws.target())).toMatch(
      /^tunelab: --: the objective command is missing; put it after --/,
    );
    expect(await refused([...ws.target(), "--"])).toBe(
      "tunelab: --: no command after --; e.g. -- python3 train.py",
    );
  });

  it("no storage, study or search space", async () => {
    const noEnv = { PATH: process.env.PATH };
    expect(await refused(["--study", "s", "--search-space", X_SPACE, "--", "true"], noEnv)).toMatch(
      /^tunelab: --storage: a storage URL is required/,
    );
    expect(await refused(["--storage", ws.storage, "--search-space", X_SPACE, "--", "true"], noEnv)).toMatch(
      /^tunelab: --study: a study name is required/,
    );
    expect(await refused(["--storage", ws.storage, "--study", "s", "--", "true"])).toMatch(
      /^tunelab: --search-space: required/,
    );
  });

  it("TUNELAB_STORAGE and TUNELAB_STUDY stand for the flags", async () => {
    const env = testEnv({ TUNELAB_STORAGE: ws.storage, TUNELAB_STUDY: "s" });
    const r = await runCli(
      ["worker", "--search-space", X_SPACE, "--n-trials", "1", "--", "sh", "-c", "echo 1"],
      {
        env,
      },
    );
    expect(r.code).toBe(0);
    expect((await readTrials(ws.file)).map((t) => t.state)).toEqual(["COMPLETE"]);
  });

  it("a search space that is not JSON, or empty", async () => {
    expect(
      await refused(["--storage", ws.storage, "--study", "s", "--search-space", "{x", "--", "true"]),
    ).toMatch(/^tunelab: --search-space: not JSON/);
    expect(
      await refused(["--storage", ws.storage, "--study", "s", "--search-space", "{}", "--", "true"]),
    ).toBe("tunelab: --search-space: the search space is empty; name at least one parameter");
  });

  const cases: readonly [readonly string[], string][] = [
    [["--n-trials", "many"], 'tunelab: --n-trials: expected an integer >= 0, got "many"'],
    [["--n-trials", "-1"], 'tunelab: --n-trials: expected an integer >= 0, got "-1"'],
    [["--processes", "0"], 'tunelab: --processes: expected an integer from 1 to 256, got "0"'],
    [["--timeout", "0"], 'tunelab: --timeout: expected a number of seconds > 0, got "0"'],
    [["--trial-timeout", "1h"], 'tunelab: --trial-timeout: expected a number of seconds > 0, got "1h"'],
    [["--kill-grace", "-1"], 'tunelab: --kill-grace: expected a number of seconds >= 0, got "-1"'],
    [
      ["--heartbeat-interval", "60", "--grace-period", "30"],
      "tunelab: --grace-period: must be at least --heartbeat-interval (60 s), got 30",
    ],
    [
      ["--heartbeat-interval", "0", "--grace-period", "30"],
      "tunelab: --grace-period: needs heartbeats; --heartbeat-interval 0 turns them off",
    ],
    [["--max-retry", "x"], 'tunelab: --max-retry: expected an integer >= 0, got "x"'],
    [["--on-interrupt", "ignore"], 'tunelab: --on-interrupt: expected requeue or fail, got "ignore"'],
    [["--direction", "up"], 'tunelab: --direction: expected minimize or maximize, got "up"'],
    [
      ["--direction", "minimize", "--directions", "minimize"],
      "tunelab: --direction: give --direction or --directions, not both",
    ],
  ];
  for (const [flags, message] of cases) {
    it(`${flags.join(" ")}`, async () => {
      expect(await refused([...ws.target(), ...flags, "--", "true"])).toBe(message);
    });
  }

  it("--sampler and --pruner: an unknown class, kwargs without a class", async () => {
    expect(await refused([...ws.target(), "--sampler", "Nope", "--", "true"])).toMatch(
      /^tunelab: --sampler: unknown sampler "Nope"/,
    );
    expect(await refused([...ws.target(), "--pruner-kwargs", "{}", "--", "true"])).toMatch(
      /^tunelab: --pruner-kwargs: /,
    );
  });

  it("an unknown flag is commander's usage error, with a suggestion", async () => {
    const r = await runCli(["worker", ...ws.target(), "--n-trial", "3", "--", "true"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--n-trial'/);
  });

  it("--help shows the protocol and examples", async () => {
    const r = await runCli(["worker", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("tunelab:report <step> <value>");
    expect(r.stdout).toContain("Examples:");
  });
});
