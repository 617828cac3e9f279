/**
 * Incremental group decomposition of a conditional search space (Optuna's
 * `_GroupDecomposedSearchSpace`, used by TPE's `group` option): two parameters share a group
 * when every finished trial holds both or neither, so each branch of a conditional space gets
 * its own group and is modelled jointly with what always comes with it.
 *
 * Each COMPLETE or PRUNED trial is read once: it splits every group it overlaps into the part
 * it holds and the rest, and its parameters not grouped yet form a new group. The resulting
 * partition does not depend on the order trials are read in; groups are listed by their
 * smallest parameter name, parameters sorted by name.
 */
import { type Distribution, type FrozenTrial, isSingleValue, type SearchSpace } from "@tunelab/study";

/** Groups of parameters learnt from finished trials, updated incrementally. */
export class GroupDecomposition {
  private groups: Map<string, Distribution>[] = [];
  private readonly done = new Set<number>();
  private cursor = 0;
  private cached: SearchSpace[] = [];

  /**
   * The groups after reading the trials of a snapshot (ordered by number), each a search
   * space sorted by name; single-valued distributions are left out.
   */
  update(trials: readonly FrozenTrial[]): readonly SearchSpace[] {
    let changed = false;
    for (let i = this.cursor; i < trials.length; i++) {
      const t = trials[i]!;
      if (this.done.has(t.number)) continue;
      if (t.state === "RUNNING" || t.state === "WAITING") continue;
      this.done.add(t.number);
      if (t.state === "COMPLETE" || t.state === "PRUNED") changed = this.add(t) || changed;
    }
    while (this.cursor < trials.length && this.done.has(trials[this.cursor]!.number)) {
      this.done.delete(trials[this.cursor]!.number);
      this.cursor++;
    }
    if (changed) {
      // Sorted by each group's smallest name. (The key order of a record is not the insertion
      // order for names such as "10" and "9", so the names are sorted before building it.)
      this.cached = this.groups
        .map((g) => ({ g, names: [...g.keys()].filter((name) => !isSingleValue(g.get(name)!)).sort() }))
        .filter(({ names }) => names.length > 0)
        .sort((a, b) => (a.names[0]! < b.names[0]! ? -1 : 1))
        .map(({ g, names }) => {
          // No prototype: any string, "__proto__" included, is an ordinary key.
          const out: Record<string, Distribution> = Object.create(null);
          for (const name of names) out[name] = g.get(name)!;
          return out;
        });
    }
    return this.cached;
  }

  private add(t: FrozenTrial): boolean {
    const names = Object.keys(t.distributions);
    if (names.length === 0) return false;
    const next: Map<string, Distribution>[] = [];
    const grouped = new Set<string>();
    for (const g of this.groups) {
      const inside = new Map<string, Distribution>();
      const outside = new Map<string, Distribution>();
      for (const [name, d] of g) {
        grouped.add(name);
        if (Object.hasOwn(t.distributions, name)) inside.set(name, d);
        else outside.set(name, d);
      }
      if (inside.size > 0) next.push(inside);
      if (outside.size > 0) next.push(outside);
    }
    const fresh = new Map<string, Distribution>();
    for (const name of names) if (!grouped.has(name)) fresh.set(name, t.distributions[name]!);
    if (fresh.size > 0) next.push(fresh);
    // A split or a new group always changes the number of groups.
    const changed = next.length !== this.groups.length;
    this.groups = next;
    return changed;
  }
}
