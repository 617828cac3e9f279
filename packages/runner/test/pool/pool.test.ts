import { describe, expect, it } from "vitest";
import { type Executor, InProcessExecutor } from "../../src/pool/executor.js";
import { runPool } from "../../src/pool/pool.js";

/** An executor that records what it ran and when it was closed, and waits `delay(job)` ms per job. */
class Recording implements Executor<number, string> {
  static running = 0;
  static maxRunning = 0;
  readonly ran: number[] = [];
  closed = false;
  constructor(
    readonly kind: string,
    private readonly delay: (job: number) => number = () => 0,
  ) {}
  async run(job: number): Promise<string> {
    Recording.running++;
    Recording.maxRunning = Math.max(Recording.maxRunning, Recording.running);
    await new Promise((resolve) => setTimeout(resolve, this.delay(job)));
    Recording.running--;
    this.ran.push(job);
    return `${this.kind}:${job}`;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

describe("runPool", () => {
  it("runs every job once and gives results in completion order, through onResult too", async () => {
    const seen: [string, number][] = [];
    const results = await runPool([30, 0, 10], {
      parallel: 3,
      makeExecutor: (kind) => new Recording(kind, (ms) => ms),
      onResult: (r, job) => seen.push([r, job]),
    });
    expect(results).toEqual(["default:0", "default:10", "default:30"]);
    expect(seen).toEqual([
      ["default:0", 0],
      ["default:10", 10],
      ["default:30", 30],
    ]);
  });

  it("runs at most `parallel` jobs at once, with one executor per slot and kind, all closed at the end", async () => {
    Recording.running = 0;
    Recording.maxRunning = 0;
    const made: Recording[] = [];
    const jobs = Array.from({ length: 12 }, (_, i) => i);
    const results = await runPool(jobs, {
      parallel: 3,
      kindOf: (job) => (job % 2 === 0 ? "even" : "odd"),
      makeExecutor: (kind) => {
        const e = new Recording(kind, (job) => job % 3);
        made.push(e);
        return e;
      },
    });
    expect(results.slice().sort()).toEqual(jobs.map((j) => `${j % 2 === 0 ? "even" : "odd"}:${j}`).sort());
    expect(Recording.maxRunning).toBeLessThanOrEqual(3);
    expect(made.length).toBeLessThanOrEqual(6);
    for (const e of made) {
      expect(e.closed).toBe(true);
      expect(e.ran.every((job) => (job % 2 === 0 ? "even" : "odd") === e.kind)).toBe(true);
    }
  });

  it("uses one slot for one job, and none for no job", async () => {
    let made = 0;
    const make = () => {
      made++;
      return new InProcessExecutor((n: number) => n + 1);
    };
    expect(await runPool([1], { parallel: 8, makeExecutor: make })).toEqual([2]);
    expect(made).toBe(1);
    expect(await runPool([], { parallel: 8, makeExecutor: make })).toEqual([]);
    expect(made).toBe(1);
  });

  it("rejects when a job fails, after every slot has stopped and closed its executors", async () => {
    const made: Recording[] = [];
    const failing: Executor<number, string> = {
      run: (job) => (job === 3 ? Promise.reject(new Error("job 3 failed")) : Promise.resolve(`ok:${job}`)),
      close: async () => {},
    };
    let started = 0;
    await expect(
      runPool([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], {
        parallel: 2,
        kindOf: (job) => (job === 3 ? "failing" : "fine"),
        makeExecutor: (kind) => {
          if (kind === "failing") return failing;
          const e = new Recording(kind, () => 1);
          made.push(e);
          return e;
        },
        onResult: () => started++,
      }),
    ).rejects.toThrow("job 3 failed");
    expect(started).toBeLessThan(9);
    for (const e of made) expect(e.closed).toBe(true);
  });

  it("validates parallel", async () => {
    const makeExecutor = () => new InProcessExecutor((n: number) => n);
    await expect(runPool([1], { parallel: 0, makeExecutor })).rejects.toThrow(
      /runPool: parallel must be an integer >= 1, got 0/,
    );
    await expect(runPool([1], { parallel: 1.5, makeExecutor })).rejects.toThrow(RangeError);
  });
});

describe("InProcessExecutor", () => {
  it("runs the function; a throw rejects", async () => {
    const e = new InProcessExecutor((n: number) => {
      if (n < 0) throw new RangeError("negative");
      return Math.sqrt(n);
    });
    expect(await e.run(9)).toBe(3);
    await expect(e.run(-1)).rejects.toThrow(RangeError);
    await e.close();
  });
});
