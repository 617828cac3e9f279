/**
 * Evaluation throughput of the test functions: millions of evaluations per second of the
 * vector form (`evaluateVector`, allocation-free) and of the record form (`evaluate(params)`),
 * on fixed random points. Timing only; nothing here is asserted.
 *
 *     npm run ts -- test-functions/bench/evaluate.bench.ts
 */
import { Rng } from "@tunelab/math/random";
import { bbob } from "../src/bbob/index.js";
import { type BoxFunction, vectorToParams } from "../src/box/index.js";
import { standardFunctions } from "../src/registry/index.js";

function points(f: BoxFunction, n: number, rng: Rng): Float64Array[] {
  return Array.from({ length: n }, () =>
    Float64Array.from(f.lower, (lo, i) => lo + (f.upper[i]! - lo) * rng.random()),
  );
}

function rate(run: () => number, minMs = 300): number {
  let reps = 0;
  let sink = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    sink += run();
    reps++;
    t = performance.now();
  }
  if (Number.isNaN(sink)) console.log("");
  return (reps * 1000) / (t - t0);
}

const rng = Rng.fromSeed(1);
const fns: BoxFunction[] = [...standardFunctions()];
for (const f of [1, 8, 15, 16, 21, 23, 24]) fns.push(bbob(f, 10));
console.log("function                 vector Meval/s   record Meval/s   ratio");
for (const f of fns) {
  const xs = points(f, 1000, rng);
  const ps = xs.map(vectorToParams);
  const vec =
    rate(() => {
      let s = 0;
      for (const x of xs) s += f.evaluateVector(x);
      return s;
    }) * xs.length;
  const rec =
    rate(() => {
      let s = 0;
      for (const p of ps) s += f.evaluate(p);
      return s;
    }) * ps.length;
  console.log(
    `${f.name.padEnd(24)} ${(vec / 1e6).toFixed(2).padStart(14)}   ${(rec / 1e6).toFixed(2).padStart(14)}   ${(vec / rec).toFixed(2).padStart(5)}`,
  );
}
