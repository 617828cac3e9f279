import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orthonormalize, projectOut } from "../../src/linalg/gram-schmidt.js";

const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, v, i) => s + v * b[i]!, 0);

describe("orthonormalize", () => {
  it("returns orthonormal vectors spanning the input, dropping dependent ones", () => {
    const v = [
      Float64Array.of(1, 1, 0),
      Float64Array.of(2, 2, 0),
      Float64Array.of(1, 0, 1),
      Float64Array.of(0, 0, 0),
    ];
    const q = orthonormalize(v);
    expect(q.length).toBe(2);
    expect(dot(q[0]!, q[0]!)).toBeCloseTo(1, 14);
    expect(dot(q[1]!, q[1]!)).toBeCloseTo(1, 14);
    expect(dot(q[0]!, q[1]!)).toBeCloseTo(0, 14);
    expect(orthonormalize([])).toEqual([]);
    expect(orthonormalize([Float64Array.of(Number.NaN, 1)])).toEqual([]);
  });

  it("extending a basis equals orthonormalizing everything at once (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.integer({ min: 0, max: 4 }),
        (rows, cut) => {
          const v = rows.map((r) => Float64Array.from(r));
          const k = Math.min(cut, v.length);
          const all = orthonormalize(v);
          const ext = orthonormalize(v.slice(k), orthonormalize(v.slice(0, k)));
          expect(ext.length).toBe(all.length);
          ext.forEach((q, i) => {
            for (let j = 0; j < 4; j++) expect(q[j]).toBeCloseTo(all[i]![j]!, 9);
          });
        },
      ),
    );
  });
});

describe("projectOut", () => {
  it("leaves v orthogonal to each direction and keeps its component outside them", () => {
    const v = Float64Array.of(3, 4, 5);
    projectOut(v, [Float64Array.of(1, 0, 0), Float64Array.of(0, 0.6, 0.8)]);
    expect(v[0]).toBe(0);
    expect(v[1]! * 0.6 + v[2]! * 0.8).toBeCloseTo(0, 14);
    // the part of (3, 4, 5) along (0, 0.8, -0.6) is 0.2
    expect(v[1]).toBeCloseTo(0.16, 14);
    expect(v[2]).toBeCloseTo(-0.12, 14);
    const w = Float64Array.of(1, 2);
    projectOut(w, []);
    expect(Array.from(w)).toEqual([1, 2]);
  });

  it("projects from the reduced vector: v − (vᵀq₁)q₁ − (v'ᵀq₂)q₂ (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 3, maxLength: 3 }), {
          minLength: 1,
          maxLength: 4,
        }),
        (rows) => {
          const basis = orthonormalize(rows.slice(1).map((r) => Float64Array.from(r)));
          const v = Float64Array.from(rows[0]!);
          const want = Float64Array.from(v);
          for (const q of basis) {
            const d = dot(want, q);
            for (let i = 0; i < 3; i++) want[i] = want[i]! - d * q[i]!;
          }
          projectOut(v, basis);
          expect(Array.from(v)).toEqual(Array.from(want));
          for (const q of basis) expect(Math.abs(dot(v, q))).toBeLessThan(1e-12 * 100);
        },
      ),
    );
  });
});
