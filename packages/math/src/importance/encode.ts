/**
 * The feature matrix a forest is fitted on, as Optuna's `_SearchSpaceTransform` builds it for
 * importance (`transform_step=False`): a numerical parameter is one column on [low, high]
 * (in log space when `logSpace` and the parameter is log-scaled), a categorical parameter with
 * c choices is c one-hot columns on [0, 1]. Parameters holding a single value are left out
 * (their importance is 0). Any affine rescaling of a column changes neither the trees' shapes
 * nor the volume fractions fANOVA computes, so no unit scaling is applied. Columns are laid
 * out in the order of the parameters' names (code-unit order), so a permutation of
 * `data.params` (and of X's columns with it) gives the same matrix and the same forest: the
 * forest's random feature order then breaks ties between equally good splits the same way.
 */
import { type ImportanceData, isSingleValued } from "./types.js";

/** The encoded features of {@link encodeFeatures}. */
export interface EncodedFeatures {
  /** Row-major n×D encoded matrix. */
  readonly X: Float64Array;
  /** Number of encoded columns D. */
  readonly nColumns: number;
  /** Bounds of each column: lower at 2k, upper at 2k+1. */
  readonly bounds: Float64Array;
  /** For each encoded column, the index of its parameter in `data.params`. */
  readonly columnParam: Int32Array;
  /** For each parameter, its encoded columns (empty for a single-valued parameter). */
  readonly paramColumns: readonly Int32Array[];
}

/**
 * Encodes `data.X` for a forest.
 * @param logSpace - log-scaled parameters as log x on [log low, log high] (Optuna's importance
 *   evaluators use x on [low, high]).
 */
export function encodeFeatures(data: ImportanceData, logSpace: boolean): EncodedFeatures {
  const { params, X } = data;
  const d = params.length;
  const n = data.y.length;
  const colParam: number[] = [];
  const bounds: number[] = [];
  const paramColumns: Int32Array[] = Array.from({ length: d }, () => new Int32Array(0));
  const byName = Array.from({ length: d }, (_, j) => j).sort((a, b) =>
    params[a]!.name < params[b]!.name ? -1 : params[a]!.name > params[b]!.name ? 1 : 0,
  );
  for (const j of byName) {
    const dist = params[j]!.distribution;
    const cols: number[] = [];
    if (!isSingleValued(dist)) {
      if (dist.kind === "categorical") {
        for (let c = 0; c < dist.choices; c++) {
          cols.push(colParam.length);
          colParam.push(j);
          bounds.push(0, 1);
        }
      } else {
        cols.push(colParam.length);
        colParam.push(j);
        if (logSpace && dist.log === true) bounds.push(Math.log(dist.low), Math.log(dist.high));
        else bounds.push(dist.low, dist.high);
      }
    }
    paramColumns[j] = Int32Array.from(cols);
  }
  const D = colParam.length;
  const out = new Float64Array(n * D);
  for (let j = 0; j < d; j++) {
    const dist = params[j]!.distribution;
    const cols = paramColumns[j]!;
    if (cols.length === 0) continue;
    const first = cols[0]!;
    for (let i = 0; i < n; i++) {
      const v = X[i * d + j]!;
      if (dist.kind === "categorical") out[i * D + first + v] = 1;
      else out[i * D + first] = logSpace && dist.log === true ? Math.log(v) : v;
    }
  }
  return {
    X: out,
    nColumns: D,
    bounds: Float64Array.from(bounds),
    columnParam: Int32Array.from(colParam),
    paramColumns,
  };
}
