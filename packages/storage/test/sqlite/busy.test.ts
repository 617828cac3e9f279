/** retryWhileBusy: SQLITE_BUSY is retried until the busy timeout; anything else is thrown at once. */
import { Rng } from "@tunelab/math/random";
import { describe, expect, it } from "vitest";
import { isBusy, retryWhileBusy } from "../../src/sqlite/busy.js";

const busy = (code = "SQLITE_BUSY"): Error => Object.assign(new Error("database is locked"), { code });

describe("retryWhileBusy", () => {
  const policy = (timeoutMs: number) => ({
    timeoutMs,
    rng: Rng.fromSeed(1),
    onTimeout: (waited: number, last: unknown) =>
      new Error(`gave up after ${waited >= 0 ? "waiting" : "?"}: ${(last as Error).message}`),
  });

  it("retries an attempt that fails with SQLITE_BUSY (and its extended codes) until it succeeds", async () => {
    let calls = 0;
    const codes = ["SQLITE_BUSY", "SQLITE_BUSY_SNAPSHOT", "SQLITE_BUSY_RECOVERY"];
    const result = await retryWhileBusy(() => {
      if (calls < codes.length) throw busy(codes[calls++]);
      return "done";
    }, policy(60_000));
    expect(result).toBe("done");
    expect(calls).toBe(3);
  });

  it("throws any other error at once, without retrying", async () => {
    let calls = 0;
    await expect(
      retryWhileBusy(() => {
        calls++;
        throw Object.assign(new Error("constraint"), { code: "SQLITE_CONSTRAINT_UNIQUE" });
      }, policy(60_000)),
    ).rejects.toThrow("constraint");
    expect(calls).toBe(1);
  });

  it("throws the policy's error once the timeout has passed", async () => {
    let calls = 0;
    await expect(
      retryWhileBusy(() => {
        calls++;
        throw busy();
      }, policy(0)),
    ).rejects.toThrow("gave up after waiting: database is locked");
    expect(calls).toBe(1);
  });

  it("isBusy reads SQLite's result code only", () => {
    expect(isBusy(busy())).toBe(true);
    expect(isBusy(busy("SQLITE_LOCKED"))).toBe(false);
    expect(isBusy(new Error("database is locked"))).toBe(false);
    expect(isBusy("SQLITE_BUSY")).toBe(false);
  });
});
