/**
 * Why the k×k Cholesky of L-BFGS-B's middle matrices is hand-written (packages/math/src/optim/
 * small-dense.ts): factor + one solve of a random SPD matrix of order 5 and 10 (the memory
 * sizes that matter: 10 is the default), in place on a Float64Array against ml-matrix 6.15.1's
 * `CholeskyDecomposition` + `solve`. Median of `repeats` batches after warm-up.
 *
 * Run: npm run ts -- benchmarks/optim/small-cholesky.ts [repeats=7]
 */
import { Rng } from "@tunelab/math/random";
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { choleskyInPlace, choleskySolveInPlace } from "../../packages/math/src/optim/small-dense.js";

const repeats = Number(process.argv[2] ?? 7);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** Microseconds per call of f, median over batches of `batch` calls. */
function perCall(f: () => void, batch: number): number {
  for (let w = 0; w < batch; w++) f();
  const ts: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) f();
    ts.push(((performance.now() - t0) * 1000) / batch);
  }
  return median(ts);
}

for (const k of [5, 10]) {
  const rng = Rng.fromSeed(k);
  const m = new Float64Array(k * k).map(() => rng.random() - 0.5);
  const a = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = i === j ? 1 : 0;
      for (let l = 0; l < k; l++) s += m[l * k + i]! * m[l * k + j]!;
      a[i * k + j] = s;
    }
  const b = new Float64Array(k).map(() => rng.random());
  const work = new Float64Array(k * k);
  const rhs = new Float64Array(k);
  let sink = 0;
  const inPlace = perCall(() => {
    work.set(a);
    choleskyInPlace(work, k);
    rhs.set(b);
    choleskySolveInPlace(work, k, rhs, 0);
    sink += rhs[0]!;
  }, 20000);
  const rows = Array.from({ length: k }, (_, i) => Array.from(a.subarray(i * k, i * k + k)));
  const bm = Matrix.columnVector(Array.from(b));
  const lib = perCall(() => {
    const c = new CholeskyDecomposition(new Matrix(rows));
    sink += c.solve(bm).get(0, 0);
  }, 20000);
  console.log(
    `k = ${k}: in place ${inPlace.toFixed(3)} µs, ml-matrix ${lib.toFixed(3)} µs (${(lib / inPlace).toFixed(1)}× slower)`,
  );
  if (!Number.isFinite(sink)) console.log("(checksum not finite)"); // keeps the results live
}
