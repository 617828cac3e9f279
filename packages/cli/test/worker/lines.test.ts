import { describe, expect, it } from "vitest";
import { LineSplitter, TailBuffer } from "../../src/worker/lines.js";

describe("LineSplitter", () => {
  it("hands on whole lines across chunks, without \\n or \\r\\n, and the last one at end", () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l));
    for (const chunk of ["a", "b\nc", "\r\n", "\n", "d"]) s.push(chunk);
    expect(lines).toEqual(["ab", "c", ""]);
    s.end();
    expect(lines).toEqual(["ab", "c", "", "d"]);
    s.end();
    expect(lines).toEqual(["ab", "c", "", "d"]);
  });

  it("cuts a line longer than maxLine into pieces", () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l), 4);
    s.push("0123456789");
    s.push("\n");
    expect(lines).toEqual(["0123", "4567", "89"]);
  });
});

describe("TailBuffer", () => {
  it("keeps the last lines and characters", () => {
    const t = new TailBuffer(2, 9);
    expect(t.text()).toBe("");
    for (const l of ["one", "two", "three"]) t.push(l);
    expect(t.text()).toBe("two\nthree");
    t.push("four-five");
    expect(t.text()).toBe("...four-five"); // the last 9 characters of "three\nfour-five"
    t.clear();
    expect(t.text()).toBe("");
  });
});
