/**
 * The benchmark's adapters over `@tunelab/math/pareto` for points held as arrays of
 * objective vectors (minimization): exact hypervolume against a reference point, and the
 * non-dominated subset.
 */
import { hypervolume as hypervolumeFlat, paretoFrontIndices } from "@tunelab/math/pareto";

function flatten(points: readonly (readonly number[])[], m: number, where: string): Float64Array {
  const flat = new Float64Array(points.length * m);
  points.forEach((p, i) => {
    if (p.length !== m)
      throw new RangeError(`${where}: every point must have ${m} objectives, got ${p.length}`);
    flat.set(p, i * m);
  });
  return flat;
}

/**
 * The hypervolume of `points` against `reference` (any number of objectives; points that do
 * not strictly dominate the reference, or hold a NaN, add nothing).
 * @throws RangeError for mismatched lengths or a non-finite reference.
 * @example hypervolume([[1, 2], [2, 1]], [3, 3]) // 3
 */
export function hypervolume(points: readonly (readonly number[])[], reference: readonly number[]): number {
  const m = reference.length;
  const usable = points.filter((p) => p.length !== m || !p.some(Number.isNaN));
  return hypervolumeFlat(flatten(usable, m, "hypervolume"), m, reference);
}

/** The points of `points` that no other point dominates (duplicates kept once), in input order. */
export function nonDominated(points: readonly (readonly number[])[]): number[][] {
  if (points.length === 0) return [];
  const m = points[0]!.length;
  const front = paretoFrontIndices(flatten(points, m, "nonDominated"), m);
  const seen = new Set<string>();
  const out: number[][] = [];
  for (const i of front) {
    const key = points[i]!.join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(points[i]!.slice());
  }
  return out;
}
