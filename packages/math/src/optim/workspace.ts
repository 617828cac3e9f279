/**
 * Every array one L-BFGS-B run needs, allocated once for a dimension n and memory m, so that
 * the iterations allocate nothing. `minimizeMultiStart` reuses one workspace for all starts.
 */
import { LbfgsMemory } from "./memory.js";
import { SaddleFactor } from "./saddle.js";

/** Preallocated state of an L-BFGS-B run (internal). */
export class LbfgsbWorkspace {
  /** Dimension n. */
  readonly n: number;
  /** Memory m. */
  readonly m: number;
  /** Correction pairs and the factored middle matrix. */
  readonly memory: LbfgsMemory;
  /** Factor of the subspace-minimization matrix (see saddle.ts). */
  readonly subspace: SaddleFactor;
  /** Bounds of the current run (n each; ±Infinity where absent). */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Current iterate x_k and its gradient. Swapped with the trial arrays on acceptance. */
  x: Float64Array;
  g: Float64Array;
  /** Line-search trial point and its gradient. */
  xTrial: Float64Array;
  gTrial: Float64Array;
  /** Best trial with sufficient decrease so far in the current line search. */
  xBest: Float64Array;
  gBest: Float64Array;
  /** Generalized Cauchy point x^c (n). */
  readonly xc: Float64Array;
  /** Cauchy: the projected steepest-descent direction, zeroed as variables reach bounds (n). */
  readonly dCauchy: Float64Array;
  /** Cauchy: breakpoints t_i (n). */
  readonly breakpoints: Float64Array;
  /** Cauchy: min-heap of variable indices keyed by breakpoint (n). */
  readonly heap: Int32Array;
  /** Free variables at x^c, the first `nFree` entries (n). */
  readonly free: Int32Array;
  nFree = 0;
  /** Subspace: the coordinates (the smaller of the free and the active set) gathered below (n). */
  readonly gatherIndex: Int32Array;
  /**
   * Subspace: those coordinates of y_0 … y_{k−1} and s_0 … s_{k−1}, one contiguous row each
   * (m·⌊n/2⌋: the smaller set has at most n/2 coordinates).
   */
  readonly yGathered: Float64Array;
  readonly sGathered: Float64Array;
  /** Subspace: reduced gradient at x^c on the free variables (n; other entries unused). */
  readonly reduced: Float64Array;
  /** Subspace: the step d̂ on the free variables (n). */
  readonly dHat: Float64Array;
  /** x̄, the end of the search direction (n). */
  readonly xBar: Float64Array;
  /** Search direction d = x̄ − x_k (n). */
  readonly d: Float64Array;
  /** The new correction pair (n each). */
  readonly sNew: Float64Array;
  readonly yNew: Float64Array;
  /** Vectors of length 2m: p = Wᵀd, c = Wᵀ(x^c − x), a row w_b of W, M·w_b, scratch. */
  readonly p: Float64Array;
  readonly c: Float64Array;
  readonly wRow: Float64Array;
  readonly mw: Float64Array;
  readonly v: Float64Array;

  constructor(n: number, m: number) {
    this.n = n;
    this.m = m;
    this.memory = new LbfgsMemory(n, m);
    this.subspace = new SaddleFactor(m);
    const vec = (): Float64Array => new Float64Array(n);
    this.lower = vec();
    this.upper = vec();
    this.x = vec();
    this.g = vec();
    this.xTrial = vec();
    this.gTrial = vec();
    this.xBest = vec();
    this.gBest = vec();
    this.xc = vec();
    this.dCauchy = vec();
    this.breakpoints = vec();
    this.heap = new Int32Array(n);
    this.free = new Int32Array(n);
    this.gatherIndex = new Int32Array(n);
    this.yGathered = new Float64Array(m * (n >> 1));
    this.sGathered = new Float64Array(m * (n >> 1));
    this.reduced = vec();
    this.dHat = vec();
    this.xBar = vec();
    this.d = vec();
    this.sNew = vec();
    this.yNew = vec();
    this.p = new Float64Array(2 * m);
    this.c = new Float64Array(2 * m);
    this.wRow = new Float64Array(2 * m);
    this.mw = new Float64Array(2 * m);
    this.v = new Float64Array(2 * m);
  }
}
