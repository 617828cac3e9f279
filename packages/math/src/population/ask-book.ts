/**
 * The ask/tell bookkeeping that differential evolution and particle swarm share: which points
 * were asked and not told yet (each for one slot of the population, in one generation, with
 * what the method drew for it), which were told in the current generation, and the choice of
 * the slot of the next ask.
 *
 * Slots. Generation g has one slot per member of the population (DE: the target vector;
 * PSO: the particle). `ask()` serves the slot with the fewest asks of generation g that are
 * pending or told (the lowest index on ties), so a batch of NP asks covers every slot once,
 * more asks than NP before any tell (asynchronous workers) start a second round of slots, and a
 * failed ask (dropped with `fail`) is the first to be asked again.
 *
 * Matching. `tell` names a point by the array `ask()` returned (by identity), or after a JSON
 * round trip by equal coordinates (the first pending ask with the same coordinates).
 */

/** A point asked and not told yet. */
export interface PendingAsk {
  /** The point as returned by `ask()`. */
  readonly x: readonly number[];
  /** Its slot in the population. */
  readonly slot: number;
  /** The generation it was asked in. */
  readonly generation: number;
  /** What the method drew for it (DE: the CR and F used; PSO: nothing). */
  readonly extra: readonly number[];
}

/** A point told in the current generation. */
export interface ToldResult {
  readonly x: readonly number[];
  readonly slot: number;
  readonly value: number;
  readonly extra: readonly number[];
  /** A serial number, unique within the optimizer (the order of tells). */
  readonly id: number;
}

/** Serializable state of an {@link AskBook}. */
export interface AskBookState {
  readonly pending: readonly PendingAsk[];
  readonly told: readonly ToldResult[];
  readonly nextId: number;
}

/** One evaluated point as `tell` takes it. */
export interface PopulationSolution {
  /** The point as returned by `ask()`. */
  readonly x: ArrayLike<number>;
  /** Objective value (minimized); not NaN (a failed evaluation is reported with `fail(x)`). */
  readonly value: number;
}

function sameCoordinates(a: readonly number[], b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i]) && a[i] !== b[i]) return false;
  return true;
}

/** Pending and told asks of one optimizer (see the module comment). */
export class AskBook {
  pending: PendingAsk[];
  told: ToldResult[];
  nextId: number;
  private readonly identity = new WeakMap<object, PendingAsk>();

  constructor(state: AskBookState = { pending: [], told: [], nextId: 0 }) {
    this.pending = state.pending.map((p) => ({ ...p, x: [...p.x], extra: [...p.extra] }));
    this.told = state.told.map((t) => ({ ...t, x: [...t.x], extra: [...t.extra] }));
    this.nextId = state.nextId;
  }

  /** The slot of the next ask in `generation` (fewest pending-or-told asks, lowest index). */
  nextSlot(size: number, generation: number): number {
    const count = new Array<number>(size).fill(0);
    for (const p of this.pending) if (p.generation === generation && p.slot < size) count[p.slot]!++;
    for (const t of this.told) if (t.slot < size) count[t.slot]!++;
    let best = 0;
    for (let i = 1; i < size; i++) if (count[i]! < count[best]!) best = i;
    return best;
  }

  /** Records an ask; `returned` is the array handed to the caller (matched by identity). */
  add(returned: Float64Array, slot: number, generation: number, extra: readonly number[]): void {
    const p: PendingAsk = { x: Array.from(returned), slot, generation, extra: [...extra] };
    this.pending.push(p);
    this.identity.set(returned, p);
  }

  /**
   * Checks a tell's input and finds the pending ask of each solution, changing nothing.
   * @throws TypeError / RangeError (naming `where`) when `solutions` is not an array, a
   *   solution is not an object, its x is missing, of another length than d or not finite,
   *   its value is not a number or is NaN, or its x matches no pending ask.
   */
  match(where: string, solutions: readonly PopulationSolution[], d: number): PendingAsk[] {
    if (!Array.isArray(solutions as unknown)) {
      throw new TypeError(`${where}: solutions must be an array of { x, value }`);
    }
    const taken = new Set<PendingAsk>();
    const out: PendingAsk[] = [];
    solutions.forEach((s, k) => {
      if (s === null || typeof s !== "object")
        throw new TypeError(`${where}: solutions[${k}] must be { x, value }`);
      const x = s.x as ArrayLike<number> | undefined;
      if (x === undefined || x === null || typeof x !== "object" || typeof x.length !== "number") {
        throw new TypeError(`${where}: solutions[${k}].x must be an array of ${d} numbers`);
      }
      if (x.length !== d)
        throw new RangeError(`${where}: solutions[${k}].x must have length ${d}, got ${x.length}`);
      for (let j = 0; j < d; j++) {
        if (typeof x[j] !== "number" || !Number.isFinite(x[j])) {
          throw new RangeError(`${where}: solutions[${k}].x[${j}] must be finite, got ${String(x[j])}`);
        }
      }
      if (typeof s.value !== "number") {
        throw new TypeError(`${where}: solutions[${k}].value must be a number, got ${typeof s.value}`);
      }
      if (Number.isNaN(s.value)) {
        throw new RangeError(
          `${where}: solutions[${k}].value must not be NaN (report a failed evaluation with fail(x))`,
        );
      }
      let p = this.identity.get(x as object);
      if (p === undefined || taken.has(p) || !this.pending.includes(p)) {
        p = this.pending.find((q) => !taken.has(q) && sameCoordinates(q.x, x));
      }
      if (p === undefined) {
        throw new RangeError(
          `${where}: solutions[${k}].x is not a pending point of ask() (told twice, or never asked)`,
        );
      }
      taken.add(p);
      out.push(p);
    });
    return out;
  }

  /** Removes a pending ask. */
  take(p: PendingAsk): void {
    const i = this.pending.indexOf(p);
    if (i >= 0) this.pending.splice(i, 1);
  }

  /** The state as plain JSON. */
  toJSON(): AskBookState {
    return {
      pending: this.pending.map((p) => ({
        x: [...p.x],
        slot: p.slot,
        generation: p.generation,
        extra: [...p.extra],
      })),
      told: this.told.map((t) => ({
        x: [...t.x],
        slot: t.slot,
        value: t.value,
        extra: [...t.extra],
        id: t.id,
      })),
      nextId: this.nextId,
    };
  }
}
