/**
 * `node dist/fast/build-main.js [--out DIR]`: builds the fast path (`build.ts`) and its V8
 * code cache. The cache is written by the launcher itself (`bin/tunelab.cjs` with
 * `TUNELAB_FAST_WARM_UP=1`), after running the short commands on a throw-away study, so it
 * holds the functions those commands compile and matches the way the launcher compiles the
 * bundle. Run by `npm run build:fast -w @tunelab/cli`, and by the launcher in the
 * background when the bundle is missing or stale; the launcher's lock file
 * (`DIR/.building`) is removed at the end.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildFastPath } from "./build.js";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const i = process.argv.indexOf("--out");
const outDir = resolve(
  i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : join(packageDir, "dist", "fast"),
);
const quiet = process.argv.includes("--quiet");

try {
  const built = await buildFastPath({ outDir });
  const warm = spawnSync(process.execPath, [join(packageDir, "bin", "tunelab.cjs")], {
    env: { ...process.env, TUNELAB_FAST: "1", TUNELAB_FAST_DIR: outDir, TUNELAB_FAST_WARM_UP: "1" },
    encoding: "utf8",
  });
  if (warm.status !== 0)
    throw new Error(`the warm-up run failed (exit ${warm.status}): ${warm.stderr.trim()}`);
  if (!quiet) {
    console.log(
      `tunelab fast path: ${built.bundle} (${built.modules} modules, ${(built.bytes / 1024).toFixed(0)} KiB) and its code cache`,
    );
  }
  rmSync(join(outDir, ".building"), { force: true });
} catch (e) {
  // The lock stays: the launcher retries a failed build after a while, not at every call.
  console.error(`tunelab fast path: not built: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
