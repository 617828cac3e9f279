/**
 * The worker-thread entry of the parallel runner: runs the cells the pool sends it (see
 * `@tunelab/runner`'s `serveJobs` and `ThreadExecutor`).
 */
import { serveJobs } from "@tunelab/runner/pool";
import { runTunelabCell } from "./run-cell.js";
import type { RunCell } from "./types.js";

serveJobs((cell: RunCell) => runTunelabCell(cell));
