/**
 * A line search for the strong Wolfe conditions: Moré and Thuente (1994), "Line search
 * algorithms with guaranteed sufficient decrease", ACM Trans. Math. Softw. 20(3), 286–307.
 *
 * Notation: φ(α) = f(x + α·d) for α ∈ [0, α_max], φ'(α) its derivative (∇f·d), μ the
 * sufficient-decrease constant, η the curvature constant. The search ends at an α with
 *
 *     φ(α) ≤ φ(0) + μ·α·φ'(0)   and   |φ'(α)| ≤ η·|φ'(0)|        (strong Wolfe).
 *
 * It keeps an interval of uncertainty with end points α_l (the best step so far) and α_u,
 * and a trial α_t. Stage 1 works on the auxiliary function ψ(α) = φ(α) − φ(0) − μ·α·φ'(0)
 * until a trial has ψ ≤ 0 and ψ' ≥ 0 (from then on an interval that brackets a step meeting
 * both conditions is known, the paper's Theorem 3.2), stage 2 on φ itself (see `next` for
 * when stage 1 actually uses ψ). Each new trial
 * comes from the paper's four cases (§4), built from three interpolants: the minimizer α_c
 * of the cubic matching the values and derivatives at two steps, the minimizer α_q of the
 * quadratic matching two values and one derivative, and the secant step α_s (the zero of
 * the linear interpolant of the derivatives):
 *
 *   1. φ_t > φ_l: α_c if it is closer to α_l than α_q, else (α_c + α_q)/2; bracketed.
 *   2. φ_t ≤ φ_l, φ'_t·φ'_l < 0: whichever of α_c, α_s is farther from α_t; bracketed.
 *   3. φ_t ≤ φ_l, same sign, |φ'_t| ≤ |φ'_l|: α_c if the cubic has its minimizer beyond α_t
 *      (else the far end of the allowed range); if bracketed, whichever of α_c, α_s is closer
 *      to α_t, kept within 0.66 of the way from α_t to α_u; if not, the farther one.
 *   4. φ_t ≤ φ_l, same sign, |φ'_t| > |φ'_l|: the cubic minimizer between α_t and α_u if
 *      bracketed, else the end of the allowed range.
 *
 * Safeguards (§4): when the interval has not shrunk by a factor 0.66 in two trials, bisect;
 * before a bracket is found, extrapolate to α_t + [1.1, 4]·(α_t − α_l) (the factors of the
 * authors' MINPACK-2 implementation); never leave [0, α_max].
 *
 * Reverse communication: {@link MoreThuente.start} sets the first trial, the caller
 * evaluates φ and φ' at `stp` and passes them to {@link MoreThuente.next}, which sets the
 * next `stp` or reports why it stopped. No allocation per call.
 */

/** What {@link MoreThuente.next} decided. */
export enum SearchState {
  /** Evaluate at the new `stp` and call `next` again. */
  Continue = 0,
  /** `stp` satisfies the strong Wolfe conditions. */
  Converged = 1,
  /** The step reached α_max with sufficient decrease and φ still falling. */
  AtMax = 2,
  /** The interval shrank below xtol, or rounding prevents progress: take the best step. */
  Stalled = 3,
  /** The step reached 0 (or α_min) without sufficient decrease. */
  AtMin = 4,
}

const P66 = 0.66;
const XTRAP_LOWER = 1.1;
const XTRAP_UPPER = 4;

/**
 * The minimizer of the cubic with values fa, fb and derivatives ga, gb at a ≠ b, or NaN if
 * it has no local minimizer. Nocedal and Wright (2006), "Numerical Optimization", eq. (3.59),
 * with the terms scaled by their largest magnitude so that the square does not overflow.
 */
export function cubicMinimizer(a: number, fa: number, ga: number, b: number, fb: number, gb: number): number {
  const d1 = ga + gb - (3 * (fa - fb)) / (a - b);
  const scale = Math.max(Math.abs(d1), Math.abs(ga), Math.abs(gb));
  if (scale === 0) return Number.NaN;
  const disc = (d1 / scale) * (d1 / scale) - (ga / scale) * (gb / scale);
  if (disc < 0) return Number.NaN;
  const d2 = (b > a ? 1 : -1) * scale * Math.sqrt(disc);
  const den = gb - ga + 2 * d2;
  if (den === 0) return Number.NaN;
  return b - ((b - a) * (gb + d2 - d1)) / den;
}

/** The minimizer of the quadratic with value fa and derivative ga at a and value fb at b. */
function quadraticMinimizer(a: number, fa: number, ga: number, b: number, fb: number): number {
  const h = b - a;
  // q(a + τ) = fa + ga·τ + κ·τ², κ = (fb − fa − ga·h)/h², minimized at τ = −ga/(2κ).
  return a - (ga * h * h) / (2 * (fb - fa - ga * h));
}

/** The zero of the linear interpolant of the derivatives ga at a and gb at b. */
function secantStep(a: number, ga: number, b: number, gb: number): number {
  return a - (ga * (b - a)) / (gb - ga);
}

/** The Moré–Thuente search state (one per optimizer run, reused for every line search). */
export class MoreThuente {
  /** Sufficient-decrease constant μ. @defaultValue 1e-3 (L-BFGS-B's) */
  readonly mu: number;
  /** Curvature constant η. @defaultValue 0.9 (L-BFGS-B's) */
  readonly eta: number;
  /** Relative width of the interval of uncertainty at which the search stops. @defaultValue 0.1 */
  readonly xtol: number;
  /** The current trial step, to be evaluated by the caller. */
  stp = 0;
  private f0 = 0;
  private g0 = 0;
  private stpMax = 0;
  private stage = 1;
  private bracketed = false;
  private stx = 0;
  private fx = 0;
  private gx = 0;
  private sty = 0;
  private fy = 0;
  private gy = 0;
  private stMin = 0;
  private stMax = 0;
  private width = 0;
  private width1 = 0;

  constructor(mu = 1e-3, eta = 0.9, xtol = 0.1) {
    this.mu = mu;
    this.eta = eta;
    this.xtol = xtol;
  }

  /**
   * Starts a search from φ(0) = f0, φ'(0) = g0 < 0 with first trial `stp` in (0, stpMax].
   */
  start(f0: number, g0: number, stp: number, stpMax: number): void {
    this.f0 = f0;
    this.g0 = g0;
    this.stpMax = stpMax;
    this.stp = stp;
    this.stage = 1;
    this.bracketed = false;
    this.stx = 0;
    this.fx = f0;
    this.gx = g0;
    this.sty = 0;
    this.fy = f0;
    this.gy = g0;
    this.stMin = 0;
    this.stMax = stp + XTRAP_UPPER * stp;
    this.width = stpMax;
    this.width1 = 2 * stpMax;
  }

  /** The best step so far, α_l (0 before any trial improved on it). */
  get best(): number {
    return this.stx;
  }

  /** Whether φ(stp) = f satisfies the sufficient-decrease condition. */
  sufficientDecrease(f: number): boolean {
    return f <= this.f0 + this.mu * this.stp * this.g0;
  }

  /**
   * Takes φ(stp) = f and φ'(stp) = g (both finite) and decides.
   */
  next(f: number, g: number): SearchState {
    const { mu, g0 } = this;
    const stp = this.stp;
    const fTest = this.f0 + mu * stp * g0;
    const gTest = mu * g0;
    if (this.stage === 1 && f <= fTest && g >= gTest) this.stage = 2;

    if (f <= fTest && Math.abs(g) <= this.eta * -g0) return SearchState.Converged;
    if (this.bracketed && (stp <= this.stMin || stp >= this.stMax)) return SearchState.Stalled;
    if (this.bracketed && this.stMax - this.stMin <= this.xtol * this.stMax) return SearchState.Stalled;
    if (stp === this.stpMax && f <= fTest && g <= gTest) return SearchState.AtMax;
    if (stp === 0 && (f > fTest || g >= gTest)) return SearchState.AtMin;

    // In stage 1 the step is computed from ψ(α) = φ(α) − φ(0) − μ·α·φ'(0) (every value
    // shifted by −α·μφ'(0), every derivative by −μφ'(0); the constant cancels), and, as in
    // the authors' MINPACK-2 implementation, only for a trial whose φ is no higher than φ_l
    // while ψ > 0; otherwise from φ. With this rule the searches, and so whole L-BFGS-B runs,
    // match SciPy's step for step (test/optim/scipy.test.ts).
    const shift = this.stage === 1 && f <= this.fx && f > fTest ? gTest : 0;
    this.stp = this.interpolate(stp, f, g, shift);

    if (this.bracketed) {
      const w = Math.abs(this.sty - this.stx);
      if (w >= P66 * this.width1) this.stp = this.stx + 0.5 * (this.sty - this.stx);
      this.width1 = this.width;
      this.width = w;
      this.stMin = Math.min(this.stx, this.sty);
      this.stMax = Math.max(this.stx, this.sty);
    } else {
      this.stMin = this.stp + XTRAP_LOWER * (this.stp - this.stx);
      this.stMax = this.stp + XTRAP_UPPER * (this.stp - this.stx);
    }
    if (this.stp > this.stpMax) this.stp = this.stpMax;
    if (!(this.stp > 0)) this.stp = 0;
    if (
      this.bracketed &&
      (this.stp <= this.stMin || this.stp >= this.stMax || this.stMax - this.stMin <= this.xtol * this.stMax)
    ) {
      this.stp = this.stx; // no further progress possible: the best step so far
    }
    return SearchState.Continue;
  }

  /**
   * One safeguarded step (the paper's §4): returns the new trial and updates the interval
   * end points with the trial (α_t, f, g). Values are compared after subtracting α·shift
   * and derivatives after subtracting shift.
   */
  private interpolate(st: number, f: number, g: number, shift: number): number {
    const { stx, sty, bracketed } = this;
    const fl = this.fx - shift * stx;
    const gl = this.gx - shift;
    const ft = f - shift * st;
    const gt = g - shift;
    const sameSign = gt * Math.sign(gl) >= 0;
    // The range the unbracketed extrapolation may use (case 3's far end, case 4).
    const lo = this.stMin;
    const hi = this.stMax;
    let next: number;
    if (ft > fl) {
      // Case 1: higher value; the minimum is bracketed by α_l and α_t.
      const c = cubicMinimizer(stx, fl, gl, st, ft, gt);
      const q = quadraticMinimizer(stx, fl, gl, st, ft);
      if (Number.isNaN(c)) next = q;
      else next = Math.abs(c - stx) < Math.abs(q - stx) ? c : c + 0.5 * (q - c);
      this.bracketed = true;
    } else if (!sameSign) {
      // Case 2: lower value, derivatives of opposite sign; bracketed.
      const c = cubicMinimizer(stx, fl, gl, st, ft, gt);
      const s = secantStep(stx, gl, st, gt);
      next = !Number.isNaN(c) && Math.abs(c - st) >= Math.abs(s - st) ? c : s;
      this.bracketed = true;
    } else if (Math.abs(gt) <= Math.abs(gl)) {
      // Case 3: lower value, same sign, the derivative decreases in magnitude.
      let c = cubicMinimizer(stx, fl, gl, st, ft, gt);
      const beyond = st > stx ? c > st : c < st;
      if (Number.isNaN(c) || !beyond) c = st > stx ? hi : lo;
      const s = secantStep(stx, gl, st, gt);
      if (bracketed) {
        next = Math.abs(c - st) < Math.abs(s - st) ? c : s;
        const cap = st + P66 * (sty - st);
        next = st > stx ? Math.min(cap, next) : Math.max(cap, next);
      } else {
        next = Math.abs(c - st) > Math.abs(s - st) ? c : s;
        next = Math.min(hi, Math.max(lo, next));
      }
    } else {
      // Case 4: lower value, same sign, the derivative does not decrease in magnitude.
      if (bracketed) {
        const fu = this.fy - shift * sty;
        const gu = this.gy - shift;
        const c = cubicMinimizer(st, ft, gt, sty, fu, gu);
        next = Number.isNaN(c) ? st + 0.5 * (sty - st) : c;
      } else {
        next = st > stx ? hi : lo;
      }
    }

    // Update the interval of uncertainty (the paper's updating algorithm, on ψ or φ).
    if (ft > fl) {
      this.sty = st;
      this.fy = f;
      this.gy = g;
    } else {
      if (!sameSign) {
        this.sty = this.stx;
        this.fy = this.fx;
        this.gy = this.gx;
      }
      this.stx = st;
      this.fx = f;
      this.gx = g;
    }
    return next;
  }
}
