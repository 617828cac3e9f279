import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AcquisitionSpec,
  createAcquisition,
  type GpModel,
  gpModel,
  logEi,
  posterior,
} from "../../src/gp/index.js";
import { hypervolume } from "../../src/pareto/index.js";
import { Rng } from "../../src/random/index.js";
import { normalLogCdf } from "../../src/special/index.js";
import { hyper, randomPoints, smooth } from "./helpers.js";

function model(
  rng: Rng,
  n: number,
  d: number,
  shift: number,
  mask?: Uint8Array,
): { m: GpModel; y: Float64Array } {
  const x = randomPoints(rng, n, d, mask);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = smooth(x, d, i) * (1 + shift) + shift * x[i * d]! * 3;
  const ls = Array.from({ length: d }, () => 0.2 + 0.6 * rng.random());
  return { m: gpModel(x, y, hyper(ls, 0.5 + rng.random(), 1e-4), { categorical: mask }), y };
}

function checkGradient(spec: AcquisitionSpec, q: Float64Array, mask?: Uint8Array): void {
  const acq = createAcquisition(spec);
  const d = acq.dimension;
  const grad = new Float64Array(d);
  const v = acq.valueAndGradient(q, grad);
  expect(v).toBeCloseTo(acq.value(q), 12);
  const eps = 1e-6;
  for (let t = 0; t < d; t++) {
    if (mask?.[t] === 1) {
      expect(grad[t] === 0).toBe(true);
      continue;
    }
    const up = Float64Array.from(q);
    up[t] = up[t]! + eps;
    const down = Float64Array.from(q);
    down[t] = down[t]! - eps;
    const fd = (acq.value(up) - acq.value(down)) / (2 * eps);
    expect(Math.abs(grad[t]! - fd)).toBeLessThan(2e-4 * Math.max(1, Math.abs(fd)));
  }
}

describe("createAcquisition", () => {
  it("logEi equals logEi(μ, v, best) of the posterior, value by value and batched", () => {
    const rng = Rng.fromSeed(1);
    const { m, y } = model(rng, 15, 2, 0);
    const best = Math.min(...y);
    const acq = createAcquisition({ kind: "logEi", model: m, best });
    const q = randomPoints(rng, 300, 2);
    const p = posterior(m, q);
    const batch = acq.values(q, 300);
    for (let i = 0; i < 300; i++) {
      const v = Math.max(p.variance[i]!, 1e-12 * m.yStd * m.yStd);
      const expected = logEi(p.mean[i]!, v, best);
      expect(Math.abs(batch[i]! - expected)).toBeLessThan(1e-11 * Math.max(1, Math.abs(expected)));
      expect(Math.abs(acq.value(q.slice(2 * i, 2 * i + 2)) - batch[i]!)).toBeLessThan(
        1e-11 * Math.max(1, Math.abs(expected)),
      );
    }
  });

  it("gradients in x equal central differences: logEi, logEi with constraints, UCB, logEhvi (property)", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 4 }),
        (seed, d, which) => {
          const rng = Rng.fromSeed(seed);
          const mask = new Uint8Array(d);
          if (d === 3) mask[2] = 1;
          const a = model(rng, 12, d, 0, mask);
          const b = model(rng, 12, d, 0.5, mask);
          const c = model(rng, 10, d, 0.2, mask);
          const q = randomPoints(rng, 1, d, mask);
          const best = Math.min(...a.y) - rng.random() * 3; // sometimes far below: the tail of log EI
          const observed = new Float64Array(24);
          for (let i = 0; i < 12; i++) {
            observed[2 * i] = a.y[i]!;
            observed[2 * i + 1] = b.y[i]!;
          }
          const specs: AcquisitionSpec[] = [
            { kind: "logEi", model: a.m, best },
            { kind: "logEi", model: a.m, best, constraints: [c.m] },
            { kind: "ucb", model: a.m, beta: 2 },
            {
              kind: "logEhvi",
              models: [a.m, b.m],
              observed,
              reference: [Math.max(...a.y) + 1, Math.max(...b.y) + 1],
            },
            { kind: "logEi", model: a.m, best: Number.POSITIVE_INFINITY, constraints: [c.m, b.m] },
          ];
          checkGradient(specs[which]!, q, mask);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("logEhvi with 3 objectives: gradient equals central differences, batched equals one by one", () => {
    const rng = Rng.fromSeed(9);
    const ms = [model(rng, 10, 2, 0), model(rng, 10, 2, 0.4), model(rng, 10, 2, 0.8)];
    const observed = new Float64Array(30);
    for (let i = 0; i < 10; i++) for (let j = 0; j < 3; j++) observed[3 * i + j] = ms[j]!.y[i]!;
    const spec: AcquisitionSpec = {
      kind: "logEhvi",
      models: ms.map((x) => x.m),
      observed,
      reference: [5, 5, 5],
    };
    for (let r = 0; r < 5; r++) checkGradient(spec, randomPoints(rng, 1, 2));
    const acq = createAcquisition(spec);
    const q = randomPoints(rng, 20, 2);
    const batch = acq.values(q, 20);
    for (let i = 0; i < 20; i++) expect(batch[i]).toBeCloseTo(acq.value(q.slice(2 * i, 2 * i + 2)), 10);
  });

  it("logEhvi with one objective is log EI at the best observed value", () => {
    const rng = Rng.fromSeed(3);
    const { m, y } = model(rng, 12, 2, 0);
    const ehvi = createAcquisition({
      kind: "logEhvi",
      models: [m],
      observed: y,
      reference: [Math.max(...y) + 1],
    });
    const ei = createAcquisition({ kind: "logEi", model: m, best: Math.min(...y) });
    const q = randomPoints(rng, 50, 2);
    const a = ehvi.values(q, 50);
    const b = ei.values(q, 50);
    for (let i = 0; i < 50; i++) expect(a[i]).toBeCloseTo(b[i]!, 9);
  });

  it("logEhvi equals the log of a seeded Monte-Carlo expectation of the hypervolume improvement (2 objectives)", () => {
    const rng = Rng.fromSeed(11);
    const a = model(rng, 10, 2, 0);
    const b = model(rng, 10, 2, 0.6);
    const observed = new Float64Array(20);
    for (let i = 0; i < 10; i++) {
      observed[2 * i] = a.y[i]!;
      observed[2 * i + 1] = b.y[i]!;
    }
    const reference = [Math.max(...a.y) + 0.5, Math.max(...b.y) + 0.5];
    const acq = createAcquisition({ kind: "logEhvi", models: [a.m, b.m], observed, reference });
    const base = hypervolume(observed, 2, reference);
    const mc = Rng.fromSeed(12345);
    // Points where the improvement is not a rare event, so that 40,000 draws pin it down:
    // the check is |log EHVI - log(mean)| < 4 standard errors (relative) + 0.005.
    let checked = 0;
    for (let r = 0; r < 12; r++) {
      const q = randomPoints(rng, 1, 2);
      const pa = posterior(a.m, q);
      const pb = posterior(b.m, q);
      const sa = Math.sqrt(pa.variance[0]!);
      const sb = Math.sqrt(pb.variance[0]!);
      const samples = 40_000;
      const pts = new Float64Array(observed.length + 2);
      pts.set(observed);
      let sum = 0;
      let sumSq = 0;
      for (let s = 0; s < samples; s++) {
        pts[observed.length] = pa.mean[0]! + sa * mc.normal();
        pts[observed.length + 1] = pb.mean[0]! + sb * mc.normal();
        const hvi = hypervolume(pts, 2, reference) - base;
        sum += hvi;
        sumSq += hvi * hvi;
      }
      const est = sum / samples;
      const relSe = Math.sqrt(Math.max(0, sumSq / samples - est * est) / samples) / est;
      if (!(relSe < 0.01)) continue;
      checked++;
      expect(Math.abs(acq.value(q) - Math.log(est))).toBeLessThan(4 * relSe + 0.005);
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it("the feasibility term is Σ log Φ((0 - μ_c)/σ_c) when no point is feasible yet", () => {
    const rng = Rng.fromSeed(4);
    const c1 = model(rng, 10, 2, 0);
    const c2 = model(rng, 10, 2, 0.3);
    const acq = createAcquisition({
      kind: "logEi",
      model: c1.m,
      best: Number.POSITIVE_INFINITY,
      constraints: [c1.m, c2.m],
    });
    const q = Float64Array.of(0.3, 0.6);
    const p1 = posterior(c1.m, q);
    const p2 = posterior(c2.m, q);
    const expected =
      normalLogCdf(-p1.mean[0]! / Math.sqrt(p1.variance[0]!)) +
      normalLogCdf(-p2.mean[0]! / Math.sqrt(p2.variance[0]!));
    expect(acq.value(q)).toBeCloseTo(expected, 10);
  });

  it("refuses malformed specs with the argument named", () => {
    const rng = Rng.fromSeed(2);
    const a = model(rng, 5, 2, 0).m;
    const b = model(rng, 5, 3, 0).m;
    expect(() => createAcquisition({ kind: "logEi", model: a, best: Number.NaN })).toThrow(
      /best must be a number/,
    );
    expect(() => createAcquisition({ kind: "logEi", model: a, best: Number.POSITIVE_INFINITY })).toThrow(
      /needs constraints/,
    );
    expect(() => createAcquisition({ kind: "logEi", model: a, best: 0, constraints: [b] })).toThrow(
      /model 0 has D=3, expected D=2/,
    );
    expect(() => createAcquisition({ kind: "ucb", model: a, beta: -1 })).toThrow(
      /beta must be finite and >= 0/,
    );
    expect(() =>
      createAcquisition({
        kind: "logEhvi",
        models: [a, a],
        observed: new Float64Array(3),
        reference: [1, 1],
      }),
    ).toThrow(/multiple of m=2/);
    expect(() =>
      createAcquisition({ kind: "logEhvi", models: [], observed: new Float64Array(0), reference: [] }),
    ).toThrow(/one GP per objective/);
    expect(() => createAcquisition({ kind: "nope" } as unknown as AcquisitionSpec)).toThrow(
      /spec.kind must be/,
    );
  });
});
