import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ask, floatSpace, runCli, type Workspace, workspace } from "./harness.js";

let ws: Workspace;
beforeEach(async () => {
  ws = workspace();
  expect((await runCli(["study", "create", ...ws.target()])).code).toBe(0);
});
afterEach(() => ws.cleanup());

const SPACE = floatSpace("x", 0, 1);

async function report(trial: number, step: number, value: string, target = ws.target()) {
  return runCli(["report", ...target, "--trial", String(trial), "--step", String(step), "--value", value]);
}

async function intermediate(trial: number): Promise<Record<string, unknown>> {
  const r = await runCli([
    "study",
    "export",
    ...ws.target(),
    "--format",
    "json",
    "--attrs",
    "number,intermediate_values",
  ]);
  const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
  return rows.find((row) => row.number === trial) ?? {};
}

/** Five COMPLETE trials that reported 1, 2, 3, 4, 5 at step 0 (MedianPruner starts after 5). */
async function fiveFinished(target = ws.target()): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const t = await ask(target, SPACE);
    expect((await report(t.number, 0, String(i + 1), target)).code).toBe(0);
    expect(
      (await runCli(["tell", ...target, "--trial", String(t.number), "--values", String(i + 1)])).code,
    ).toBe(0);
  }
}

describe("tunelab report", () => {
  it("records intermediate values by step", async () => {
    await ask(ws.target(), SPACE);
    expect(await report(0, 0, "0.9")).toEqual({ code: 0, stdout: "", stderr: "" });
    expect((await report(0, 5, "nan")).code).toBe(0);
    expect(await intermediate(0)).toEqual({
      number: 0,
      intermediate_values_0: 0.9,
      intermediate_values_5: "NaN",
    });
  });

  it("keeps the first value of a step reported twice, with a warning (exit 0), as Optuna", async () => {
    await ask(ws.target(), SPACE);
    await report(0, 1, "0.5");
    const again = await report(0, 1, "0.4");
    expect(again.code).toBe(0);
    expect(again.stderr).toBe(
      "tunelab: trial 0 already has step 1 (value 0.5); the new value 0.4 is ignored\n",
    );
    expect((await intermediate(0)).intermediate_values_1).toBe(0.5);
  });

  it("refuses a finished trial and one that does not exist (exit 1)", async () => {
    await ask(ws.target(), SPACE);
    await runCli(["tell", ...ws.target(), "--trial", "0", "--values", "1"]);
    const finished = await report(0, 1, "0.5");
    expect(finished.code).toBe(1);
    expect(finished.stderr).toBe("tunelab: --trial: trial 0 is COMPLETE, not RUNNING: cannot report to it\n");
    const missing = await report(3, 1, "0.5");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--trial: study "s" has no trial 3/);
  });

  it("refuses a bad step or value, or a missing one (exit 2)", async () => {
    await ask(ws.target(), SPACE);
    expect((await report(0, 1, "x")).stderr).toMatch(/--value: "x" is not a number/);
    const step = await runCli(["report", ...ws.target(), "--trial", "0", "--step", "1.5", "--value", "1"]);
    expect(step.code).toBe(2);
    expect(step.stderr).toMatch(/--step: must be an integer >= 0, got "1.5"/);
    const none = await runCli(["report", ...ws.target(), "--trial", "0", "--value", "1"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--step: the step is required/);
  });

  it("refuses a study with several objectives (exit 1), as Optuna", async () => {
    await runCli(["study", "create", ...ws.target("mo"), "--directions", "minimize", "minimize"]);
    await ask(ws.target("mo"), SPACE);
    const r = await report(0, 0, "1", ws.target("mo"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /--study: study "mo" has 2 objectives; intermediate values are for one objective/,
    );
  });
});

describe("tunelab should-prune", () => {
  it("with no pruner stored, uses MedianPruner: exit 10 below the median, 0 above it", async () => {
    await fiveFinished();
    const bad = await ask(ws.target(), SPACE);
    await report(bad.number, 0, "4.5");
    const prune = await runCli(["should-prune", ...ws.target(), "--trial", String(bad.number)]);
    expect(prune).toEqual({
      code: 10,
      stdout: "",
      stderr: `tunelab: trial ${bad.number} should be pruned (exit 10)\n`,
    });
    const good = await ask(ws.target(), SPACE);
    await report(good.number, 0, "1.5");
    expect(await runCli(["should-prune", ...ws.target(), "--trial", String(good.number)])).toEqual({
      code: 0,
      stdout: "",
      stderr: "",
    });
  });

  it("with --format json prints the answer and exits 0", async () => {
    await fiveFinished();
    const bad = await ask(ws.target(), SPACE);
    await report(bad.number, 0, "9");
    const r = await runCli([
      "should-prune",
      ...ws.target(),
      "--trial",
      String(bad.number),
      "--format",
      "json",
    ]);
    expect(r).toEqual({ code: 0, stdout: '{"prune": true}\n', stderr: "" });
    const unknown = await runCli(["should-prune", ...ws.target(), "--trial", "0", "--format", "xml"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/argument 'xml' is invalid. Allowed choices are exit-code, json/);
  });

  it("rebuilds the pruner stored at create (NopPruner never prunes); --pruner overrides it", async () => {
    const t = ws.target("nop");
    await runCli(["study", "create", ...t, "--pruner", "NopPruner"]);
    await fiveFinished(t);
    const bad = await ask(t, SPACE);
    await report(bad.number, 0, "9", t);
    expect((await runCli(["should-prune", ...t, "--trial", String(bad.number)])).code).toBe(0);
    expect(
      (await runCli(["should-prune", ...t, "--trial", String(bad.number), "--pruner", "median"])).code,
    ).toBe(10);
    const kw = await runCli([
      "should-prune",
      ...t,
      "--trial",
      String(bad.number),
      "--pruner",
      "median",
      "--pruner-kwargs",
      '{"n_startup_trials": 50}',
    ]);
    expect(kw.code).toBe(0);
  });

  it("refuses a finished trial, a missing one (exit 1) and a bad pruner (exit 2)", async () => {
    await ask(ws.target(), SPACE);
    await runCli(["tell", ...ws.target(), "--trial", "0", "--state", "fail"]);
    const finished = await runCli(["should-prune", ...ws.target(), "--trial", "0"]);
    expect(finished.code).toBe(1);
    expect(finished.stderr).toMatch(/--trial: trial 0 is FAIL, not RUNNING/);
    expect((await runCli(["should-prune", ...ws.target(), "--trial", "4"])).code).toBe(1);
    const pruner = await runCli(["should-prune", ...ws.target(), "--trial", "0", "--pruner", "Fidelity"]);
    expect(pruner.code).toBe(2);
    expect(pruner.stderr).toMatch(/--pruner: unknown pruner "Fidelity"/);
  });
});
