import { describe, expect, it } from "vitest";
import { runPool } from "../../src/pool/pool.js";
import { ThreadExecutor } from "../../src/pool/thread.js";
import type { SquareJob } from "./fixtures/square-worker.js";

const entry = new URL("./fixtures/square-worker.ts", import.meta.url);

describe("ThreadExecutor", () => {
  it("runs jobs in a worker thread (from the TypeScript sources through tsx)", async () => {
    const executor = new ThreadExecutor<SquareJob, number>(entry);
    try {
      expect(await executor.run({ n: 3 })).toBe(9);
      expect(await Promise.all([executor.run({ n: 4, waitMs: 5 }), executor.run({ n: 5 })])).toEqual([
        16, 25,
      ]);
    } finally {
      await executor.close();
    }
  });

  it("rejects with the error the job threw (name and message) and goes on", async () => {
    const executor = new ThreadExecutor<SquareJob, number>(entry);
    try {
      const error = (await executor.run({ n: 2, fail: true }).then(
        () => null,
        (e: unknown) => e,
      )) as Error;
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe("RangeError");
      expect(error.message).toBe("square: no square for 2");
      expect(await executor.run({ n: 6 })).toBe(36);
    } finally {
      await executor.close();
    }
  });

  it("rejects the jobs in flight when closed, and every later job", async () => {
    const executor = new ThreadExecutor<SquareJob, number>(entry);
    expect(await executor.run({ n: 1 })).toBe(1);
    const inFlight = executor.run({ n: 7, waitMs: 10_000 });
    await executor.close();
    await expect(inFlight).rejects.toThrow(/closed while the job was running/);
    await expect(executor.run({ n: 1 })).rejects.toThrow();
  });

  it("serves a pool of two worker threads", async () => {
    const jobs = Array.from({ length: 10 }, (_, n) => ({ n, waitMs: n % 3 }));
    const results = await runPool(jobs, {
      parallel: 2,
      makeExecutor: () => new ThreadExecutor<SquareJob, number>(entry),
    });
    expect(results.slice().sort((a, b) => a - b)).toEqual(jobs.map(({ n }) => n * n));
  });
});
