/**
 * The optimizer contract run on the smallest optimizer that satisfies it: a (1+1)-ES with the
 * one-fifth success rule (Rechenberg 1973; the step-size factors of Kern et al. 2004,
 * "Learning probability distributions in continuous evolutionary algorithms", §3), one
 * candidate per `tell`, so the contract is shown to hold for sequential optimizers as well as
 * for the generational CMA-ES (`test/cmaes/contract.test.ts`).
 */
import { Rng, type RngState } from "../../src/random/rng.js";
import { type AskTellSolution, type ContractProblem, optimizerContract } from "../../src/testing/index.js";

interface OnePlusOneState {
  readonly kind: "one-plus-one";
  readonly parent: readonly number[];
  readonly parentValue: number | null;
  readonly sigma: number;
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  readonly rng: RngState;
}

/** (1+1)-ES on a box: x' = clip(x + σ z), σ × e^{1/3} on success, × e^{−1/12} on failure. */
class OnePlusOne {
  readonly populationSize = 1;
  private constructor(
    private parent: Float64Array,
    private parentValue: number | null,
    private sigma: number,
    private readonly lower: Float64Array,
    private readonly upper: Float64Array,
    private readonly rng: Rng,
  ) {}

  static create(seed: number, p: ContractProblem): OnePlusOne {
    return new OnePlusOne(
      Float64Array.from(p.start),
      null,
      2,
      Float64Array.from(p.bounds.lower),
      Float64Array.from(p.bounds.upper),
      Rng.fromSeed(seed),
    );
  }

  ask(): Float64Array {
    return this.parent.map((v, i) =>
      Math.min(this.upper[i]!, Math.max(this.lower[i]!, v + this.sigma * this.rng.normal())),
    );
  }

  tell(solutions: readonly AskTellSolution[]): void {
    if (!Array.isArray(solutions) || solutions.length !== 1) {
      throw new RangeError("OnePlusOne.tell: expected exactly one solution");
    }
    const s = solutions[0];
    if (s === null || typeof s !== "object")
      throw new TypeError("OnePlusOne.tell: solutions[0] must be { x, value }");
    if (typeof s.value !== "number" || Number.isNaN(s.value)) {
      throw new RangeError(`OnePlusOne.tell: solutions[0].value must be a number, got ${String(s.value)}`);
    }
    const x = s.x;
    if (x == null || x.length !== this.parent.length || !Array.from(x).every(Number.isFinite)) {
      throw new RangeError(`OnePlusOne.tell: solutions[0].x must be ${this.parent.length} finite numbers`);
    }
    if (this.parentValue === null || s.value <= this.parentValue) {
      this.parent = Float64Array.from(x);
      this.parentValue = s.value;
      this.sigma *= Math.exp(1 / 3);
    } else {
      this.sigma *= Math.exp(-1 / 12);
    }
  }

  toJSON(): OnePlusOneState {
    return {
      kind: "one-plus-one",
      parent: Array.from(this.parent),
      parentValue: this.parentValue,
      sigma: this.sigma,
      lower: Array.from(this.lower),
      upper: Array.from(this.upper),
      rng: this.rng.getState(),
    };
  }

  static fromJSON(s: OnePlusOneState): OnePlusOne {
    return new OnePlusOne(
      Float64Array.from(s.parent),
      s.parentValue,
      s.sigma,
      Float64Array.from(s.lower),
      Float64Array.from(s.upper),
      Rng.fromState(s.rng),
    );
  }
}

optimizerContract("(1+1)-ES", OnePlusOne.create, OnePlusOne.fromJSON);
