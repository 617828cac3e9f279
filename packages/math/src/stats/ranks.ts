/**
 * Average ranks, and ranks within blocks: in a blocks × treatments design (in the benchmark
 * reports, functions × methods), each block's treatments ranked 1..k by a score where lower is
 * better, ties sharing the average rank (SciPy's `rankdata(method="average")`).
 */
import ranks from "@stdlib/stats-ranks";

/**
 * Average ranks (1 = smallest) of `values`; ties get the mean of the ranks they span.
 * @throws RangeError if a value is NaN.
 * @example averageRanks([3, 1, 3]) // [2.5, 1, 2.5]
 */
export function averageRanks(values: readonly number[]): number[] {
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) throw new RangeError(`averageRanks: values[${i}] is NaN`);
  }
  if (values.length === 0) return [];
  return ranks(values.slice(), { method: "average" });
}

/**
 * Ranks within each row of a blocks × treatments matrix (lower value, lower rank), and the
 * mean rank of each treatment over the blocks.
 * @throws RangeError if rows have different lengths or hold NaN.
 */
export function blockRanks(matrix: readonly (readonly number[])[]): {
  ranks: number[][];
  meanRanks: number[];
} {
  const k = matrix[0]?.length ?? 0;
  const rows = matrix.map((row, i) => {
    if (row.length !== k)
      throw new RangeError(`blockRanks: row ${i} has ${row.length} entries, expected ${k}`);
    return averageRanks(row as number[]);
  });
  const meanRanks = new Array<number>(k).fill(0);
  for (const r of rows) for (let j = 0; j < k; j++) meanRanks[j]! += r[j]! / rows.length;
  return { ranks: rows, meanRanks };
}
