import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ask, floatSpace, runCli, type Workspace, workspace } from "./harness.js";

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.cleanup());

async function finished(target: string[], values: string[][]): Promise<void> {
  for (const v of values) {
    const t = await ask(target, floatSpace("x", 0, 1));
    expect((await runCli(["tell", ...target, "--trial", String(t.number), "--values", ...v])).code).toBe(0);
  }
}

describe("tunelab trials", () => {
  it("lists trials as a table (default), JSON and CSV with Optuna's columns", async () => {
    await runCli(["study", "create", ...ws.target()]);
    await finished(ws.target(), [["0.5"], ["0.25"]]);
    await ask(ws.target(), floatSpace("x", 0, 1));
    const table = await runCli(["trials", ...ws.target()]);
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")[1]).toMatch(
      /^\| number \| value \| datetime_start +\| datetime_complete +\| duration +\| +params_x \| state +\|$/,
    );
    expect(table.stdout.trimEnd().split("\n")).toHaveLength(7);
    const json = JSON.parse(
      (await runCli(["trials", ...ws.target(), "--format", "json"])).stdout,
    ) as object[];
    expect(json.map((t) => Object.keys(t))).toEqual(
      Array(3).fill([
        "number",
        "value",
        "datetime_start",
        "datetime_complete",
        "duration",
        "params_x",
        "state",
      ]),
    );
    expect(json).toMatchObject([{ value: 0.5 }, { value: 0.25 }, { value: null, state: "RUNNING" }]);
    const csv = (await runCli(["trials", ...ws.target(), "--format", "csv"])).stdout.split("\n");
    expect(csv[0]).toBe("number,value,datetime_start,datetime_complete,duration,params_x,state");
    expect(csv[3]).toMatch(/^2,,\d{4}-.*Z,,,0\.\d+,RUNNING$/);
  });

  it("refuses an unknown format (exit 2), naming the option and the choices", async () => {
    await runCli(["study", "create", ...ws.target()]);
    const r = await runCli(["trials", ...ws.target(), "--format", "yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /option '--format <format>' argument 'yaml' is invalid. Allowed choices are table, json, csv/,
    );
  });
});

describe("tunelab best-trial", () => {
  it("shows the best trial; JSON is one object", async () => {
    await runCli(["study", "create", ...ws.target(), "--direction", "maximize"]);
    await finished(ws.target(), [["0.5"], ["0.75"], ["0.25"]]);
    const r = await runCli(["best-trial", ...ws.target(), "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ number: 1, value: 0.75, state: "COMPLETE" });
  });

  it("exits 1 when no trial is complete, or the study has several objectives", async () => {
    await runCli(["study", "create", ...ws.target()]);
    const none = await runCli(["best-trial", ...ws.target()]);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe('tunelab: --study: study "s" has no COMPLETE (and feasible) trial yet\n');
    await runCli(["study", "create", ...ws.target("mo"), "--directions", "minimize", "maximize"]);
    const mo = await runCli(["best-trial", ...ws.target("mo")]);
    expect(mo.code).toBe(1);
    expect(mo.stderr).toMatch(/has 2 objectives, so no single best trial; use tunelab best-trials/);
  });
});

describe("tunelab best-trials", () => {
  it("shows the Pareto front of a two-objective study", async () => {
    await runCli(["study", "create", ...ws.target(), "--directions", "minimize", "minimize"]);
    await finished(ws.target(), [
      ["1", "4"],
      ["2", "2"],
      ["3", "3"],
      ["4", "1"],
    ]);
    const r = await runCli(["best-trials", ...ws.target(), "--format", "json"]);
    expect(r.code).toBe(0);
    const front = JSON.parse(r.stdout) as { number: number; values_0: number; values_1: number }[];
    expect(front.map((t) => t.number)).toEqual([0, 1, 3]);
    expect(front[1]).toMatchObject({ values_0: 2, values_1: 2 });
  });

  it("prints an empty front as a header (CSV) or [] (JSON)", async () => {
    await runCli(["study", "create", ...ws.target()]);
    expect((await runCli(["best-trials", ...ws.target(), "--format", "json"])).stdout).toBe("[]\n");
    expect((await runCli(["best-trials", ...ws.target(), "--format", "csv"])).stdout).toBe(
      "number,value,datetime_start,datetime_complete,duration,state\n",
    );
  });
});

describe("every study command", () => {
  const commands = [
    ["trials"],
    ["best-trial"],
    ["best-trials"],
    ["ask"],
    ["tell", "--trial", "0", "--values", "1"],
    ["report", "--trial", "0", "--step", "0", "--value", "1"],
    ["should-prune", "--trial", "0"],
    ["study", "delete", "--yes"],
    ["study", "export"],
  ];

  it("without --storage nor TUNELAB_STORAGE is a usage error naming both", async () => {
    for (const argv of commands) {
      const r = await runCli([...argv, "--study", "s"]);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr).toMatch(
        /^tunelab: --storage: a storage URL is required .*, or set TUNELAB_STORAGE\n$/,
      );
    }
  });

  it("without --study nor TUNELAB_STUDY is a usage error naming both", async () => {
    for (const argv of commands) {
      const r = await runCli([...argv, "--storage", ws.journal]);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^tunelab: --study: a study name is required .*, or set TUNELAB_STUDY\n$/);
    }
  });

  it("has --help with examples", async () => {
    for (const argv of [...commands, ["study", "create"], ["study", "list"]]) {
      const name = argv[0] === "study" ? argv.slice(0, 2) : argv.slice(0, 1);
      const r = await runCli([...name, "--help"]);
      expect(r.code, name.join(" ")).toBe(0);
      expect(r.stdout).toContain("Examples:");
      expect(r.stdout).toContain("--storage <url>");
    }
  });
});
