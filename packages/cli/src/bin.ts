#!/usr/bin/env node
/**
 * The plain entry of `tunelab`, an ES module. The `tunelab` executable is `bin/tunelab.cjs`,
 * which runs the bundled fast path when it can and this file otherwise.
 */
import { lazyProcessIo } from "./fast/lazy-io.js";
import { run } from "./program.js";

process.exitCode = await run(process.argv.slice(2), lazyProcessIo());
