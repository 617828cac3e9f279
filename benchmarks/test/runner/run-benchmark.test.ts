import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planBenchmark } from "../../src/runner/plan.js";
import {
  OutputFolderInUseError,
  readRunsFile,
  rerenderReports,
  runBenchmark,
  stripTimings,
} from "../../src/runner/run-benchmark.js";
import { cellKey } from "../../src/runner/types.js";
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

  it("resumes an interrupted run: a torn last line is reported with its line number, repaired and run again", async () => {
    const plan = planBenchmark(TINY, { samplers: TINY_SAMPLERS });
    const out = tmp();
    const full = await runBenchmark(plan, { out });
    const lines = readFileSync(full.files.runs, "utf8").trim().split("\n");
    writeFileSync(full.files.runs, `${lines.slice(0, 3).join("\n")}\n${lines[3]!.slice(0, 40)}`);
    expect(readRunsFile(full.files.runs)).toHaveLength(3);
    let ran = 0;
    const warnings: string[] = [];
    const resumed = await runBenchmark(plan, {
      out,
      resume: true,
      onProgress: () => void ran++,
      onWarning: (m) => void warnings.push(m),
    });
    expect(warnings.join("\n")).toMatch(/runs\.jsonl line 4 is incomplete or not a run record/);
    expect(resumed.results.meta.resumedRuns).toBe(3);
    expect(ran).toBe(plan.cells.length - 3);
    expect(stripTimings(resumed.results)).toEqual(stripTimings(full.results));
    // repaired: every line parses, one per cell
    const after = readFileSync(resumed.files.runs, "utf8").trim().split("\n");
    expect(after.map((l) => JSON.parse(l).key).sort()).toEqual(plan.cells.map(cellKey).sort());
  });

  it("a corrupt line inside runs.jsonl is reported and set aside; the records after it are kept", async () => {
    const plan = planBenchmark(TINY, { samplers: TINY_SAMPLERS });
    const out = tmp();
    const full = await runBenchmark(plan, { out });
    const lines = readFileSync(full.files.runs, "utf8").trim().split("\n");
    lines[2] = "{garbage";
    writeFileSync(full.files.runs, `${lines.join("\n")}\n`);
    const warnings: string[] = [];
    let ran = 0;
    const resumed = await runBenchmark(plan, {
      out,
      resume: true,
      onProgress: () => void ran++,
      onWarning: (m) => void warnings.push(m),
    });
    expect(warnings.join("\n")).toMatch(/runs\.jsonl line 3 is incomplete or not a run record/);
    expect(ran).toBe(1);
    expect(resumed.results.meta.resumedRuns).toBe(plan.cells.length - 1);
    expect(stripTimings(resumed.results)).toEqual(stripTimings(full.results));
    expect(readFileSync(join(out, "runs.jsonl.bad"), "utf8")).toMatch(/^line 3: \{garbage$/m);
  });

  it("refuses to run into a folder that holds finished runs unless told to resume or overwrite; nothing changes", async () => {
    const plan = planBenchmark(TINY, { samplers: TINY_SAMPLERS });
    const out = tmp();
    const first = await runBenchmark(plan, { out });
    const before = readdirSync(out).map((f) => [f, readFileSync(join(out, f), "utf8")]);
    const narrow = planBenchmark(TINY, { samplers: ["random"], seeds: 1 });
    const attempt = runBenchmark(narrow, { out });
    await expect(attempt).rejects.toBeInstanceOf(OutputFolderInUseError);
    await expect(attempt).rejects.toThrow(
      /runBenchmark: .* already holds 8 finished runs \(runs\.jsonl\) and results\.json; nothing was changed\. Pass resume: true .*, or overwrite: true/,
    );
    expect(readdirSync(out).map((f) => [f, readFileSync(join(out, f), "utf8")])).toEqual(before);
    await expect(runBenchmark(narrow, { out, resume: true, overwrite: true })).rejects.toThrow(
      /runBenchmark: resume and overwrite exclude each other/,
    );
    // results.json alone (an older output folder) counts as finished results too
    rmSync(first.files.runs);
    await expect(runBenchmark(narrow, { out })).rejects.toThrow(
      /already holds 8 finished runs \(results\.json\)/,
    );
    // ... and resuming takes its runs over as runs.jsonl: nothing is run again
    let ran = 0;
    const warnings: string[] = [];
    const resumed = await runBenchmark(plan, {
      out,
      resume: true,
      onProgress: () => void ran++,
      onWarning: (m) => void warnings.push(m),
    });
    expect(ran).toBe(0);
    expect(warnings.join("\n")).toMatch(/taking the 8 runs of results\.json as finished runs/);
    expect(readRunsFile(first.files.runs)).toHaveLength(8);
    expect(stripTimings(resumed.results)).toEqual(stripTimings(first.results));
  });

  it("overwrite: true discards the old runs and reports", async () => {
    const out = tmp();
    await runBenchmark(planBenchmark(TINY, { samplers: TINY_SAMPLERS }), { out });
    const narrow = planBenchmark(TINY, { samplers: ["random"], seeds: 1 });
    const { results, files } = await runBenchmark(narrow, { out, overwrite: true });
    expect(results.runs).toHaveLength(2);
    expect(readRunsFile(files.runs)).toHaveLength(2);
    expect(results.meta.resumedRuns).toBe(0);
  });

  it("resume with a narrower plan keeps the other cells' runs; the wider plan then reruns nothing", async () => {
    const plan = planBenchmark(TINY, { samplers: TINY_SAMPLERS });
    const out = tmp();
    const full = await runBenchmark(plan, { out });
    let ran = 0;
    const count = { onProgress: () => void ran++ };
    const narrow = await runBenchmark(planBenchmark(TINY, { samplers: ["random"], seeds: [1] }), {
      out,
      resume: true,
      ...count,
    });
    expect(ran).toBe(0);
    expect(narrow.results.runs.map((r) => r.key)).toEqual(
      planBenchmark(TINY, { samplers: ["random"], seeds: [1] }).cells.map(cellKey),
    );
    expect(readRunsFile(full.files.runs)).toHaveLength(8);
    const again = await runBenchmark(plan, { out, resume: true, ...count });
    expect(ran).toBe(0);
    expect(stripTimings(again.results)).toEqual(stripTimings(full.results));
    // extending the plan with a seed runs only the new cells
    const wider = await runBenchmark(planBenchmark(TINY, { samplers: TINY_SAMPLERS, seeds: [1, 2, 3] }), {
      out,
      resume: true,
      ...count,
    });
    expect(ran).toBe(4);
    expect(wider.results.meta.resumedRuns).toBe(8);
    expect(readRunsFile(full.files.runs)).toHaveLength(12);
  });

  it("never leaves a stale results.json: an interrupted run leaves none, the next --resume writes it", async () => {
    const plan = planBenchmark(TINY, { samplers: TINY_SAMPLERS });
    const out = tmp();
    const full = await runBenchmark(plan, { out });
    const wider = planBenchmark(TINY, { samplers: TINY_SAMPLERS, seeds: [1, 2, 3] });
    let n = 0;
    const stop = (): void => {
      if (++n === 2) throw new Error("interrupted");
    };
    await expect(runBenchmark(wider, { out, resume: true, onProgress: stop })).rejects.toThrow(/interrupted/);
    expect(existsSync(full.files.results)).toBe(false);
    expect(existsSync(full.files.markdown)).toBe(false);
    expect(existsSync(full.files.html)).toBe(false);
    expect(readRunsFile(full.files.runs)).toHaveLength(10);
    await expect(rerenderReports(out)).rejects.toThrow(/rerenderReports: .* has no results\.json .*resume/);
    const done = await runBenchmark(wider, { out, resume: true });
    expect(done.results.runs).toHaveLength(12);
    expect(JSON.parse(readFileSync(done.files.results, "utf8")).runs).toHaveLength(12);
    // written through a temporary file and a rename: nothing else is left in the folder
    expect(readdirSync(out).sort()).toEqual(["report.html", "results.json", "runs.jsonl", "summary.md"]);
  });

  it("refuses an empty plan and a plan that lists a cell twice", async () => {
    const plan = planBenchmark(TINY, { samplers: ["random"], functions: ["branin"], seeds: 1 });
    await expect(runBenchmark({ ...plan, cells: [] }, { out: tmp() })).rejects.toThrow(
      /runBenchmark: the plan has no runs/,
    );
    await expect(
      runBenchmark({ ...plan, cells: [plan.cells[0]!, plan.cells[0]!] }, { out: tmp() }),
    ).rejects.toThrow(
      /runBenchmark: the plan lists the run branin\|tunelab\|random\|none\|1\|20\|-\|c1 twice/,
    );
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
    await rerenderReports(files.dir);
    expect(readFileSync(files.markdown, "utf8")).toBe(before);
  });

  it("writes a Markdown summary and an HTML report with plots", async () => {
    const { files } = await runBenchmark(planBenchmark(TINY, { samplers: TINY_SAMPLERS }), { out: tmp() });
    const md = readFileSync(files.markdown, "utf8");
    expect(md).toMatch(/## Ranking/);
    expect(md).toMatch(/\| 1 \| (random|grid) \|/);
    const html = readFileSync(files.html, "utf8");
    expect(html).toMatch(
      /<figure class="plot" data-plot="regret" data-function="branin" data-lines="\d+" data-bands="\d+"><svg /,
    );
    expect(html).toMatch(/data-plot="pareto"/);
    expect(html).toMatch(/data-plot="sampler-time"/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });
});
