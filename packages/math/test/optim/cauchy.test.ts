import fc from "fast-check";
import { Matrix, solve } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { generalizedCauchyPoint, unconstrainedCauchyPoint } from "../../src/optim/cauchy.js";
import { subspaceMinimization } from "../../src/optim/subspace.js";
import { LbfgsbWorkspace } from "../../src/optim/workspace.js";
import { Rng } from "../../src/random/rng.js";
import { denseBfgs, dot, matVec, randomPairs, randomSpd } from "./dense.js";

/** A random state: box with some infinite sides, x inside (some on bounds), g, and pairs. */
function randomState(seed: number, n: number, m: number, k: number) {
  const rng = Rng.fromSeed(seed);
  const ws = new LbfgsbWorkspace(n, m);
  for (let i = 0; i < n; i++) {
    const lo = rng.random() < 0.2 ? Number.NEGATIVE_INFINITY : -1 - rng.random();
    const hi = rng.random() < 0.2 ? Number.POSITIVE_INFINITY : 1 + rng.random();
    ws.lower[i] = lo;
    ws.upper[i] = hi;
    const r = rng.random();
    ws.x[i] = r < 0.15 && lo > -Infinity ? lo : r > 0.85 && hi < Infinity ? hi : rng.random() * 2 - 1;
    ws.g[i] = rng.random() < 0.1 ? 0 : (rng.random() * 2 - 1) * 3;
  }
  const h = randomSpd(rng, n);
  const pairs = randomPairs(rng, h, n, k);
  for (const { s, y } of pairs) ws.memory.push(s, y, dot(s, y), dot(y, y));
  const kept = pairs.slice(pairs.length - ws.memory.count);
  const b = denseBfgs(kept, ws.memory.theta, n);
  return { ws, b };
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/**
 * The first local minimizer of the model along P(x − t·g), segment by segment, with the
 * dense B and no running updates.
 */
function denseCauchy(ws: LbfgsbWorkspace, b: Float64Array): Float64Array {
  const { n, x, g, lower, upper } = ws;
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    t[i] = gi < 0 ? (x[i]! - upper[i]!) / gi : gi > 0 ? (x[i]! - lower[i]!) / gi : Number.POSITIVE_INFINITY;
  }
  const at = (s: number) =>
    Float64Array.from(x, (xi, i) => (t[i]! > 0 ? clamp(xi - s * g[i]!, lower[i]!, upper[i]!) : xi));
  const stops = [...new Set(Array.from(t).filter((v) => v > 0 && v < Infinity))].sort((p, q) => p - q);
  stops.push(Number.POSITIVE_INFINITY);
  let start = 0;
  for (const end of stops) {
    const z = at(start).map((v, i) => v - x[i]!);
    const dir = Float64Array.from(g, (gi, i) => (t[i]! > start ? -gi : 0));
    const f1 = dot(g, dir) + dot(dir, matVec(b, z));
    const f2 = dot(dir, matVec(b, dir));
    if (f1 >= 0 || f2 <= 0) return at(start);
    const step = -f1 / f2;
    if (start + step < end) return at(start + step);
    start = end;
  }
  return at(start);
}

const cases = fc.tuple(
  fc.integer({ min: 1, max: 8 }),
  fc.integer({ min: 1, max: 5 }),
  fc.integer({ min: 0, max: 7 }),
  fc.integer({ min: 0, max: 2 ** 31 - 1 }),
);

describe("generalizedCauchyPoint", () => {
  it("equals the first minimizer of the model along the projected path (property, dense reference)", () => {
    fc.assert(
      fc.property(cases, ([n, m, k, seed]) => {
        const { ws, b } = randomState(seed, n, m, k);
        expect(ws.memory.factorMiddle()).toBe(true);
        generalizedCauchyPoint(ws);
        const ref = denseCauchy(ws, b);
        for (let i = 0; i < n; i++) expect(ws.xc[i]).toBeCloseTo(ref[i]!, 8);
        // c = Wᵀ(x^c − x)
        const z = Float64Array.from(ws.xc, (v, i) => v - ws.x[i]!);
        const c = new Float64Array(2 * ws.memory.count);
        ws.memory.wTranspose(z, c);
        for (let j = 0; j < c.length; j++) expect(ws.c[j]).toBeCloseTo(c[j]!, 7);
        // The free set: strictly inside the box at x^c, in increasing order.
        const free = [];
        for (let i = 0; i < n; i++) if (ws.xc[i]! > ws.lower[i]! && ws.xc[i]! < ws.upper[i]!) free.push(i);
        expect(Array.from(ws.free.subarray(0, ws.nFree))).toEqual(free);
      }),
    );
  });

  it("with the projected gradient zero stays at x", () => {
    const ws = new LbfgsbWorkspace(2, 3);
    ws.lower.set([0, -1]);
    ws.upper.set([1, 1]);
    ws.x.set([0, 0.5]);
    ws.g.set([2, 0]); // pushes x_0 below its lower bound; x_1 stationary
    generalizedCauchyPoint(ws);
    expect(Array.from(ws.xc)).toEqual([0, 0.5]);
    expect(Array.from(ws.free.subarray(0, ws.nFree))).toEqual([1]);
  });

  it("fixes a variable with lower = upper", () => {
    const ws = new LbfgsbWorkspace(2, 2);
    ws.lower.set([0.5, -Infinity]);
    ws.upper.set([0.5, Infinity]);
    ws.x.set([0.5, 0]);
    ws.g.set([-1, 1]);
    generalizedCauchyPoint(ws);
    expect(ws.xc[0]).toBe(0.5);
    expect(ws.xc[1]).toBeCloseTo(-1, 14); // B = I: minimizer of t·(−1)·1 + t²/2 at t = 1
    expect(Array.from(ws.free.subarray(0, ws.nFree))).toEqual([1]);
  });

  it("unconstrainedCauchyPoint: x^c = x, c = 0, all free", () => {
    const ws = new LbfgsbWorkspace(3, 2);
    ws.x.set([1, 2, 3]);
    ws.c.fill(7);
    unconstrainedCauchyPoint(ws);
    expect(Array.from(ws.xc)).toEqual([1, 2, 3]);
    expect(Array.from(ws.c)).toEqual([0, 0, 0, 0]);
    expect(ws.nFree).toBe(3);
  });
});

describe("subspaceMinimization", () => {
  it("equals the dense model minimizer over the free variables, projected (property)", () => {
    fc.assert(
      fc.property(cases, ([n, m, k, seed]) => {
        if (k === 0) return;
        const { ws, b } = randomState(seed, n, m, k);
        expect(ws.memory.factorMiddle()).toBe(true);
        generalizedCauchyPoint(ws);
        expect(subspaceMinimization(ws)).toBe(true);
        const free = Array.from(ws.free.subarray(0, ws.nFree));
        const { x, g, xc, lower, upper } = ws;
        const expected = Float64Array.from(xc);
        if (free.length > 0) {
          // ∇m(x^c) = g + B(x^c − x); solve B_FF·d = −∇m_F.
          const grad = matVec(
            b,
            Float64Array.from(xc, (v, i) => v - x[i]!),
          ).map((v, i) => v + g[i]!);
          const bff = new Matrix(free.map((i) => free.map((j) => b[i * n + j]!)));
          const d = solve(bff, Matrix.columnVector(free.map((i) => -grad[i]!))).getColumn(0);
          free.forEach((i, a) => {
            expected[i] = clamp(xc[i]! + d[a]!, lower[i]!, upper[i]!);
          });
          let slope = 0;
          for (let i = 0; i < n; i++) slope += g[i]! * (expected[i]! - x[i]!);
          if (slope >= 0) {
            // Morales–Nocedal fallback: the truncated step.
            let alpha = 1;
            free.forEach((i, a) => {
              const di = d[a]!;
              if (di > 0) alpha = Math.min(alpha, (upper[i]! - xc[i]!) / di);
              if (di < 0) alpha = Math.min(alpha, (lower[i]! - xc[i]!) / di);
            });
            free.forEach((i, a) => {
              expected[i] = clamp(xc[i]! + alpha * d[a]!, lower[i]!, upper[i]!);
            });
          }
        }
        for (let i = 0; i < n; i++) expect(ws.xBar[i]).toBeCloseTo(expected[i]!, 7);
      }),
    );
  });

  it("without bounds gives the quasi-Newton step x − B⁻¹g", () => {
    const rng = Rng.fromSeed(11);
    const n = 5;
    const ws = new LbfgsbWorkspace(n, 4);
    ws.lower.fill(Number.NEGATIVE_INFINITY);
    ws.upper.fill(Number.POSITIVE_INFINITY);
    for (let i = 0; i < n; i++) {
      ws.x[i] = rng.random();
      ws.g[i] = rng.random() - 0.5;
    }
    const pairs = randomPairs(rng, randomSpd(rng, n), n, 3);
    for (const { s, y } of pairs) ws.memory.push(s, y, dot(s, y), dot(y, y));
    const b = denseBfgs(pairs, ws.memory.theta, n);
    ws.memory.factorMiddle();
    unconstrainedCauchyPoint(ws);
    subspaceMinimization(ws);
    // B·(x̄ − x) = −g
    const step = Float64Array.from(ws.xBar, (v, i) => v - ws.x[i]!);
    const bs = matVec(b, step);
    for (let i = 0; i < n; i++) expect(bs[i]).toBeCloseTo(-ws.g[i]!, 10);
  });
});
