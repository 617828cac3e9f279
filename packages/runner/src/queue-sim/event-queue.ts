/**
 * The simulator's event queue: a binary min-heap on (time, sequence number).
 *
 * Events due at the same simulated time leave in the order they were pushed (the sequence
 * number breaks ties), so a simulation is a deterministic function of its seed: no ordering
 * ever depends on insertion into a hash map or on the host's timers. Push and pop are
 * O(log n) (Cormen et al., "Introduction to Algorithms", 3rd ed., §6.5, priority queues).
 */

/** One entry of an {@link EventQueue}. */
export interface QueuedEvent<T> {
  /** Simulated time, seconds. */
  readonly time: number;
  /** Push order; ties in `time` leave in increasing `seq`. */
  readonly seq: number;
  readonly payload: T;
}

/**
 * A min-heap of events ordered by time, ties by push order.
 * @example
 * ```ts
 * const q = new EventQueue<string>();
 * q.push(5, "b"); q.push(1, "a"); q.push(5, "c");
 * q.pop()?.payload; // "a", then "b", then "c"
 * ```
 */
export class EventQueue<T> {
  private readonly heap: QueuedEvent<T>[] = [];
  private nextSeq = 0;

  /** Number of events waiting. */
  get size(): number {
    return this.heap.length;
  }

  /**
   * Adds an event due at `time`.
   * @throws RangeError unless `time` is a finite number.
   */
  push(time: number, payload: T): void {
    if (typeof time !== "number" || !Number.isFinite(time)) {
      throw new RangeError(`EventQueue.push: time must be a finite number of seconds, got ${String(time)}`);
    }
    const h = this.heap;
    h.push({ time, seq: this.nextSeq++, payload });
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      if (!before(h[i]!, h[parent]!)) break;
      swap(h, i, parent);
      i = parent;
    }
  }

  /** The earliest event without removing it, or undefined when empty. */
  peek(): QueuedEvent<T> | undefined {
    return this.heap[0];
  }

  /** Removes and returns the earliest event, or undefined when empty. */
  pop(): QueuedEvent<T> | undefined {
    const h = this.heap;
    const top = h[0];
    if (top === undefined) return undefined;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        swap(h, i, m);
        i = m;
      }
    }
    return top;
  }
}

function before<T>(a: QueuedEvent<T>, b: QueuedEvent<T>): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

function swap<T>(h: T[], i: number, j: number): void {
  const t = h[i]!;
  h[i] = h[j]!;
  h[j] = t;
}
