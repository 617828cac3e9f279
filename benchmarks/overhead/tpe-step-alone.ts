/**
 * Issue 18: the TPE step alone, outside a study, on the inputs a TpeSampler gives it after a
 * warm start at n finished trials (tpe-scale.ts's setting: 10-D sphere on [-5, 5]^10, a
 * history of uniform draws, below = the 25 best in trial order, above = the rest in trial
 * order with the orders that sort each column, Scott's bandwidth), against parzen-scale.ts's
 * setting (scaled-range bandwidth, no orders, l and g from one distribution). Separates what
 * the step's inputs cost from what the study around the step adds (compare with the step's
 * share of a trial in a profile of `tpe-scale.ts --profile DIR`).
 *
 * Per size, CPU per call (process.cpuUsage, every thread) of: the whole step with TPE's
 * inputs; the same without the orders; building g alone (with TPE's inputs, then in
 * parzen-scale's setting); and, with `--against DIR` (another checkout, e.g. the parent
 * commit), the whole step of that tree on the same inputs, the two trees alternating call by
 * call. Each size is run twice (the second pass after V8 has compiled everything).
 *
 *   npm run ts -- benchmarks/overhead/tpe-step-alone.ts [--against DIR] [N...]
 *     (default N: 10000 30000 100000)
 */
import { resolve } from "node:path";
import { buildParzenEstimatorFromColumns, type ParzenDimension } from "@tunelab/math/parzen";
import { Rng } from "@tunelab/math/random";
import { resolveTpeOptions, type TpeObservations, tpeStep, tpeStepOptions } from "@tunelab/math/tpe";

const argv = process.argv.slice(2);
const dirAt = argv.indexOf("--against");
const sizes = argv.filter((a, i) => /^\d+$/.test(a) && i !== dirAt + 1).map(Number);
if (sizes.length === 0) sizes.push(10000, 30000, 100000);
type Step = typeof tpeStep;
const other: Step | null =
  dirAt < 0
    ? null
    : ((await import(`${resolve(argv[dirAt + 1]!)}/packages/math/src/tpe/index.ts`)) as { tpeStep: Step })
        .tpeStep;

const D = 10;
const dims: ParzenDimension[] = Array.from({ length: D }, () => ({ kind: "continuous", low: -5, high: 5 }));
// TpeSampler's joint step: its default options, Scott's bandwidth.
const step = tpeStepOptions(resolveTpeOptions("tpe-step-alone", {}), { kind: "scott" });
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};

/** What TPE passes to its step at n trials of uniform draws on the sphere. */
function tpeInputs(n: number): { below: TpeObservations; above: TpeObservations; plain: TpeObservations } {
  const rng = Rng.fromSeed(n);
  const xs = Array.from({ length: D }, () => new Float64Array(n));
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < D; d++) {
      const v = -5 + 10 * rng.random();
      xs[d]![i] = v;
      f[i] = f[i]! + v * v;
    }
  }
  const best = new Uint8Array(n);
  const byValue = Array.from({ length: n }, (_, i) => i).sort((a, b) => f[a]! - f[b]! || a - b);
  for (const i of byValue.slice(0, 25)) best[i] = 1;
  const pick = (keep: number): Float64Array[] =>
    xs.map((c) => Float64Array.from(c.filter((_, i) => best[i] === keep)));
  const above = pick(0);
  const order = above.map((c) => {
    const idx = Array.from({ length: c.length }, (_, i) => i).sort((a, b) => c[a]! - c[b]! || a - b);
    return Int32Array.from(idx);
  });
  return { below: { columns: pick(1) }, above: { columns: above, order }, plain: { columns: above } };
}

let sink = 0;
for (const pass of [1, 2]) {
  for (const n of sizes) {
    const { below, above, plain } = tpeInputs(n);
    const reps = Math.max(4, Math.round(300_000 / n));
    const time = (f: () => number): number => {
      const t0 = cpuMs();
      for (let r = 0; r < reps; r++) sink += f();
      return (cpuMs() - t0) / reps;
    };
    const rng = Rng.fromSeed(1);
    const whole = time(() => tpeStep(dims, below, above, rng, step)[0]!);
    const noOrder = time(() => tpeStep(dims, below, plain, rng, step)[0]!);
    const gOptions = { bandwidth: step.bandwidth!, weights: step.weights!, order: above.order! };
    const buildG = time(() => buildParzenEstimatorFromColumns(dims, above.columns, gOptions).logBase[0]!);
    const scaled = { bandwidth: { kind: "scaled-range" } as const };
    const buildScaled = time(() => buildParzenEstimatorFromColumns(dims, above.columns, scaled).logBase[0]!);
    let vs = "";
    if (other !== null) {
      // Alternating call by call: [this, other] CPU.
      const cpu = [0, 0];
      for (let r = 0; r < reps; r++) {
        for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) {
          const t0 = cpuMs();
          sink += (i === 0 ? tpeStep : other)(dims, below, above, Rng.fromSeed(r), step)[0]!;
          cpu[i]! += cpuMs() - t0;
        }
      }
      const [a, o] = cpu.map((c) => c / reps) as [number, number];
      vs = `; alternating: this ${a.toFixed(2)} ms, other tree ${o.toFixed(2)} ms (this/other ${(a / o).toFixed(2)})`;
    }
    console.log(
      `pass ${pass}, n=${n}: step ${whole.toFixed(2)} ms (without orders ${noOrder.toFixed(2)}); build g ${buildG.toFixed(2)} ms (scaled range, no orders: ${buildScaled.toFixed(2)})${vs}`,
    );
  }
}
if (!Number.isFinite(sink)) console.log("(non-finite sink)");
