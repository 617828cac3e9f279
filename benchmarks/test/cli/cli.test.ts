/**
 * The `npm run bench` command line, run as a user runs it (node with tsx on the sources, in a
 * child process): what it refuses, with which exit code and message.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../../../", import.meta.url).pathname;
const CLI = join(ROOT, "benchmarks/src/cli.ts");

function bench(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["--conditions=@tunelab/source", "--import", "tsx", CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SMALL = ["--functions", "branin", "--samplers", "random", "--trials", "5", "-j", "1", "--no-progress"];

// Each command starts node and tsx on the sources (a few seconds each).
describe("bench (the command line)", { timeout: 180_000 }, () => {
  it("refuses an empty plan: --samplers none without the peer exits 2, saying why", () => {
    const out = join(mkdtempSync(join(tmpdir(), "tunelab-cli-")), "none");
    const r = bench("--samplers", "none", "-o", out, "--no-progress");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nothing to run: no sampler selected/);
  });

  it("a second run into the same folder changes nothing and names --resume, --overwrite and --out", () => {
    const out = mkdtempSync(join(tmpdir(), "tunelab-cli-"));
    expect(bench(...SMALL, "--seeds", "2", "-o", out).code).toBe(0);
    const runs = readFileSync(join(out, "runs.jsonl"), "utf8");
    const second = bench(...SMALL, "--seeds", "2", "-o", out);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(
      /already holds 2 finished runs \(runs\.jsonl\) and results\.json; nothing was changed/,
    );
    expect(second.stderr).toMatch(/npm run bench -- .* --resume\n/);
    expect(second.stderr).toMatch(/npm run bench -- .* --overwrite\n/);
    expect(second.stderr).toMatch(/npm run bench -- .* --out <dir>/);
    expect(readFileSync(join(out, "runs.jsonl"), "utf8")).toBe(runs);
    const resumed = bench(...SMALL, "--seeds", "2", "-o", out, "--resume");
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/resuming: 2 of the 2 planned runs are already finished/);
    expect(bench(...SMALL, "--seeds", "2", "-o", out, "--resume", "--overwrite").code).toBe(2);
  });

  it("runs a seed listed twice once, and says so", () => {
    const out = join(mkdtempSync(join(tmpdir(), "tunelab-cli-")), "seeds");
    const r = bench(...SMALL, "--seeds", "0,0", "-o", out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/seeds 0,0 list a seed more than once: running seeds 0/);
    expect(readFileSync(join(out, "runs.jsonl"), "utf8").trim().split("\n")).toHaveLength(1);
  });
});
