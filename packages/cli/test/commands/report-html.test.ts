import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ask, runCli, type Workspace, workspace } from "./harness.js";

const NAME = '<b>&"study"</b>';
const SPACE = JSON.stringify({
  x: { name: "FloatDistribution", attributes: { low: 0.001, high: 1, log: true } },
  c: { name: "CategoricalDistribution", attributes: { choices: ["a", "<i>b</i>"] } },
});
const PLOTS = ["history", "edf", "intermediate", "slice", "parallel", "contour", "rank", "timeline"];

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.cleanup());

/** A study of 8 trials through the CLI: reports at 2 steps; trial 3 pruned, the rest complete. */
async function fill(target: readonly string[]): Promise<void> {
  expect((await runCli(["study", "create", ...target])).code).toBe(0);
  for (let i = 0; i < 8; i++) {
    const t = await ask(target, SPACE, ["--sampler", "RandomSampler", "--sampler-kwargs", '{"seed": 1}']);
    for (const step of [0, 1])
      expect(
        (
          await runCli([
            "report",
            ...target,
            "--trial",
            String(t.number),
            "--step",
            String(step),
            "--value",
            String(i + step),
          ])
        ).code,
      ).toBe(0);
    const end = i === 3 ? ["--state", "pruned"] : ["--values", String(i * 0.5)];
    expect((await runCli(["tell", ...target, "--trial", String(t.number), ...end])).code).toBe(0);
  }
}

/** The ids of the plots a report's embedded page data holds. */
function plotIds(html: string): string[] {
  const m = /<script type="application\/json" id="tunelab-data">([^<]*)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return (JSON.parse(m![1]!) as { plots: { id: string }[] }).plots.map((p) => p.id);
}

describe("tunelab report-html", () => {
  it("writes a journal-file study's report: its name escaped and every applicable plot", async () => {
    const target = ["--storage", ws.journal, "--study", NAME];
    await fill(target);
    const out = join(ws.dir, "report.html");
    const r = await runCli(["report-html", ...target, "-o", out]);
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
    const html = readFileSync(out, "utf8");
    expect(html).toContain('<h1 id="study-name">&lt;b&gt;&amp;&quot;study&quot;&lt;/b&gt;</h1>');
    expect(html).not.toContain("<b>&");
    expect(plotIds(html)).toEqual(PLOTS);
    // `tunelab report` still records intermediate values (the study has them: the plot is there).
    expect(plotIds(html)).toContain("intermediate");
  });

  it("--static writes SVG plots and no script; sqlite storage", async () => {
    const target = ["--storage", `sqlite:${join(ws.dir, "s.db")}`, "--study", "q"];
    await fill(target);
    const out = join(ws.dir, "static.html");
    expect((await runCli(["report-html", ...target, "-o", out, "--static"])).code).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).not.toContain("<script");
    const figures = [...html.matchAll(/<figure class="plot" data-plot="([^"]+)"><svg/g)].map((m) => m[1]);
    expect(figures).toEqual(PLOTS);
  });

  it("reads a JSON export (tunelab study export --format json)", async () => {
    const target = ["--storage", ws.journal, "--study", "lr"];
    await fill(target);
    const exp = await runCli([
      "study",
      "export",
      ...target,
      "--format",
      "json",
      "--attrs",
      "number,value,datetime_start,datetime_complete,params,state,intermediate_values",
    ]);
    expect(exp.code).toBe(0);
    const json = join(ws.dir, "lr.json");
    writeFileSync(json, exp.stdout);
    const out = join(ws.dir, "from-json.html");
    const r = await runCli(["report-html", "--from-json", json, "-o", out, "--directions", "maximize"]);
    expect(r.stderr).toBe("");
    const html = readFileSync(out, "utf8");
    expect(html).toContain('<h1 id="study-name">lr</h1>');
    expect(html).toContain("directions: maximize.");
    expect(plotIds(html)).toEqual(PLOTS);
  });

  it("usage errors name the option: no -o, a bad --max-drawn, --directions without --from-json, no study", async () => {
    const target = ["--storage", ws.journal, "--study", "s"];
    expect((await runCli(["study", "create", ...target])).code).toBe(0);
    const noOut = await runCli(["report-html", ...target]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/-o\/--output: the HTML file to write is required/);
    const bad = await runCli(["report-html", ...target, "-o", join(ws.dir, "x.html"), "--max-drawn", "3"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-drawn: must be an integer >= 10 or inf, got "3"/);
    const dirs = await runCli([
      "report-html",
      ...target,
      "-o",
      join(ws.dir, "x.html"),
      "--directions",
      "minimize",
    ]);
    expect(dirs.stderr).toMatch(/--directions: only with --from-json/);
    const missing = await runCli([
      "report-html",
      "--storage",
      ws.journal,
      "--study",
      "nope",
      "-o",
      join(ws.dir, "y.html"),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--study: no study named "nope"/);
    expect(existsSync(join(ws.dir, "y.html"))).toBe(false);
  });
});
