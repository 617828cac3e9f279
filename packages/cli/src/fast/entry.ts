/**
 * The entry of the fast path's bundle (see `build.ts`): the same program as `bin.ts`, as one
 * CommonJS file that `bin/tunelab.cjs` compiles with a V8 code cache. It also holds the
 * warm-up that the build runs once, so that the code cache holds the functions an
 * `ask`/`tell` pair compiles.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { CliIo } from "../io.js";
import { run } from "../program.js";
import { lazyProcessIo } from "./lazy-io.js";

/** Runs the command line `argv` (without node and the script) and returns the exit code. */
export function main(argv: readonly string[]): Promise<number> {
  return run(argv, lazyProcessIo());
}

const SPACE = JSON.stringify({
  x: { name: "FloatDistribution", attributes: { low: -5, high: 5 } },
  n: { name: "IntDistribution", attributes: { low: 1, high: 8 } },
  c: { name: "CategoricalDistribution", attributes: { choices: ["a", "b"] } },
});

/**
 * Runs the short commands in-process on a throw-away journal study (ask and tell with the
 * default sampler past its start-up trials, the AutoSampler's GP, and with RandomSampler,
 * report, should-prune, trials,
 * best-trial), output discarded, so that their functions are compiled before the code
 * cache is taken.
 * @throws Error naming the command that did not exit 0.
 */
export async function warmUp(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "tunelab-warm-up-"));
  const sink = new PassThrough();
  sink.resume();
  const io: CliIo = {
    stdout: sink,
    stderr: sink,
    stdin: new PassThrough(),
    env: { TUNELAB_LOG_LEVEL: "error" },
  };
  const target = ["--storage", `journal:${join(dir, "warm.log")}`, "--study", "warm"];
  const cli = async (...argv: string[]): Promise<void> => {
    const code = await run([...argv, ...target], io);
    if (code !== 0 && !(argv[0] === "should-prune" && code === 10)) {
      throw new Error(`fast path warm-up: tunelab ${argv[0]} exited ${code}`);
    }
  };
  try {
    await cli("study", "create", "--pruner", "MedianPruner");
    for (let i = 0; i < 14; i++) {
      const sampler = i % 7 === 6 ? ["--sampler", "RandomSampler"] : [];
      await cli("ask", "--search-space", SPACE, ...sampler);
      await cli("report", "--trial", String(i), "--step", "0", "--value", String(i % 5));
      await cli("should-prune", "--trial", String(i));
      await cli("tell", "--trial", String(i), "--values", String((i * 7) % 11));
    }
    await cli("trials", "--format", "json");
    await cli("best-trial", "--format", "json");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
