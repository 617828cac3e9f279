/**
 * Pareto tools speed: exact hypervolume of 100 and 1000 points in 2-D, 3-D (and 100 in 4-D),
 * exclusive hypervolume contributions, greedy subset selection, and non-dominated sorting of
 * 10,000 points in 2-D and 3-D. Median of `repeats` runs after warm-up.
 *
 * Baselines in the same run:
 *   sort      Deb et al.'s fast non-dominated sort (NSGA-II, 2002), O(m·N²), the textbook
 *             algorithm (and the one Optuna 3.1 uses in spirit);
 *   HV 3-D    slicing along the third objective with a fresh 2-D sweep per slice, O(N² log N);
 *   contrib.  N + 1 hypervolume computations, HV(S) - HV(S \ {p}) (what Optuna 3.1's MOTPE does).
 *
 * Fronts: points on the positive unit sphere (all non-dominated); sorting: uniform random
 * points (many fronts).
 *
 * Run: npm run ts -- benchmarks/micro/pareto.ts [repeats=5]
 */
import {
  hypervolume,
  hypervolumeContributions,
  hypervolumeSubsetSelection,
  nonDominatedRanks,
} from "@tunelab/math/pareto";
import { Rng } from "@tunelab/math/random";

const repeats = Number(process.argv[2] ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function time(f: () => unknown): number {
  for (let w = 0; w < 3; w++) f();
  const ts: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

function sphere(n: number, m: number, seed: number): Float64Array {
  const rng = Rng.fromSeed(seed);
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let j = 0; j < m; j++) {
      const v = Math.abs(rng.normal());
      out[i * m + j] = v;
      norm += v * v;
    }
    for (let j = 0; j < m; j++) out[i * m + j] = out[i * m + j]! / Math.sqrt(norm);
  }
  return out;
}

/** Deb et al. (2002) fast non-dominated sort: domination counts and dominated lists. */
function debSort(points: Float64Array, m: number): Int32Array {
  const n = points.length / m;
  const count = new Int32Array(n);
  const dominatedBy: number[][] = Array.from({ length: n }, () => []);
  const dom = (a: number, b: number): boolean => {
    let strict = false;
    for (let j = 0; j < m; j++) {
      const x = points[a * m + j]!;
      const y = points[b * m + j]!;
      if (x > y) return false;
      if (x < y) strict = true;
    }
    return strict;
  };
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      if (dom(a, b)) {
        dominatedBy[a]!.push(b);
        count[b]!++;
      } else if (dom(b, a)) {
        dominatedBy[b]!.push(a);
        count[a]!++;
      }
    }
  }
  const rank = new Int32Array(n);
  let current = [];
  for (let i = 0; i < n; i++) if (count[i] === 0) current.push(i);
  let r = 0;
  while (current.length > 0) {
    const next: number[] = [];
    for (const a of current) {
      rank[a] = r;
      for (const b of dominatedBy[a]!) if (--count[b]! === 0) next.push(b);
    }
    current = next;
    r++;
  }
  return rank;
}

/** 3-D hypervolume by slicing with a fresh 2-D sweep per slice. */
function slicingHv3d(points: Float64Array, ref: number[]): number {
  const n = points.length / 3;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => points[3 * a + 2]! - points[3 * b + 2]!,
  );
  let vol = 0;
  const xy: number[][] = [];
  for (let t = 0; t < n; t++) {
    const i = order[t]!;
    xy.push([points[3 * i]!, points[3 * i + 1]!]);
    xy.sort((a, b) => a[0]! - b[0]!);
    let area = 0;
    let level = ref[1]!;
    for (const [x, y] of xy) {
      if (y! < level) {
        area += (ref[0]! - x!) * (level - y!);
        level = y!;
      }
    }
    const next = t + 1 < n ? points[3 * order[t + 1]! + 2]! : ref[2]!;
    vol += area * (next - points[3 * i + 2]!);
  }
  return vol;
}

const rows: [string, number, string][] = [];
const f = (t: number): string => (t < 1 ? `${(t * 1000).toFixed(0)} µs` : `${t.toFixed(2)} ms`);

for (const m of [2, 3]) {
  for (const n of [100, 1000]) {
    const pts = sphere(n, m, n + m);
    const ref = new Array(m).fill(1.1);
    const t = time(() => hypervolume(pts, m, ref));
    let note = "";
    if (m === 3) {
      const tb = time(() => slicingHv3d(pts, ref));
      note = `baseline slicing ${f(tb)} (${(tb / t).toFixed(0)}×)`;
    }
    rows.push([`hypervolume ${m}-D, ${n} points`, t, note]);
  }
}
{
  const pts = sphere(100, 4, 7);
  rows.push(["hypervolume 4-D, 100 points (WFG)", time(() => hypervolume(pts, 4, [1.1, 1.1, 1.1, 1.1])), ""]);
}
for (const m of [2, 3]) {
  for (const n of [100, 1000]) {
    const pts = sphere(n, m, 3 * n + m);
    const ref = new Array(m).fill(1.1);
    const t = time(() => hypervolumeContributions(pts, m, ref));
    let note = "";
    if (n === 100) {
      const tb = time(() => {
        const all = hypervolume(pts, m, ref);
        const rest = new Float64Array((n - 1) * m);
        for (let i = 0; i < n; i++) {
          rest.set(pts.subarray(0, i * m), 0);
          rest.set(pts.subarray((i + 1) * m), i * m);
          all - hypervolume(rest, m, ref);
        }
      });
      note = `baseline N+1 HVs ${f(tb)} (${(tb / t).toFixed(0)}×)`;
    }
    rows.push([`contributions ${m}-D, ${n} points`, t, note]);
  }
}
{
  const pts = sphere(1000, 2, 11);
  rows.push([
    "subset selection 2-D, 25 of 1000",
    time(() => hypervolumeSubsetSelection(pts, 2, 25, [1.1, 1.1])),
    "",
  ]);
  const p3 = sphere(200, 3, 12);
  rows.push([
    "subset selection 3-D, 25 of 200",
    time(() => hypervolumeSubsetSelection(p3, 3, 25, [1.1, 1.1, 1.1])),
    "",
  ]);
}
for (const m of [2, 3]) {
  const rng = Rng.fromSeed(m);
  const n = 10_000;
  const pts = Float64Array.from({ length: n * m }, () => rng.random());
  const t = time(() => nonDominatedRanks(pts, m));
  const tb = time(() => debSort(pts, m));
  rows.push([
    `non-dominated sort ${m}-D, ${n} points`,
    t,
    `baseline Deb O(mN²) ${f(tb)} (${(tb / t).toFixed(0)}×)`,
  ]);
}

console.log(`Pareto tools, median of ${repeats} (Node ${process.version})`);
const w = Math.max(...rows.map((r) => r[0].length));
for (const [name, t, note] of rows) console.log(`${name.padEnd(w)}  ${f(t).padStart(9)}  ${note}`);
