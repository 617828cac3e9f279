import { RandomSampler } from "@tunelab/samplers/random";
import { createStudy, InMemoryStorage } from "@tunelab/study";
import { floatDistribution, intDistribution } from "@tunelab/study/distributions";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ask, floatSpace, runCli, type Workspace, workspace } from "./harness.js";

let ws: Workspace;
beforeEach(async () => {
  ws = workspace();
  expect((await runCli(["study", "create", ...ws.target()])).code).toBe(0);
});
afterEach(() => ws.cleanup());

async function trialsJson(target = ws.target()): Promise<Record<string, unknown>[]> {
  const r = await runCli(["trials", ...target, "--format", "json"]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>[];
}

describe("tunelab ask", () => {
  it("prints Optuna 5.0's shape, with Python's separators, and starts a RUNNING trial", async () => {
    const space = JSON.stringify({
      x: { name: "FloatDistribution", attributes: { low: 2, high: 2 } },
      n: { name: "IntDistribution", attributes: { low: 3, high: 3 } },
      c: { name: "CategoricalDistribution", attributes: { choices: ["only"] } },
    });
    const r = await runCli(["ask", ...ws.target(), "--search-space", space]);
    expect(r).toEqual({
      code: 0,
      stdout: '{"number": 0, "params": {"x": 2.0, "n": 3, "c": "only"}}\n',
      stderr: "",
    });
    const flat = await runCli(["ask", ...ws.target(), "--search-space", space, "--flatten"]);
    expect(flat.stdout).toBe('{"number": 1, "params_x": 2.0, "params_n": 3, "params_c": "only"}\n');
    expect((await trialsJson()).map((t) => t.state)).toEqual(["RUNNING", "RUNNING"]);
  });

  it("without a search space starts a trial with no parameters", async () => {
    const r = await runCli(["ask", ...ws.target()]);
    expect(r.stdout).toBe('{"number": 0, "params": {}}\n');
  });

  it("samples inside the search space and numbers trials 0, 1, 2, ...", async () => {
    for (let i = 0; i < 5; i++) {
      const t = await ask(ws.target(), floatSpace("lr", 1e-5, 0.1, true));
      expect(t.number).toBe(i);
      expect(t.params.lr).toBeGreaterThanOrEqual(1e-5);
      expect(t.params.lr).toBeLessThanOrEqual(0.1);
    }
  });

  it("rebuilds the sampler stored at create: a seed gives trial n what one long process gives it", async () => {
    const space = JSON.stringify({
      x: { name: "FloatDistribution", attributes: { low: -5, high: 5 } },
      k: { name: "IntDistribution", attributes: { low: 0, high: 100 } },
    });
    await runCli([
      "study",
      "create",
      ...ws.target("seeded"),
      "--sampler",
      "RandomSampler",
      "--sampler-kwargs",
      '{"seed": 11}',
    ]);
    const viaCli = [];
    for (let i = 0; i < 3; i++) viaCli.push((await ask(ws.target("seeded"), space)).params);
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new RandomSampler({ seed: 11 }),
    });
    const inProcess = [];
    for (let i = 0; i < 3; i++) {
      const t = await study.ask({ x: floatDistribution(-5, 5), k: intDistribution(0, 100) });
      inProcess.push(t.params);
    }
    expect(viaCli).toEqual(inProcess);
    // Optuna's CLI rebuilds RandomSampler(seed=11) per process and repeats its first draw;
    // here trial n draws from the seed's stream n, so the trials differ.
    expect(new Set(viaCli.map((p) => p.x)).size).toBe(3);
  });

  it("--sampler overrides the stored sampler for one call", async () => {
    await runCli([
      "study",
      "create",
      ...ws.target("o"),
      "--sampler",
      "RandomSampler",
      "--sampler-kwargs",
      '{"seed": 1}',
    ]);
    const a = await ask(ws.target("o"), floatSpace("x", 0, 1), [
      "--sampler",
      "random",
      "--sampler-kwargs",
      '{"seed": 2}',
    ]);
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new RandomSampler({ seed: 2 }),
    });
    expect(a.params.x).toBe((await study.ask({ x: floatDistribution(0, 1) })).params.x);
  });

  it("refuses a search space that is not JSON (exit 2) and creates no trial", async () => {
    const r = await runCli(["ask", ...ws.target(), "--search-space", "{x: float}"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tunelab: --search-space: not JSON/);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(await trialsJson()).toEqual([]);
  });

  it("refuses a parameter whose kind changes within the study (exit 2), creating no trial", async () => {
    await ask(ws.target(), floatSpace("x", 0, 1));
    const r = await runCli([
      "ask",
      ...ws.target(),
      "--search-space",
      '{"x": {"name": "IntDistribution", "attributes": {"low": 0, "high": 3}}}',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--search-space: parameter "x" cannot change within study "s": it was a float parameter/,
    );
    expect(await trialsJson()).toHaveLength(1);
  });

  it("names a study that does not exist (exit 1)", async () => {
    const r = await runCli(["ask", ...ws.target("nope")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^tunelab: --study: no study named "nope"/);
  });

  it("refuses an unknown sampler (exit 2)", async () => {
    const r = await runCli(["ask", ...ws.target(), "--sampler", "Bogus"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--sampler: unknown sampler "Bogus"/);
  });
});

describe("tunelab tell", () => {
  it("completes a trial with its value", async () => {
    const t = await ask(ws.target(), floatSpace("x", 0, 1));
    expect(await runCli(["tell", ...ws.target(), "--trial", String(t.number), "--values", "0.125"])).toEqual({
      code: 0,
      stdout: "",
      stderr: "",
    });
    expect(await trialsJson()).toMatchObject([
      { number: 0, value: 0.125, params_x: t.params.x, state: "COMPLETE" },
    ]);
  });

  it("accepts Optuna's --trial-number and --study-name", async () => {
    await ask(ws.target(), floatSpace("x", 0, 1));
    const r = await runCli([
      "tell",
      "--storage",
      ws.journal,
      "--study-name",
      "s",
      "--trial-number",
      "0",
      "--values",
      "1",
    ]);
    expect(r.code).toBe(0);
  });

  it("completes a multi-objective trial with one value per direction", async () => {
    await runCli(["study", "create", ...ws.target("mo"), "--directions", "minimize", "maximize"]);
    await ask(ws.target("mo"), floatSpace("x", 0, 1));
    expect((await runCli(["tell", ...ws.target("mo"), "--trial", "0", "--values", "1.5", "-2"])).code).toBe(
      0,
    );
    expect(await trialsJson(ws.target("mo"))).toMatchObject([
      { values_0: 1.5, values_1: -2, state: "COMPLETE" },
    ]);
  });

  it("refuses a count of values that does not match the directions (exit 2), leaving the trial RUNNING", async () => {
    await ask(ws.target(), floatSpace("x", 0, 1));
    const r = await runCli(["tell", ...ws.target(), "--trial", "0", "--values", "1", "2"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--values: study "s" has 1 direction\(s\) \(minimize\), got 2 value\(s\)/);
    expect((await trialsJson())[0]?.state).toBe("RUNNING");
  });

  it("--state pruned keeps the last reported value, --state fail stores FAIL", async () => {
    await ask(ws.target(), floatSpace("x", 0, 1));
    await ask(ws.target(), floatSpace("x", 0, 1));
    await runCli(["report", ...ws.target(), "--trial", "0", "--step", "3", "--value", "0.7"]);
    expect((await runCli(["tell", ...ws.target(), "--trial", "0", "--state", "pruned"])).code).toBe(0);
    expect((await runCli(["tell", ...ws.target(), "--trial", "1", "--state", "FAIL"])).code).toBe(0);
    expect(await trialsJson()).toMatchObject([
      { number: 0, value: 0.7, state: "PRUNED" },
      { number: 1, value: null, state: "FAIL" },
    ]);
  });

  it("a NaN value fails the trial, as Optuna does, and exits 1 saying so", async () => {
    await ask(ws.target(), floatSpace("x", 0, 1));
    const r = await runCli(["tell", ...ws.target(), "--trial", "0", "--values", "nan"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/tunelab: --values: trial 0 is stored as FAIL: the objective returned NaN/);
    expect((await trialsJson())[0]?.state).toBe("FAIL");
  });

  it("an infinite value completes the trial", async () => {
    await ask(ws.target(), floatSpace("x", 0, 1));
    expect((await runCli(["tell", ...ws.target(), "--trial", "0", "--values", "inf"])).code).toBe(0);
    expect((await trialsJson())[0]).toMatchObject({ value: "Infinity", state: "COMPLETE" });
  });

  it("refuses a value that is not a number (exit 2), leaving the trial RUNNING", async () => {
    await ask(ws.target(), floatSpace("x", 0, 1));
    const r = await runCli(["tell", ...ws.target(), "--trial", "0", "--values", "abc"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'tunelab: --values: "abc" is not a number (give a decimal such as 0.25 or 1e-3, or nan, inf, -inf)\n',
    );
    expect((await trialsJson())[0]?.state).toBe("RUNNING");
  });

  it("names a trial that does not exist (exit 1)", async () => {
    await ask(ws.target(), floatSpace("x", 0, 1));
    const r = await runCli(["tell", ...ws.target(), "--trial", "7", "--values", "1"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('tunelab: --trial: study "s" has no trial 7 (its trials are numbered 0 to 0)\n');
  });

  it("refuses a finished trial (exit 1) unless --skip-if-finished (exit 0, value kept)", async () => {
    await ask(ws.target(), floatSpace("x", 0, 1));
    await runCli(["tell", ...ws.target(), "--trial", "0", "--values", "1"]);
    const again = await runCli(["tell", ...ws.target(), "--trial", "0", "--values", "2"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/--trial: trial 0 is already finished \(COMPLETE\); --skip-if-finished/);
    const skip = await runCli([
      "tell",
      ...ws.target(),
      "--trial",
      "0",
      "--values",
      "2",
      "--skip-if-finished",
    ]);
    expect(skip.code).toBe(0);
    expect((await trialsJson())[0]?.value).toBe(1);
  });

  it("refuses contradictory or missing arguments (exit 2)", async () => {
    await ask(ws.target(), floatSpace("x", 0, 1));
    const cases: [string[], RegExp][] = [
      [["--trial", "0"], /--values: give the objective value\(s\), or --state pruned\|fail/],
      [["--trial", "0", "--values", "1", "--state", "pruned"], /--values: a pruned trial takes no values/],
      [["--trial", "0", "--state", "done"], /--state: must be one of complete, pruned, fail, got "done"/],
      [["--values", "1"], /--trial: the trial number is required/],
      [["--trial", "-1", "--values", "1"], /--trial: must be an integer >= 0, got "-1"/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(["tell", ...ws.target(), ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect((await trialsJson())[0]?.state).toBe("RUNNING");
  });
});
