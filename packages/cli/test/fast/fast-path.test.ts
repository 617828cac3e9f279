/**
 * The fast path (`bin/tunelab.cjs` running the esbuild bundle of `src/fast/` with its V8 code
 * cache) against the plain path (`src/bin.ts`, through tsx): the same `ask` output for the
 * same seeded study, and the launcher's fallback to the plain entry.
 *
 * The bundle is built here from the TypeScript sources (the `@tunelab/source` condition, as
 * vitest resolves them) into a temporary directory that `TUNELAB_FAST_DIR` points the
 * launcher at, and its code cache is made as `npm run build:fast` makes it (the launcher's
 * warm-up run). The fallback test runs the plain entry `dist/bin.js`, so it needs the build
 * (`npm run build`): without it it is skipped with the reason, and fails under CI.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFastPath, type FastManifest } from "../../src/fast/build.js";
import { runCli } from "../commands/harness.js";

const PACKAGE = resolve(import.meta.dirname, "../..");
const ROOT = resolve(PACKAGE, "../..");
const LAUNCHER = join(PACKAGE, "bin/tunelab.cjs");
const PLAIN_ENTRY = join(PACKAGE, "dist/bin.js");
const SPACE = JSON.stringify({
  x: { name: "FloatDistribution", attributes: { low: -5, high: 5 } },
  k: { name: "IntDistribution", attributes: { low: 1, high: 64, log: true } },
  c: { name: "CategoricalDistribution", attributes: { choices: ["adam", "sgd", null] } },
});

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function node(args: readonly string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, TUNELAB_LOG_LEVEL: "warn", ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
let fastDir: string;
const fast = (argv: readonly string[], env: Record<string, string> = {}): Run =>
  node([LAUNCHER, ...argv], { TUNELAB_FAST_DIR: fastDir, TUNELAB_FAST_DEBUG: "1", ...env });
const plain = (argv: readonly string[]): Run =>
  node(["--conditions=@tunelab/source", "--import", "tsx", join(PACKAGE, "src/bin.ts"), ...argv]);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tunelab-fast-path-"));
  fastDir = join(dir, "fast");
  await buildFastPath({
    entry: join(PACKAGE, "src/fast/entry.ts"),
    outDir: fastDir,
    conditions: ["@tunelab/source"],
  });
  const warm = fast([], { TUNELAB_FAST_WARM_UP: "1" });
  expect(warm.stderr).toMatch(/fast path .*tunelab-[0-9a-f]{16}\.cjs \(code cache none\)/);
  expect(warm.status).toBe(0);
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A journal study with `told` finished trials of SPACE, made in-process. */
async function seededStudy(name: string, samplerArgs: readonly string[], told: number): Promise<string> {
  const storage = `journal:${join(dir, `${name}.log`)}`;
  const target = ["--storage", storage, "--study", name];
  expect((await runCli(["study", "create", ...target, ...samplerArgs])).code).toBe(0);
  for (let i = 0; i < told; i++) {
    const ask = await runCli(["ask", ...target, "--search-space", SPACE]);
    expect(ask.code).toBe(0);
    const { number, params } = JSON.parse(ask.stdout) as { number: number; params: { x: number } };
    expect(
      (await runCli(["tell", ...target, "--trial", String(number), "--values", String(params.x ** 2)])).code,
    ).toBe(0);
  }
  return join(dir, `${name}.log`);
}

/** Asks on a copy of `journal` by each path; both outputs, and the fast path's stderr. */
function askBoth(journal: string, name: string, extra: readonly string[] = []): { fast: Run; plain: Run } {
  const a = `${journal}.fast`;
  const b = `${journal}.plain`;
  copyFileSync(journal, a);
  copyFileSync(journal, b);
  const args = (file: string) => [
    "ask",
    "--storage",
    `journal:${file}`,
    "--study",
    name,
    "--search-space",
    SPACE,
    ...extra,
  ];
  return { fast: fast(args(a)), plain: plain(args(b)) };
}

describe("the fast path", () => {
  it("writes its code cache at the warm-up run and then compiles with it", () => {
    const m = JSON.parse(readFileSync(join(fastDir, "manifest.json"), "utf8")) as FastManifest;
    expect(m.bundle).toMatch(/^tunelab-[0-9a-f]{16}\.cjs$/);
    expect(m.watch.length).toBeGreaterThan(0);
    expect(existsSync(join(fastDir, `${m.bundle}.${process.version}-${process.arch}.cache`))).toBe(true);
    const r = fast(["study", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("(code cache accepted)");
    expect(r.stdout).toContain("Usage: tunelab study");
  });

  it("asks the same trial as the plain path: seeded TPE past its start-up trials", async () => {
    const journal = await seededStudy(
      "tpe",
      ["--sampler", "TpeSampler", "--sampler-kwargs", '{"seed": 7, "n_startup_trials": 4}'],
      8,
    );
    const r = askBoth(journal, "tpe");
    expect(r.plain.stderr).toBe("");
    expect(r.plain.status).toBe(0);
    expect(r.fast.stderr).toMatch(/^tunelab: fast path .* \(code cache accepted\)\n$/);
    expect(r.fast.status).toBe(0);
    expect(r.fast.stdout).toMatch(/^\{"number": 8, "params": \{"x": /);
    expect(r.fast.stdout).toBe(r.plain.stdout);
  });

  it("asks the same trial as the plain path: --sampler RandomSampler with a seed, --flatten", async () => {
    const journal = await seededStudy("random", [], 3);
    const r = askBoth(journal, "random", [
      "--sampler",
      "RandomSampler",
      "--sampler-kwargs",
      '{"seed": 11}',
      "--flatten",
    ]);
    expect(r.plain.status).toBe(0);
    expect(r.fast.status).toBe(0);
    expect(r.fast.stdout).toMatch(/^\{"number": 3, "params_x": /);
    expect(r.fast.stdout).toBe(r.plain.stdout);
  });

  it("gives the same errors and exit codes: a search space that is not JSON, a finished trial", async () => {
    const journal = await seededStudy("errors", [], 1);
    for (const argv of [
      ["ask", "--search-space", "not json"],
      ["tell", "--trial", "0", "--values", "1"],
      ["should-prune", "--trial", "7"],
    ]) {
      const target = ["--storage", `journal:${journal}`, "--study", "errors"];
      const f = fast([...argv, ...target]);
      const p = plain([...argv, ...target]);
      expect(f.status).toBe(p.status);
      expect(f.stdout).toBe(p.stdout);
      expect(f.stderr.replace(/^tunelab: fast path .*\n/, "")).toBe(p.stderr);
    }
  });
});

describe.skipIf(!existsSync(PLAIN_ENTRY) && process.env.CI !== "true")("the launcher's fallback", () => {
  it.runIf(!existsSync(PLAIN_ENTRY))("needs the build (npm run build)", () => {
    throw new Error(`${PLAIN_ENTRY} is missing: CI runs npm run build before the tests`);
  });

  it("runs the plain entry for a stale bundle (a build under way) and for commands outside the fast path", async () => {
    const journal = await seededStudy("fallback", [], 2);
    const stale = join(dir, "stale");
    const s = spawnSync("cp", ["-r", fastDir, stale]);
    expect(s.status).toBe(0);
    const m = JSON.parse(readFileSync(join(stale, "manifest.json"), "utf8")) as FastManifest;
    const first = m.watch[0]!;
    writeFileSync(
      join(stale, "manifest.json"),
      JSON.stringify({ ...m, watch: [[first[0], first[1] - 1000, first[2]], ...m.watch.slice(1)] }),
    );
    // A fresh lock: another process is building, so this call starts no build of its own.
    writeFileSync(join(stale, ".building"), "");
    const target = ["--storage", `journal:${journal}`, "--study", "fallback"];
    const r = fast(["trials", "--format", "csv", ...target], { TUNELAB_FAST_DIR: stale });
    expect(r.stderr).toBe("tunelab: plain path\n");
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(3);
    const v = fast(["--version"]);
    expect(v.stderr).toBe("tunelab: plain path\n");
    expect(v.stdout).toBe("0.1.0\n");
    const off = fast(["trials", ...target], { TUNELAB_FAST: "0" });
    expect(off.stderr).toBe("tunelab: plain path\n");
    expect(off.status).toBe(0);
    // A manifest whose bundle a newer build has removed (read just before the build).
    const gone = join(dir, "gone");
    expect(spawnSync("cp", ["-r", fastDir, gone]).status).toBe(0);
    rmSync(join(gone, m.bundle));
    const g = fast(["trials", "--format", "csv", ...target], { TUNELAB_FAST_DIR: gone });
    expect(g.stderr).toBe("tunelab: plain path\n");
    expect(g.stdout).toBe(r.stdout);
  });
});
