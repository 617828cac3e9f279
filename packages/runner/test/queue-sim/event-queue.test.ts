import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventQueue } from "../../src/queue-sim/index.js";

describe("EventQueue", () => {
  it("pops by time, ties in push order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
        const q = new EventQueue<number>();
        for (let i = 0; i < times.length; i++) q.push(times[i]!, i);
        const out: [number, number][] = [];
        for (let e = q.pop(); e !== undefined; e = q.pop()) out.push([e.time, e.payload]);
        const expected = times
          .map((t, i) => [t, i] as [number, number])
          .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(out).toEqual(expected);
        expect(q.size).toBe(0);
      }),
    );
  });

  it("interleaved pushes and pops keep the order", () => {
    const q = new EventQueue<string>();
    q.push(5, "b");
    q.push(1, "a");
    expect(q.pop()?.payload).toBe("a");
    q.push(5, "c");
    q.push(3, "x");
    expect(q.peek()?.payload).toBe("x");
    expect([q.pop()?.payload, q.pop()?.payload, q.pop()?.payload, q.pop()]).toEqual([
      "x",
      "b",
      "c",
      undefined,
    ]);
  });

  it("refuses a time that is not finite", () => {
    const q = new EventQueue<number>();
    expect(() => q.push(Number.NaN, 0)).toThrow(/EventQueue.push: time must be a finite number/);
    expect(() => q.push(Number.POSITIVE_INFINITY, 0)).toThrow(RangeError);
  });
});
