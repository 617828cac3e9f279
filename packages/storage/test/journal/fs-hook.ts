/**
 * Another process acting at one exact moment inside a synchronous step of the journal's code
 * (a worker breaking a lock during a write, a pause just before a look at the lock): the test
 * replaces one function of node:fs, for one `body`, by one that runs `hook` first on the calls
 * it picks. The journal's modules import node:fs as a namespace, whose bindings follow the
 * module object after `syncBuiltinESMExports()`.
 */
import type * as fsTypes from "node:fs";
import { createRequire, syncBuiltinESMExports } from "node:module";

const mutableFs = createRequire(import.meta.url)("node:fs") as typeof fsTypes;

/** The functions of node:fs a test may hook. */
export type HookedFsFunction = "fsyncSync" | "lstatSync";

/**
 * Runs `body` with `fs[name]` calling `hook(...args)` before itself until `hook` returns true
 * (it acted: later calls go straight to node:fs); restores node:fs afterwards.
 * @returns what `body` returns, and whether `hook` acted.
 */
export async function withFsHook<T>(
  name: HookedFsFunction,
  hook: (...args: unknown[]) => boolean,
  body: () => Promise<T>,
): Promise<{ readonly result: T; readonly acted: boolean }> {
  const slot = mutableFs as unknown as Record<HookedFsFunction, (...args: unknown[]) => unknown>;
  const original = slot[name];
  let acted = false;
  let inHook = false; // node:fs calls its own exports (rmSync calls lstatSync): not the hook again
  slot[name] = (...args: unknown[]): unknown => {
    if (!acted && !inHook) {
      inHook = true;
      try {
        acted = hook(...args);
      } finally {
        inHook = false;
      }
    }
    return original(...args);
  };
  syncBuiltinESMExports();
  try {
    return { result: await body(), acted };
  } finally {
    slot[name] = original;
    syncBuiltinESMExports();
  }
}
