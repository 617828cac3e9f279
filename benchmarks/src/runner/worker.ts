/**
 * The worker-thread entry of the parallel runner: receives cells, runs them, posts records.
 * Messages in: `{ id, cell }`; out: `{ id, record }`.
 */
import { parentPort } from "node:worker_threads";
import { runTunelabCell } from "./run-cell.js";
import type { RunCell } from "./types.js";

if (parentPort === null) throw new Error("worker.ts: must run as a worker thread");
const port = parentPort;
port.on("message", (msg: { id: number; cell: RunCell }) => {
  void runTunelabCell(msg.cell).then((record) => port.postMessage({ id: msg.id, record }));
});
