import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ask, floatSpace, runCli, type Workspace, workspace } from "./harness.js";

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.cleanup());

describe("the commands on an SQLite storage", () => {
  it("create, ask, report, tell, trials and list work as on a journal", async () => {
    const target = ["--storage", `sqlite:${join(ws.dir, "s.db")}`, "--study", "q"];
    expect((await runCli(["study", "create", ...target])).code).toBe(0);
    const t = await ask(target, floatSpace("x", 0, 1));
    expect(
      (await runCli(["report", ...target, "--trial", String(t.number), "--step", "0", "--value", "2"])).code,
    ).toBe(0);
    expect((await runCli(["tell", ...target, "--trial", String(t.number), "--values", "1"])).code).toBe(0);
    const rows = JSON.parse((await runCli(["trials", ...target, "--format", "json"])).stdout) as object[];
    expect(rows).toMatchObject([{ number: 0, value: 1, params_x: t.params.x, state: "COMPLETE" }]);
    const list = await runCli([
      "study",
      "list",
      "--storage",
      `sqlite:${join(ws.dir, "s.db")}`,
      "--format",
      "json",
    ]);
    expect(JSON.parse(list.stdout)).toMatchObject([{ name: "q", n_trials: 1, best_value: 1 }]);
  });

  it("reads SQLAlchemy's sqlite:/// form, as Optuna users write it", async () => {
    const url = `sqlite:///${join(ws.dir, "o.db")}`;
    expect((await runCli(["study", "create", "--storage", url, "--study", "a"])).code).toBe(0);
    expect((await runCli(["study", "list", "--storage", url])).stdout).toContain("| a ");
  });
});

describe("a storage that cannot be opened", () => {
  it("is an error (exit 1) naming --storage and the URL", async () => {
    const r = await runCli([
      "study",
      "create",
      "--storage",
      `journal:${join(ws.dir, "no-dir", "s.log")}`,
      "--study",
      "a",
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^tunelab: --storage: cannot open journal:.*no-dir.*s\.log: /);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
