/**
 * Acquisition functions on fitted GPs, as objects that evaluate one point (with its
 * gradient in x) or many points at once (batched posteriors). Larger is better; every
 * objective and constraint is minimized / feasible when ≤ 0.
 *
 * Notation: μ̃, ṽ the standardized posterior of a model (posterior.ts), μ = ȳ + s_y μ̃ and
 * σ = s_y √ṽ in the outputs' units; ṽ is floored at 1e-12 (σ̃ = 1e-6) so that logarithms
 * stay finite at the data points, with zero variance gradient below the floor.
 * - log EI (log-ei.ts): log h(z) + log σ, z = (y* - μ)/σ;
 *   ∂/∂μ = -(log h)'(z)/σ, ∂/∂ṽ = (φ/h)(z)/(2ṽ).
 * - log probability of feasibility for each constraint model c (one GP per constraint):
 *   log Φ(z_c), z_c = (0 - μ_c)/σ_c, added to log EI (Gardner et al. 2014); with no feasible
 *   observation yet (y* = +∞) the acquisition is the feasibility term alone, as in Optuna.
 * - UCB: -μ + √β σ.
 * - log EHVI for m objectives with independent GPs: with the boxes [l_k, u_k] of the
 *   non-dominated region (box-decomposition.ts), E[HVI] = Σ_k Π_j ψ_kj where
 *   ψ(l, u) = E[(u - max(Y, l))⁺] = σ (h(a_u) - h(a_l)), a_b = (b - μ)/σ,
 *   (integrate (u - Y) over l < Y < u and add (u - l) P(Y ≤ l)), so
 *   log EHVI = logsumexp_k Σ_j [log σ_j + logsubexp(log h(a_u), log h(a_l))], with log h
 *   from Ament et al. (2023) and h(-∞) = 0; the gradients ∂ψ/∂μ = -(Φ(a_u) - Φ(a_l)) and
 *   ∂ψ/∂σ = φ(a_u) - φ(a_l) are divided by ψ in log space. Exact for any m given the box
 *   decomposition (exact; minimal for m = 2), and numerically stable where the expectation
 *   underflows (the log EHVI of Ament et al. 2023, §4, computed in closed form rather than
 *   by their Monte-Carlo qLogEHVI).
 */
import { logSubExp } from "../special/log-space.js";
import { normalLogCdf, normalLogPdf, normalLogProbBetween } from "../special/normal.js";
import { type BoxDecomposition, nonDominatedBoxes } from "./box-decomposition.js";
import { dLogH, dLogNormalCdf, logH, phiOverH } from "./log-ei.js";
import type { GpModel } from "./model.js";
import {
  type PointWorkspace,
  pointWorkspace,
  posteriorGradient,
  posteriorStandardized,
} from "./posterior.js";

const VAR_FLOOR = 1e-12;

/** What to optimize: a tagged record naming the acquisition and its models. */
export type AcquisitionSpec =
  | {
      readonly kind: "logEi";
      /** The objective's GP. */
      readonly model: GpModel;
      /** y*, the best feasible observed value in the objective's units; +Infinity when none is feasible. */
      readonly best: number;
      /** One GP per constraint (feasible when ≤ 0). @defaultValue none */
      readonly constraints?: readonly GpModel[];
    }
  | {
      readonly kind: "ucb";
      readonly model: GpModel;
      /** β ≥ 0, the exploration weight on σ. */
      readonly beta: number;
    }
  | {
      readonly kind: "logEhvi";
      /** One GP per objective (m ≥ 1), all on the same inputs' space. */
      readonly models: readonly GpModel[];
      /** Observed objective vectors, row-major N×m (the feasible ones), in the objectives' units. */
      readonly observed: Float64Array;
      /** The reference point (m finite values), e.g. `referencePoint` from `@tunelab/math/pareto`. */
      readonly reference: ArrayLike<number>;
      /** One GP per constraint (feasible when ≤ 0). @defaultValue none */
      readonly constraints?: readonly GpModel[];
    };

/** An acquisition function over the unit cube (larger is better). */
export interface Acquisition {
  /** D. */
  readonly dimension: number;
  /** The value at one point x [D]. */
  value(x: Float64Array): number;
  /** The value at x [D], with its gradient written into grad [D] (0 on categorical dimensions). */
  valueAndGradient(x: Float64Array, grad: Float64Array): number;
  /** The values at M points (row-major M×D), through one batched posterior per model. */
  values(q: Float64Array, m: number): Float64Array;
}

interface Term {
  readonly model: GpModel;
  readonly ws: PointWorkspace;
  readonly dMean: Float64Array;
  readonly dVar: Float64Array;
}

function term(model: GpModel): Term {
  const d = model.dimension;
  return { model, ws: pointWorkspace(model), dMean: new Float64Array(d), dVar: new Float64Array(d) };
}

function checkModels(where: string, models: readonly GpModel[], d: number): void {
  for (let i = 0; i < models.length; i++) {
    const m = models[i];
    if (m === undefined || m === null || typeof m !== "object" || !(m.factor instanceof Float64Array)) {
      throw new TypeError(`${where}: model ${i} must be a GpModel (from gpModel or fitGp)`);
    }
    if (m.dimension !== d) throw new RangeError(`${where}: model ${i} has D=${m.dimension}, expected D=${d}`);
  }
}

/** The constraint terms: Σ log Φ(z_c) and its gradient accumulated into grad (if given). */
function feasibility(terms: readonly Term[], x: Float64Array, grad: Float64Array | null): number {
  let total = 0;
  for (const c of terms) {
    posteriorGradient(c.model, x, c.ws, grad === null ? null : c.dMean, grad === null ? null : c.dVar);
    const floored = c.ws.variance < VAR_FLOOR;
    const v = floored ? VAR_FLOOR : c.ws.variance;
    const sd = Math.sqrt(v);
    const t = -c.model.yMean / c.model.yStd;
    const z = (t - c.ws.mean) / sd;
    total += normalLogCdf(z);
    if (grad !== null) {
      const g = dLogNormalCdf(z);
      const gm = -g / sd;
      const gv = floored ? 0 : (-g * z) / (2 * v);
      for (let k = 0; k < grad.length; k++) grad[k] = grad[k]! + gm * c.dMean[k]! + gv * c.dVar[k]!;
    }
  }
  return total;
}

function feasibilityBatch(models: readonly GpModel[], q: Float64Array, m: number, out: Float64Array): void {
  const mean = new Float64Array(m);
  const variance = new Float64Array(m);
  for (const c of models) {
    posteriorStandardized(c, q, m, mean, variance);
    const t = -c.yMean / c.yStd;
    for (let i = 0; i < m; i++) {
      const v = variance[i]! < VAR_FLOOR ? VAR_FLOOR : variance[i]!;
      out[i] = out[i]! + normalLogCdf((t - mean[i]!) / Math.sqrt(v));
    }
  }
}

/**
 * Builds an acquisition function from fitted GPs.
 * @param spec - `logEi` (with optional constraints), `ucb`, or `logEhvi` (with optional constraints).
 * @returns an object evaluating values (batched) and gradients in x.
 * @throws RangeError or TypeError on models of different dimensions, a NaN best value, a
 *   negative β, or an `observed`/`reference` that does not match the number of objectives;
 *   RangeError for `logEi` with best = +Infinity and no constraints.
 * @example const acq = createAcquisition({ kind: "logEi", model, best: Math.min(...y) }); acq.value(x)
 */
export function createAcquisition(spec: AcquisitionSpec): Acquisition {
  if (spec === null || typeof spec !== "object")
    throw new TypeError("createAcquisition: spec must be a record with a kind");
  if (spec.kind === "logEi") return logEiAcquisition(spec);
  if (spec.kind === "ucb") return ucbAcquisition(spec);
  if (spec.kind === "logEhvi") return logEhviAcquisition(spec);
  throw new TypeError(
    `createAcquisition: spec.kind must be "logEi", "ucb" or "logEhvi", got ${String((spec as { kind: unknown }).kind)}`,
  );
}

function logEiAcquisition(spec: Extract<AcquisitionSpec, { kind: "logEi" }>): Acquisition {
  const where = "createAcquisition(logEi)";
  const model = spec.model;
  checkModels(where, [model], model?.dimension);
  const d = model.dimension;
  const constraints = spec.constraints ?? [];
  checkModels(where, constraints, d);
  if (Number.isNaN(spec.best) || spec.best === Number.NEGATIVE_INFINITY) {
    throw new RangeError(
      `${where}: best must be a number or +Infinity (no feasible point), got ${spec.best}`,
    );
  }
  const useEi = spec.best !== Number.POSITIVE_INFINITY;
  if (!useEi && constraints.length === 0) {
    throw new RangeError(`${where}: best is +Infinity, which needs constraints (the feasibility term alone)`);
  }
  const bestS = (spec.best - model.yMean) / model.yStd;
  const logScale = Math.log(model.yStd);
  const obj = term(model);
  const cTerms = constraints.map(term);

  function evaluate(x: Float64Array, grad: Float64Array | null): number {
    if (grad !== null) grad.fill(0);
    let total = 0;
    if (useEi) {
      posteriorGradient(model, x, obj.ws, grad === null ? null : obj.dMean, grad === null ? null : obj.dVar);
      const floored = obj.ws.variance < VAR_FLOOR;
      const v = floored ? VAR_FLOOR : obj.ws.variance;
      const sd = Math.sqrt(v);
      const z = (bestS - obj.ws.mean) / sd;
      total = logH(z) + Math.log(sd) + logScale;
      if (grad !== null) {
        const gm = -dLogH(z) / sd;
        const gv = floored ? 0 : phiOverH(z) / (2 * v);
        for (let k = 0; k < d; k++) grad[k] = gm * obj.dMean[k]! + gv * obj.dVar[k]!;
      }
    }
    if (cTerms.length > 0) total += feasibility(cTerms, x, grad);
    return total;
  }

  return {
    dimension: d,
    value: (x) => evaluate(x, null),
    valueAndGradient: (x, grad) => evaluate(x, grad),
    values(q, m) {
      const out = new Float64Array(m);
      if (useEi) {
        const mean = new Float64Array(m);
        const variance = new Float64Array(m);
        posteriorStandardized(model, q, m, mean, variance);
        for (let i = 0; i < m; i++) {
          const v = variance[i]! < VAR_FLOOR ? VAR_FLOOR : variance[i]!;
          const sd = Math.sqrt(v);
          out[i] = logH((bestS - mean[i]!) / sd) + Math.log(sd) + logScale;
        }
      }
      if (constraints.length > 0) feasibilityBatch(constraints, q, m, out);
      return out;
    },
  };
}

function ucbAcquisition(spec: Extract<AcquisitionSpec, { kind: "ucb" }>): Acquisition {
  const where = "createAcquisition(ucb)";
  const model = spec.model;
  checkModels(where, [model], model?.dimension);
  if (!(spec.beta >= 0 && Number.isFinite(spec.beta)))
    throw new RangeError(`${where}: beta must be finite and >= 0, got ${spec.beta}`);
  const d = model.dimension;
  const s = model.yStd;
  const rb = Math.sqrt(spec.beta);
  const obj = term(model);
  function evaluate(x: Float64Array, grad: Float64Array | null): number {
    posteriorGradient(model, x, obj.ws, grad === null ? null : obj.dMean, grad === null ? null : obj.dVar);
    const sd = Math.sqrt(obj.ws.variance);
    if (grad !== null) {
      const gv = sd > 0 ? (rb * s) / (2 * sd) : 0;
      for (let k = 0; k < d; k++) grad[k] = -s * obj.dMean[k]! + gv * obj.dVar[k]!;
    }
    return -(model.yMean + s * obj.ws.mean) + rb * s * sd;
  }
  return {
    dimension: d,
    value: (x) => evaluate(x, null),
    valueAndGradient: (x, grad) => evaluate(x, grad),
    values(q, m) {
      const mean = new Float64Array(m);
      const variance = new Float64Array(m);
      posteriorStandardized(model, q, m, mean, variance);
      const out = new Float64Array(m);
      for (let i = 0; i < m; i++) out[i] = -(model.yMean + s * mean[i]!) + rb * s * Math.sqrt(variance[i]!);
      return out;
    },
  };
}

/**
 * The boxes with each bound replaced by its index among the distinct bounds of its
 * objective, so that log h, log Φ and log φ are computed once per distinct bound.
 */
interface IndexedBoxes {
  readonly count: number;
  readonly bounds: Float64Array[];
  readonly lowerIndex: Int32Array;
  readonly upperIndex: Int32Array;
}

function indexBoxes(boxes: BoxDecomposition): IndexedBoxes {
  const m = boxes.nObjectives;
  const bounds: Float64Array[] = [];
  const lowerIndex = new Int32Array(boxes.count * m);
  const upperIndex = new Int32Array(boxes.count * m);
  for (let j = 0; j < m; j++) {
    const set = new Set<number>();
    for (let k = 0; k < boxes.count; k++) {
      set.add(boxes.lower[k * m + j]!);
      set.add(boxes.upper[k * m + j]!);
    }
    const b = Float64Array.from(set).sort();
    const at = new Map<number, number>();
    for (let i = 0; i < b.length; i++) at.set(b[i]!, i);
    for (let k = 0; k < boxes.count; k++) {
      lowerIndex[k * m + j] = at.get(boxes.lower[k * m + j]!)!;
      upperIndex[k * m + j] = at.get(boxes.upper[k * m + j]!)!;
    }
    bounds.push(b);
  }
  return { count: boxes.count, bounds, lowerIndex, upperIndex };
}

function logEhviAcquisition(spec: Extract<AcquisitionSpec, { kind: "logEhvi" }>): Acquisition {
  const where = "createAcquisition(logEhvi)";
  const models = spec.models;
  if (!Array.isArray(models as unknown) || models.length === 0)
    throw new RangeError(`${where}: models must hold one GP per objective`);
  const d = models[0]!.dimension;
  checkModels(where, models, d);
  const constraints = spec.constraints ?? [];
  checkModels(where, constraints, d);
  const nObj = models.length;
  const boxes = indexBoxes(nonDominatedBoxes(spec.observed, nObj, spec.reference));
  const terms = models.map(term);
  const cTerms = constraints.map(term);
  // Per objective and distinct bound: log h(a), log of the normal CDF and density at a.
  const lh = boxes.bounds.map((b) => new Float64Array(b.length));
  const lphi = boxes.bounds.map((b) => new Float64Array(b.length));
  const logBox = new Float64Array(boxes.count);
  const mu = new Float64Array(nObj);
  const sd = new Float64Array(nObj);
  const gMu = new Float64Array(nObj);
  const gSd = new Float64Array(nObj);

  function prepare(j: number): void {
    const b = boxes.bounds[j]!;
    const h = lh[j]!;
    const ph = lphi[j]!;
    for (let i = 0; i < b.length; i++) {
      const a = (b[i]! - mu[j]!) / sd[j]!;
      h[i] = logH(a);
      ph[i] = a === Number.NEGATIVE_INFINITY ? Number.NEGATIVE_INFINITY : normalLogPdf(a);
    }
  }

  /** log EHVI from mu and sd; with gradients, ∂/∂μ_j and ∂/∂σ_j into gMu, gSd. */
  function ehvi(withGradient: boolean): number {
    let logDims = 0;
    for (let j = 0; j < nObj; j++) {
      prepare(j);
      logDims += Math.log(sd[j]!);
    }
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < boxes.count; k++) {
      let s = logDims;
      for (let j = 0; j < nObj; j++) {
        const o = k * nObj + j;
        s += logSubExp(lh[j]![boxes.upperIndex[o]!]!, lh[j]![boxes.lowerIndex[o]!]!);
      }
      logBox[k] = s;
      if (s > max) max = s;
    }
    if (max === Number.NEGATIVE_INFINITY) {
      if (withGradient) {
        gMu.fill(0);
        gSd.fill(0);
      }
      return max;
    }
    let sum = 0;
    for (let k = 0; k < boxes.count; k++) sum += Math.exp(logBox[k]! - max);
    const total = max + Math.log(sum);
    if (!withGradient) return total;
    gMu.fill(0);
    gSd.fill(0);
    for (let k = 0; k < boxes.count; k++) {
      const w = Math.exp(logBox[k]! - total);
      if (w === 0) continue;
      for (let j = 0; j < nObj; j++) {
        const o = k * nObj + j;
        const iu = boxes.upperIndex[o]!;
        const il = boxes.lowerIndex[o]!;
        const lpsi = logSubExp(lh[j]![iu]!, lh[j]![il]!);
        const b = boxes.bounds[j]!;
        const au = (b[iu]! - mu[j]!) / sd[j]!;
        const al = (b[il]! - mu[j]!) / sd[j]!;
        // ψ = σ ψ̂: ∂ log ψ/∂μ = -(Φ(a_u) - Φ(a_l))/(σ ψ̂), ∂ log ψ/∂σ = (φ(a_u) - φ(a_l))/(σ ψ̂)
        // (total derivatives: the σ in front and the σ inside a_b together).
        const ratioCdf = Math.exp(normalLogProbBetween(al, au) - lpsi);
        const ratioPdf = Math.exp(lphi[j]![iu]! - lpsi) - Math.exp(lphi[j]![il]! - lpsi);
        gMu[j] = gMu[j]! - (w * ratioCdf) / sd[j]!;
        gSd[j] = gSd[j]! + (w * ratioPdf) / sd[j]!;
      }
    }
    return total;
  }

  function evaluate(x: Float64Array, grad: Float64Array | null): number {
    if (grad !== null) grad.fill(0);
    const floored: boolean[] = [];
    for (let j = 0; j < nObj; j++) {
      const t = terms[j]!;
      posteriorGradient(t.model, x, t.ws, grad === null ? null : t.dMean, grad === null ? null : t.dVar);
      const f = t.ws.variance < VAR_FLOOR;
      floored.push(f);
      mu[j] = t.model.yMean + t.model.yStd * t.ws.mean;
      sd[j] = t.model.yStd * Math.sqrt(f ? VAR_FLOOR : t.ws.variance);
    }
    let total = ehvi(grad !== null);
    if (grad !== null && total !== Number.NEGATIVE_INFINITY) {
      for (let j = 0; j < nObj; j++) {
        const t = terms[j]!;
        const s = t.model.yStd;
        const gm = gMu[j]! * s;
        // σ = s √ṽ: ∂σ/∂ṽ = s/(2√ṽ) = s²/(2σ).
        const gv = floored[j] ? 0 : (gSd[j]! * s * s) / (2 * sd[j]!);
        for (let k = 0; k < d; k++) grad[k] = grad[k]! + gm * t.dMean[k]! + gv * t.dVar[k]!;
      }
    }
    if (cTerms.length > 0) total += feasibility(cTerms, x, grad);
    return total;
  }

  return {
    dimension: d,
    value: (x) => evaluate(x, null),
    valueAndGradient: (x, grad) => evaluate(x, grad),
    values(q, m) {
      const means = models.map(() => new Float64Array(m));
      const vars = models.map(() => new Float64Array(m));
      for (let j = 0; j < nObj; j++) posteriorStandardized(models[j]!, q, m, means[j]!, vars[j]!);
      const out = new Float64Array(m);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < nObj; j++) {
          const model = models[j]!;
          const v = vars[j]![i]!;
          mu[j] = model.yMean + model.yStd * means[j]![i]!;
          sd[j] = model.yStd * Math.sqrt(v < VAR_FLOOR ? VAR_FLOOR : v);
        }
        out[i] = ehvi(false);
      }
      if (constraints.length > 0) feasibilityBatch(constraints, q, m, out);
      return out;
    },
  };
}
