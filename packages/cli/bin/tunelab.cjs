#!/usr/bin/env node
// @ts-check
/**
 * The `tunelab` executable: a launcher, in CommonJS so that it starts without the ES module
 * loader. For the short commands (study, trials, best-trial, best-trials, ask, tell, report,
 * should-prune), each called as a fresh process from a shell or Python loop, it runs the
 * fast path when it is built and fresh: the program bundled into `dist/fast/tunelab-<hash>.cjs`,
 * compiled with its V8 code cache (src/fast/build.ts). Otherwise, and for `worker`, `slurm`,
 * `--help` and `--version`, it imports the plain ES module entry `dist/bin.js`; both run the
 * same program (src/program.ts).
 *
 * When the bundle is missing or stale (its manifest names the files whose change makes it
 * so), this call takes the plain path and starts `dist/fast/build-main.js` in the background,
 * once (the lock file `.building`; a failed build is retried after ten minutes).
 *
 * Environment:
 *   TUNELAB_FAST=0         always the plain entry, and never build the fast path
 *   TUNELAB_FAST_DIR=DIR   where the bundle, its manifest and code cache are (default dist/fast)
 *   TUNELAB_FAST_DEBUG=1   say on stderr which path ran
 *
 * This file is JavaScript, not TypeScript: the package's tsconfig compiles src/ to ES
 * modules, and the launcher must be CommonJS (checked with // @ts-check).
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const FAST_COMMANDS = new Set([
  "study",
  "trials",
  "best-trial",
  "best-trials",
  "ask",
  "tell",
  "report",
  "should-prune",
]);
const MANIFEST_FORMAT = 1;
const RETRY_BUILD_MS = 10 * 60 * 1000;

const argv = process.argv.slice(2);
const env = process.env;
const dist = path.join(__dirname, "..", "dist");
const fastDir = env.TUNELAB_FAST_DIR || path.join(dist, "fast");
const debug = env.TUNELAB_FAST_DEBUG === "1";
const warmUp = env.TUNELAB_FAST_WARM_UP === "1";

/** The manifest, if the bundle is built and none of the files it watches changed since. */
function freshManifest() {
  let m;
  try {
    m = JSON.parse(fs.readFileSync(path.join(fastDir, "manifest.json"), "utf8"));
  } catch {
    return null;
  }
  if (m === null || m.format !== MANIFEST_FORMAT || !Array.isArray(m.watch)) return null;
  for (const [file, mtimeMs, size] of m.watch) {
    const s = fs.statSync(file, { throwIfNoEntry: false });
    if (s === undefined || s.mtimeMs !== mtimeMs || s.size !== size) return null;
  }
  return m;
}

/** Starts the build of the fast path in the background, unless one is under way. */
function buildInBackground() {
  const builder = path.join(dist, "fast", "build-main.js");
  const lock = path.join(fastDir, ".building");
  try {
    if (!fs.existsSync(builder)) return;
    const s = fs.statSync(lock, { throwIfNoEntry: false });
    if (s !== undefined) {
      if (Date.now() - s.mtimeMs < RETRY_BUILD_MS) return;
      fs.rmSync(lock, { force: true });
    }
    fs.mkdirSync(fastDir, { recursive: true });
    fs.closeSync(fs.openSync(lock, "wx"));
    const { spawn } = require("node:child_process");
    spawn(process.execPath, [builder, "--out", fastDir, "--quiet"], {
      detached: true,
      stdio: "ignore",
    }).unref();
    if (debug) process.stderr.write(`tunelab: building the fast path in ${fastDir}\n`);
  } catch {
    // Another process took the lock, or the directory is read-only: the plain path serves.
  }
}

/** Runs the bundle, compiled with its code cache when there is one; false if it is gone. */
function runFast(manifest) {
  const vm = require("node:vm");
  const Module = require("node:module");
  const file = path.join(fastDir, manifest.bundle);
  const cacheFile = path.join(fastDir, `${manifest.bundle}.${process.version}-${process.arch}.cache`);
  let source;
  try {
    source = fs.readFileSync(file, "utf8");
  } catch {
    return false; // replaced by a build since the manifest was read
  }
  let cachedData;
  if (!warmUp) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, fastDir);
  const bundle = /** @type {{ main(argv: string[]): Promise<number>, warmUp(): Promise<void> }} */ (
    module.exports
  );
  if (debug) {
    const cache = cachedData === undefined ? "none" : script.cachedDataRejected ? "rejected" : "accepted";
    process.stderr.write(`tunelab: fast path ${file} (code cache ${cache})\n`);
  }
  if (warmUp) {
    bundle.warmUp().then(() => {
      const aside = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(aside, script.createCachedData());
      fs.renameSync(aside, cacheFile);
    });
    return true;
  }
  bundle.main(argv).then((code) => {
    process.exitCode = code;
  });
  return true;
}

function runPlain() {
  if (debug) process.stderr.write("tunelab: plain path\n");
  import(require("node:url").pathToFileURL(path.join(dist, "bin.js")).href);
}

/**
 * With TUNELAB_SERVER=auto the bash client `bin/tunelab` found no server and set
 * TUNELAB_SERVER_START=1: start `tunelab server run` in the background for the next calls
 * (it takes the server slot of its directory or exits at once if another server has it).
 */
function startServerInBackground() {
  try {
    const { spawn } = require("node:child_process");
    spawn(process.execPath, [path.join(dist, "bin.js"), "server", "run"], {
      detached: true,
      stdio: "ignore",
      env: { ...env, TUNELAB_SERVER_START: "" },
    }).unref();
    if (debug) process.stderr.write("tunelab: starting a server in the background (TUNELAB_SERVER=auto)\n");
  } catch {
    // This call runs on its own anyway.
  }
}

if (env.TUNELAB_SERVER_START === "1" && fs.existsSync(path.join(dist, "bin.js"))) startServerInBackground();

const fastWanted = env.TUNELAB_FAST !== "0";
const fastCommand = warmUp || FAST_COMMANDS.has(argv[0] ?? "");
const manifest = fastWanted && fastCommand ? freshManifest() : null;
if (manifest !== null && runFast(manifest)) {
  // The fast path runs.
} else if (warmUp) {
  process.stderr.write(`tunelab: no fresh fast path in ${fastDir} to warm up\n`);
  process.exitCode = 1;
} else {
  if (fastWanted && fastCommand && manifest === null) buildInBackground();
  runPlain();
}
