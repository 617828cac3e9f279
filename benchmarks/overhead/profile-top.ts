/**
 * Issue 18: the top self-time entries of a V8 CPU profile (`node --cpu-prof`), by function and
 * by package/file group, with the garbage collector and the program's start-up as their own
 * rows. The profiler samples wall time, so the figures are shares of the samples, not CPU.
 *
 *   node --cpu-prof --cpu-prof-dir=DIR benchmarks/overhead/dist/optuna5-child.mjs "" tpe 300 0
 *   npm run ts -- benchmarks/overhead/profile-top.ts DIR/*.cpuprofile [--top N] [--inclusive]
 *
 * `--inclusive` adds the functions by total time (self and callees, each function counted once
 * per sample however often it is on the stack), to see which caller a cost belongs to.
 */
import { readFileSync } from "node:fs";

interface Frame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: Frame;
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const argv = process.argv.slice(2);
const topAt = argv.indexOf("--top");
const top = topAt < 0 ? 25 : Number(argv[topAt + 1]);
const files = argv.filter((a, i) => a.endsWith(".cpuprofile") && i !== topAt + 1);
const inclusive = argv.includes("--inclusive");
if (files.length === 0) throw new Error("profile-top: give one or more .cpuprofile files");

/** A short name of the file a frame is in: the package and its folder, or the url's tail. */
function group(url: string): string {
  const m = /packages\/([^/]+)\/dist\/([^/]+)/.exec(url);
  if (m !== null) return `@tunelab/${m[1]}/${m[2]!.replace(/\.js$/, "")}`;
  const s = /node_modules\/(@[^/]+\/[^/]+|[^/]+)/.exec(url);
  if (s !== null) return s[1]!;
  if (url.startsWith("node:")) return "node internals";
  return url === "" ? "(native / runtime)" : url.split("/").slice(-2).join("/");
}

for (const file of files) {
  const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (f: Frame): string =>
    f.functionName.startsWith("(")
      ? f.functionName
      : `${f.functionName || "(anonymous)"} ${group(f.url)}:${f.lineNumber + 1}`;
  const incl = new Map<string, number>();
  const fn = new Map<string, number>();
  const grp = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] ?? 0;
    const node = byId.get(p.samples[i]!);
    if (node === undefined) continue;
    total += dt;
    const { functionName, url, lineNumber } = node.callFrame;
    const special = functionName.startsWith("(");
    const key = special ? functionName : `${functionName || "(anonymous)"} ${group(url)}:${lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + dt);
    const g = special ? functionName : group(url);
    grp.set(g, (grp.get(g) ?? 0) + dt);
    if (inclusive) {
      const seen = new Set<string>();
      for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
        const k = keyOf(byId.get(id)!.callFrame);
        if (seen.has(k)) continue;
        seen.add(k);
        incl.set(k, (incl.get(k) ?? 0) + dt);
      }
    }
  }
  const show = (m: Map<string, number>, n: number): string =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([k, v]) =>
          `  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`,
      )
      .join("\n");
  console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled\nby function (self):\n${show(fn, top)}`);
  console.log(`by file group (self):\n${show(grp, 15)}\n`);
  if (inclusive) console.log(`by function (total: self and callees):\n${show(incl, top)}\n`);
}
