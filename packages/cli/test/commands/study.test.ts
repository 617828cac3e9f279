import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ask, floatSpace, runCli, type Workspace, workspace } from "./harness.js";

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.cleanup());

describe("tunelab study create", () => {
  it("creates a study in a new journal file and prints its name", async () => {
    const r = await runCli(["study", "create", ...ws.target("lr"), "--direction", "maximize"]);
    expect(r).toEqual({ code: 0, stdout: "lr\n", stderr: "" });
    const list = await runCli(["study", "list", "--storage", ws.journal, "--format", "json"]);
    expect(JSON.parse(list.stdout)).toEqual([
      { name: "lr", directions: "maximize", n_trials: 0, best_value: null, datetime_start: null },
    ]);
  });

  it("takes storage and study from TUNELAB_STORAGE and TUNELAB_STUDY", async () => {
    const env = { TUNELAB_STORAGE: ws.journal, TUNELAB_STUDY: "from-env" };
    expect((await runCli(["study", "create"], { env })).stdout).toBe("from-env\n");
  });

  it("generates a name when none is given, as Optuna does", async () => {
    const r = await runCli(["study", "create", "--storage", ws.journal]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^no-name-[0-9a-f-]+\n$/);
  });

  it("creates a study with several directions", async () => {
    await runCli(["study", "create", ...ws.target("p"), "--directions", "minimize", "maximize"]);
    const list = await runCli(["study", "list", "--storage", ws.journal, "--format", "csv"]);
    expect(list.stdout).toBe(
      'name,directions,n_trials,best_value,datetime_start\np,"minimize,maximize",0,,\n',
    );
  });

  it("refuses an existing name (exit 1), and --skip-if-exists reuses it (exit 0)", async () => {
    await runCli(["study", "create", ...ws.target("a")]);
    const again = await runCli(["study", "create", ...ws.target("a")]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^tunelab: --study: a study named "a" exists in journal:.*--skip-if-exists reuses it\n$/,
    );
    const skip = await runCli([
      "study",
      "create",
      ...ws.target("a"),
      "--skip-if-exists",
      "--direction",
      "maximize",
    ]);
    expect(skip.code).toBe(0);
    expect(skip.stdout).toBe("a\n");
    expect(skip.stderr).toMatch(/exists with directions minimize \(not maximize\); it is kept/);
  });

  it("refuses --direction with --directions, and a direction that is neither", async () => {
    const both = await runCli([
      "study",
      "create",
      ...ws.target(),
      "--direction",
      "minimize",
      "--directions",
      "maximize",
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--directions: give either --direction or --directions/);
    const bad = await runCli(["study", "create", ...ws.target(), "--direction", "down"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /--direction <direction>' argument 'down' is invalid. Allowed choices are minimize, maximize/,
    );
  });

  it("stores the sampler and pruner so that later processes rebuild them", async () => {
    const r = await runCli([
      "study",
      "create",
      ...ws.target(),
      "--sampler",
      "RandomSampler",
      "--sampler-kwargs",
      '{"seed": 5}',
      "--pruner",
      "PercentilePruner",
      "--pruner-kwargs",
      '{"percentile": 30, "n_startup_trials": 2}',
    ]);
    expect(r.code).toBe(0);
    const { openJournalFileStorage } = await import("@tunelab/storage/journal");
    const storage = await openJournalFileStorage(join(ws.dir, "study.log"));
    const attrs = await storage.getStudySystemAttrs(await storage.getStudyIdFromName("s"));
    await storage.close();
    expect(attrs["tunelab:cli:sampler"]).toEqual({ name: "RandomSampler", kwargs: { seed: 5 } });
    expect(attrs["tunelab:cli:pruner"]).toEqual({
      name: "PercentilePruner",
      kwargs: { percentile: 30, nStartupTrials: 2 },
    });
  });

  it("refuses bad sampler options at create time, creating nothing", async () => {
    const r = await runCli([
      "study",
      "create",
      ...ws.target(),
      "--sampler",
      "tpe",
      "--sampler-kwargs",
      '{"n_startup_trials": -2}',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tunelab: --sampler-kwargs: .*nStartupTrials/);
    expect(existsSync(join(ws.dir, "study.log"))).toBe(false);
  });
});

describe("tunelab study list", () => {
  it("lists studies with their trial counts and best values, as a table", async () => {
    await runCli(["study", "create", ...ws.target("b")]);
    const t = await ask(ws.target("b"), floatSpace("x", 0, 1));
    await runCli(["tell", ...ws.target("b"), "--trial", String(t.number), "--values", "0.75"]);
    const r = await runCli(["study", "list", "--storage", ws.journal]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[1]).toMatch(/^\| name \| directions \| n_trials \| best_value \| datetime_start +\|$/);
    expect(lines[3]).toMatch(/^\| b +\| minimize +\| +1 \| +0\.75 \| \d{4}-\d\d-\d\dT/);
  });

  it("refuses a journal file that does not exist (exit 1) without creating it", async () => {
    const r = await runCli(["study", "list", "--storage", ws.journal]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^tunelab: --storage: journal:.*study\.log: no such file/);
    expect(existsSync(join(ws.dir, "study.log"))).toBe(false);
  });
});

describe("tunelab study delete", () => {
  it("deletes with --yes", async () => {
    await runCli(["study", "create", ...ws.target("gone")]);
    expect((await runCli(["study", "delete", ...ws.target("gone"), "--yes"])).code).toBe(0);
    const list = await runCli(["study", "list", "--storage", ws.journal, "--format", "json"]);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it("refuses without --yes when standard input is not a terminal (exit 2)", async () => {
    await runCli(["study", "create", ...ws.target("kept")]);
    const r = await runCli(["study", "delete", ...ws.target("kept")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--yes: deleting study "kept" needs --yes/);
    expect((await runCli(["study", "list", "--storage", ws.journal])).stdout).toContain("kept");
  });

  it("asks on a terminal: y deletes, anything else keeps", async () => {
    await runCli(["study", "create", ...ws.target("k")]);
    const no = await runCli(["study", "delete", ...ws.target("k")], { stdin: "n\n", stdinIsTTY: true });
    expect(no.code).toBe(1);
    expect(no.stderr).toContain('Delete study "k" and its 0 trial(s)? [y/N]');
    const yes = await runCli(["study", "delete", ...ws.target("k")], { stdin: "y\n", stdinIsTTY: true });
    expect(yes.code).toBe(0);
    expect((await runCli(["study", "list", "--storage", ws.journal, "--format", "json"])).stdout).toBe(
      "[]\n",
    );
  });

  it("names a study that does not exist (exit 1)", async () => {
    await runCli(["study", "create", ...ws.target("a")]);
    const r = await runCli(["study", "delete", ...ws.target("nope"), "--yes"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^tunelab: --study: no study named "nope" in journal:.*tunelab study list/);
  });
});

describe("tunelab study export", () => {
  it("writes Optuna's trials-dataframe columns as CSV (default) and JSON, to stdout or --output", async () => {
    await runCli(["study", "create", ...ws.target()]);
    const a = await ask(ws.target(), floatSpace("x", 0, 1));
    await runCli(["report", ...ws.target(), "--trial", String(a.number), "--step", "1", "--value", "0.9"]);
    await runCli(["tell", ...ws.target(), "--trial", String(a.number), "--values", "0.5"]);
    const csv = await runCli(["study", "export", ...ws.target()]);
    expect(csv.stdout.split("\n")[0]).toBe(
      "number,value,datetime_start,datetime_complete,duration,params_x,state",
    );
    const out = join(ws.dir, "t.json");
    const r = await runCli([
      "study",
      "export",
      ...ws.target(),
      "--format",
      "json",
      "--output",
      out,
      "--attrs",
      "number,value,intermediate_values",
    ]);
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual([
      { number: 0, value: 0.5, intermediate_values_1: 0.9 },
    ]);
  });

  it("refuses an unknown format or column group", async () => {
    await runCli(["study", "create", ...ws.target()]);
    const f = await runCli(["study", "export", ...ws.target(), "--format", "table"]);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/argument 'table' is invalid. Allowed choices are csv, json/);
    const a = await runCli(["study", "export", ...ws.target(), "--attrs", "number,bogus"]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--attrs: unknown column group "bogus"/);
  });
});
