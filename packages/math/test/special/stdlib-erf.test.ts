import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import stdErfc from "@stdlib/math-base-special-erfc";
import stdErfcinv from "@stdlib/math-base-special-erfcinv";
import stdErfcx from "@stdlib/math-base-special-erfcx";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { erfc, erfcinv, erfcx } from "../../src/special/stdlib-erf.js";

describe("erfc, erfcinv, erfcx (loaded at first call)", () => {
  it("are the @stdlib functions, bit for bit", () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), (x) => {
        expect(Object.is(erfc(x), stdErfc(x))).toBe(true);
        expect(Object.is(erfcx(x), stdErfcx(x))).toBe(true);
      }),
      { seed: 18, numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.double({ min: 0, max: 2, noNaN: true }), (y) => {
        expect(Object.is(erfcinv(y), stdErfcinv(y))).toBe(true);
      }),
      { seed: 18, numRuns: 2000 },
    );
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0]) {
      expect(Object.is(erfc(x), stdErfc(x))).toBe(true);
      expect(Object.is(erfcx(x), stdErfcx(x))).toBe(true);
    }
    expect(erfcinv(0)).toBe(Number.POSITIVE_INFINITY);
    expect(erfcinv(2)).toBe(Number.NEGATIVE_INFINITY);
  });

  it("importing @tunelab/math/random loads no @stdlib erf package until a draw needs one", () => {
    // A fresh Node process (through tsx, on the sources): which @stdlib erf packages are in
    // the CommonJS cache after the import, and after one truncated-normal draw.
    const root = fileURLToPath(new URL("../../../../", import.meta.url));
    const script = `
      import { createRequire } from "node:module";
      const m = await import("@tunelab/math/random");
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((k) => /math-base-special-erfc/.test(k)).length;
      const before = loaded();
      m.truncatedNormal(m.Rng.fromSeed(1), 0, 1, 0.5, 2);
      console.log(JSON.stringify([before, loaded()]));`;
    const out = execFileSync(
      process.execPath,
      ["--conditions=@tunelab/source", "--import", "tsx", "--input-type=module", "-e", script],
      { cwd: root, encoding: "utf8" },
    );
    const [before, after] = JSON.parse(out.trim()) as [number, number];
    expect(before).toBe(0);
    expect(after).toBeGreaterThan(0);
  });
});
