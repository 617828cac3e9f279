/**
 * NSGA-III's reference points for the sampler: the user's, validated once, or the default
 * Das–Dennis lattice with `dividingParameter` divisions per axis (Optuna 5.0's default, 3:
 * its `_generate_default_reference_point` counts the combinations with replacement of H
 * objectives, which are the Das–Dennis points scaled by H; the direction of a point is all
 * that NSGA-III's association reads, so the scale does not matter).
 *
 * Points are directions from the ideal point in the normalized objective space (Deb & Jain
 * 2014, §IV-B, §IV-D): non-negative, not all zero. Supplying them is how a user states a
 * preference (Deb & Jain 2014, §VI-E: points near a region of the front draw the population
 * there); a point of any positive scale names the same direction.
 */
import { dasDennis } from "@tunelab/math/refdirs";

/**
 * Checks user-supplied reference points and returns them row-major (H×M).
 * @throws RangeError naming `referencePoints` when it is not a non-empty array of rows of one
 *   length ≥ 1 whose entries are finite and ≥ 0 with at least one above 0.
 */
export function checkReferencePoints(
  where: string,
  points: unknown,
): { rows: number; dims: number; data: Float64Array } {
  const name = `${where}: referencePoints`;
  if (!Array.isArray(points) || points.length === 0) {
    throw new RangeError(
      `${name} must be a non-empty array of rows (one per point, one column per objective)`,
    );
  }
  const first: unknown = points[0];
  const dims = Array.isArray(first) ? first.length : 0;
  if (dims < 1) throw new RangeError(`${name}[0] must be an array of at least 1 number`);
  const data = new Float64Array(points.length * dims);
  for (let i = 0; i < points.length; i++) {
    const row: unknown = points[i];
    if (!Array.isArray(row) || row.length !== dims) {
      throw new RangeError(
        `${name}[${i}] must be an array of ${dims} numbers (as row 0), got ${Array.isArray(row) ? `${row.length}` : typeof row}`,
      );
    }
    let sum = 0;
    for (let k = 0; k < dims; k++) {
      const v: unknown = row[k];
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
        throw new RangeError(`${name}[${i}][${k}] must be a finite number >= 0, got ${String(v)}`);
      }
      data[i * dims + k] = v;
      sum += v;
    }
    if (!(sum > 0))
      throw new RangeError(`${name}[${i}] must have an entry above 0 (a direction), got all zeros`);
  }
  return { rows: points.length, dims, data };
}

/**
 * The default reference points for M objectives: Das–Dennis with H = `dividingParameter`.
 * @throws RangeError naming `dividingParameter` when the lattice would be too large.
 */
export function defaultReferencePoints(
  where: string,
  nObjectives: number,
  dividingParameter: number,
): Float64Array {
  try {
    return dasDennis(nObjectives, dividingParameter);
  } catch (e) {
    throw new RangeError(
      `${where}: dividingParameter=${dividingParameter} gives too many reference points for ${nObjectives} objectives (${(e as Error).message}); pass fewer divisions or referencePoints`,
    );
  }
}
