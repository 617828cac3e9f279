/**
 * Closed forms of the learning-rate schedule that the loss model integrates, so that a
 * curve costs O(evaluations) rather than O(steps).
 *
 * Notation (continuous steps t ∈ [0, T]):
 * - f(t) ∈ [0, 1]: the schedule shape, η_t = η·f(t). Linear warmup over W = w·T steps
 *   (f = t/W), then over the remaining D = T - W steps, with u = (t - W)/D ∈ [0, 1]:
 *   constant φ(u) = 1, linear φ(u) = 1 - u, cosine φ(u) = ½(1 + cos πu). Decays end at 0 [D].
 * - ρ = η_eff/η*: the peak effective learning rate relative to the optimum.
 * - g(t) = min(ρ·f(t), 1): the useful fraction of a step; learning rate above η* buys no
 *   extra progress (the specification's Σ min(η_eff,i, η*)/η*).
 * - A(t) = ∫₀ᵗ g: the clipped area under the learning-rate curve, in steps, the S1 of
 *   Tissue et al., "Scaling law with learning rate annealing" (arXiv 2408.11029), eq. (1),
 *   with the sum over steps replaced by an integral [D].
 * - S2(t) = 1 - g(t)/min(ρ, 1) during a decay, 0 during warmup or at constant LR: the
 *   fraction of the useful learning rate annealed so far; Tissue et al.'s annealing area S2
 *   in the limit of no momentum (λ → 0), normalized to [0, 1] [D].
 */
import type { LlmSchedule } from "./config.js";

/** A schedule with its run length and peak ratio, ready for {@link scheduleArea}. */
export interface ScheduleShape {
  readonly schedule: LlmSchedule;
  /** Total steps T > 0. */
  readonly totalSteps: number;
  /** Warmup steps W = w·T. */
  readonly warmupSteps: number;
  /** ρ = η_eff/η*. */
  readonly ratio: number;
}

/** Φ(u) = ∫₀ᵘ φ for the decay shapes. */
function decayIntegral(schedule: LlmSchedule, u: number): number {
  if (schedule === "constant") return u;
  if (schedule === "linear") return u - 0.5 * u * u;
  return 0.5 * u + Math.sin(Math.PI * u) / (2 * Math.PI);
}

/** φ(u). */
function decayShape(schedule: LlmSchedule, u: number): number {
  if (schedule === "constant") return 1;
  if (schedule === "linear") return 1 - u;
  return 0.5 * (1 + Math.cos(Math.PI * u));
}

/** The u where φ(u) = y, for y ∈ (0, 1] on a decaying schedule. */
function decayInverse(schedule: LlmSchedule, y: number): number {
  if (schedule === "linear") return 1 - y;
  return Math.acos(2 * y - 1) / Math.PI;
}

/** f(t): the schedule shape at step t. */
export function scheduleFactor(s: ScheduleShape, t: number): number {
  const w = s.warmupSteps;
  if (t < w) return t / w;
  const d = s.totalSteps - w;
  const u = d > 0 ? Math.min(1, (t - w) / d) : 1;
  return decayShape(s.schedule, u);
}

/** A(t) = ∫₀ᵗ min(ρ f, 1): the clipped learning-rate area up to step t, in steps. */
export function scheduleArea(s: ScheduleShape, t: number): number {
  const rho = s.ratio;
  const w = s.warmupSteps;
  // Warmup: ρ·τ/W reaches 1 at τ_c = W/ρ when ρ > 1.
  if (t <= 0) return 0;
  if (t <= w) {
    if (rho <= 1 || t <= w / rho) return (rho * t * t) / (2 * w);
    return w / (2 * rho) + t - w / rho;
  }
  const warmArea = rho <= 1 ? 0.5 * rho * w : w * (1 - 1 / (2 * rho));
  const d = s.totalSteps - w;
  const u = Math.min(1, (t - w) / d);
  let g: number;
  if (s.schedule === "constant") {
    g = Math.min(rho, 1) * u;
  } else if (rho <= 1) {
    g = rho * decayIntegral(s.schedule, u);
  } else {
    const uc = decayInverse(s.schedule, 1 / rho);
    g = u <= uc ? u : uc + rho * (decayIntegral(s.schedule, u) - decayIntegral(s.schedule, uc));
  }
  return warmArea + d * g;
}

/** S2(t) ∈ [0, 1]: the fraction of the useful learning rate annealed by step t. */
export function scheduleAnnealed(s: ScheduleShape, t: number): number {
  if (s.schedule === "constant" || t <= s.warmupSteps) return 0;
  const peak = Math.min(s.ratio, 1);
  const g = Math.min(s.ratio * scheduleFactor(s, t), 1);
  return 1 - g / peak;
}
