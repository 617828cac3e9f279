/**
 * `npm run bench -- queue` (issue 15): the queue suite's dispatch, run as a user runs it
 * (node with tsx on the sources, in a child process) on a tiny grid (2 seeds, 6 trials), and
 * the same tables from `runQueueSuite` in this process.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runQueueSuite } from "../../src/queue-suite.js";

const ROOT = new URL("../../../", import.meta.url).pathname;
const CLI = join(ROOT, "benchmarks/src/cli.ts");

function bench(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["--conditions=@tunelab/source", "--import", "tsx", CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("bench queue (the command line)", { timeout: 180_000 }, () => {
  it("runs the chosen grids with --seeds and --trials, prints the tables, writes report.html and summary.md into -o", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "tunelab-queue-")), "q");
    const r = bench(
      "queue",
      "parallelism",
      "job-size",
      "--seeds",
      "2",
      "--trials",
      "6",
      "-o",
      out,
      "--no-progress",
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /1\. sequential vs batch vs async, 16 workers, 6 trials.*\(median over seeds 1-2\)/,
    );
    expect(r.stdout).toMatch(/3\. one 8-GPU job vs eight 1-GPU jobs, load 0\.8, 6 trials/);
    expect(r.stdout).not.toMatch(/2\. m trials per task/);
    // The same grids, seeds and trials in this process give the same tables.
    const { sections } = await runQueueSuite({
      grids: ["parallelism", "job-size"],
      seeds: [1, 2],
      trials: 6,
    });
    expect(sections).toHaveLength(2);
    for (const s of sections) {
      expect(s.scenarios.every((sc) => sc.runs.length === 2)).toBe(true);
      expect(r.stdout).toContain(s.table);
    }
    const summary = readFileSync(join(out, "summary.md"), "utf8");
    expect(summary).toContain("npm run bench -- queue parallelism job-size --seeds 2 --trials 6");
    for (const s of sections) expect(summary).toContain(s.table);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain("<svg");
    expect(html).toContain("async-16");
    expect(html).toContain("8 jobs x 1 GPU (load 0.8)");
  });

  it("prints progress lines on stderr unless --no-progress; refuses an unknown grid with exit 2", () => {
    const out = mkdtempSync(join(tmpdir(), "tunelab-queue-"));
    const r = bench("queue", "parallelism", "--seeds", "1", "--trials", "3", "-o", out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/queue: 3\/3 scenarios/);
    const bad = bench("queue", "packng", "-o", out, "--no-progress");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /grids must be among parallelism, packing, job-size, samplers or all, got packng/,
    );
  });

  it("list names the queue suite", () => {
    const r = bench("list");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n {2}queue +resource-queue simulator/);
  });
});
