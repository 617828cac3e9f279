import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planBenchmark } from "../../src/runner/plan.js";
import { readRunsFile, rerenderReports, runBenchmark, stripTimings } from "../../src/runner/run-benchmark.js";
import { TINY, TINY_SAMPLERS } from "./tiny-suite.js";

const tmp = (): string => mkdtempSync(join(tmpdir(), "tunelab-bench-"));

describe("runBenchmark", () => {
  it("same seeds ⇒ the same results JSON (timings aside), in-process and in worker threads", async () => {
    const plan = planBenchmark(TINY, { samplers: TINY_SAMPLERS });
    expect(plan.cells).toHaveLength(2 * 2 * 2);
    const a = await runBenchmark(plan, { out: tmp() });
    const b = await runBenchmark(plan, { out: tmp() });
    const c = await runBenchmark(plan, { out: tmp(), parallel: 2 });
    expect(stripTimings(b.results)).toEqual(stripTimings(a.results));
    expect(stripTimings(c.results)).toEqual(stripTimings(a.results));
    // The file on disk round-trips to the same stripped results.
    const onDisk = JSON.parse(readFileSync(a.files.results, "utf8"));
    expect(stripTimings(onDisk)).toEqual(JSON.parse(JSON.stringify(stripTimings(a.results))));
    // Every run did 20 trials (grid: its 16 points, 4 × 4 on branin and 2^4 on the 4-D zdt1),
    // with one value per objective.
    for (const r of a.results.runs) {
      expect(r.error).toBeNull();
      expect(r.states).toHaveLength(r.cell.sampler === "grid" ? 16 : 20);
      expect(r.values[0]).toHaveLength(r.cell.function === "branin" ? 1 : 2);
      expect(r.samplerMs.every((t) => t >= 0)).toBe(true);
    }
  });

  it("runs trials concurrently inside a study (--concurrency), reproducibly", async () => {
    const plan = planBenchmark(TINY, {
      samplers: ["random"],
      functions: ["branin"],
      seeds: 1,
      concurrency: 4,
    });
    const a = await runBenchmark(plan, { out: tmp() });
    const b = await runBenchmark(plan, { out: tmp() });
    expect(a.results.runs[0]!.states).toHaveLength(20);
    expect(stripTimings(b.results)).toEqual(stripTimings(a.results));
  });

  it("another seed gives other results", async () => {
    const a = await runBenchmark(planBenchmark(TINY, { samplers: TINY_SAMPLERS, seeds: [1] }), {
      out: tmp(),
    });
    const b = await runBenchmark(planBenchmark(TINY, { samplers: TINY_SAMPLERS, seeds: [2] }), {
      out: tmp(),
    });
    expect(a.results.runs[0]!.values).not.toEqual(b.results.runs[0]!.values);
  });

  it("resumes an interrupted run from runs.jsonl (a torn last line is run again)", async () => {
    const plan = planBenchmark(TINY, { samplers: TINY_SAMPLERS });
    const out = tmp();
    const full = await runBenchmark(plan, { out });
    const lines = readFileSync(full.files.runs, "utf8").trim().split("\n");
    writeFileSync(full.files.runs, `${lines.slice(0, 3).join("\n")}\n${lines[3]!.slice(0, 40)}`);
    expect(readRunsFile(full.files.runs)).toHaveLength(3);
    let ran = 0;
    const resumed = await runBenchmark(plan, { out, resume: true, onProgress: () => void ran++ });
    expect(resumed.results.meta.resumedRuns).toBe(3);
    expect(ran).toBe(plan.cells.length - 3);
    expect(stripTimings(resumed.results)).toEqual(stripTimings(full.results));
    expect(readRunsFile(resumed.files.runs)).toHaveLength(plan.cells.length);
  });

  it("ranks each set of functions that share the same methods separately", async () => {
    // grid has no run on the 30-D zdt1 (its grid would be too large): two ranking groups.
    const plan = planBenchmark(TINY, { samplers: TINY_SAMPLERS, functions: ["branin", "zdt1"], seeds: 2 });
    const { results, files } = await runBenchmark(plan, { out: tmp() });
    const [g1, g2] = results.summary.rankings;
    expect(g1!.functions).toEqual(["branin"]);
    expect([...g1!.methods].sort()).toEqual(["grid", "random"]);
    expect(g2!.functions).toEqual(["zdt1"]);
    expect(g2!.methods).toEqual(["random"]);
    // Re-rendering from results.json recomputes the same summary.
    const before = readFileSync(files.markdown, "utf8");
    rerenderReports(files.dir);
    expect(readFileSync(files.markdown, "utf8")).toBe(before);
  });

  it("writes a Markdown summary and an HTML report with plots", async () => {
    const { files } = await runBenchmark(planBenchmark(TINY, { samplers: TINY_SAMPLERS }), { out: tmp() });
    const md = readFileSync(files.markdown, "utf8");
    expect(md).toMatch(/## Ranking/);
    expect(md).toMatch(/\| 1 \| (random|grid) \|/);
    const html = readFileSync(files.html, "utf8");
    expect(html).toMatch(/<svg [^>]*data-plot="regret"[^>]*data-function="branin"/);
    expect(html).toMatch(/data-plot="pareto"/);
    expect(html).toMatch(/data-plot="sampler-time"/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });
});
