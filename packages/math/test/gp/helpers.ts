import type { GpHyperparameters } from "../../src/gp/index.js";
import type { Rng } from "../../src/random/index.js";

/** N×D uniform points in the unit cube; categorical dimensions (mask 1) get indices 0..choices-1. */
export function randomPoints(rng: Rng, n: number, d: number, mask?: Uint8Array, choices = 3): Float64Array {
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) x[i * d + j] = mask?.[j] === 1 ? rng.int(0, choices - 1) : rng.random();
  }
  return x;
}

/** A smooth test function of the cube. */
export function smooth(x: Float64Array, d: number, i: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += Math.sin(3 * x[i * d + j]! + j) * (1 + 0.3 * j);
  return s;
}

export function hyper(
  lengthScales: number[],
  signalVariance: number,
  noiseVariance: number,
): GpHyperparameters {
  return { lengthScales: Float64Array.from(lengthScales), signalVariance, noiseVariance };
}

/** Relative error, with an absolute floor. */
export function relErr(a: number, b: number, floor = 1e-12): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), floor);
}
