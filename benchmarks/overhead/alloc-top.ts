/**
 * Issue 18: where a process allocates, by function and caller: V8's sampling heap profiler
 * (through `node:inspector`) with the objects later collected by minor and major GCs kept,
 * so short-lived garbage counts (`node --heap-prof` reports only what is still alive). It
 * runs the compiled child of optuna5.ts (`benchmarks/overhead/dist/optuna5-child.mjs`,
 * written by any optuna5.ts run) under plain node, so nothing of tsx is counted.
 *
 *   npm run ts -- benchmarks/overhead/alloc-top.ts KIND N [WARM] [--top K] [--interval BYTES]
 *   e.g. random 20000, or tpe 1000 1 (a second optimize of 1,000 trials)
 * Prints the sampled bytes per (function, caller), largest first, and their total per trial.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
};
const positional = argv.filter((a, i) => !a.startsWith("--") && !argv[i - 1]?.startsWith("--"));
const [kind = "random", n = "20000", warm = "0"] = positional;
const top = Number(opt("--top", "25"));
const interval = Number(opt("--interval", "16384"));
const child = fileURLToPath(new URL("./dist/optuna5-child.mjs", import.meta.url));
if (!existsSync(child)) throw new Error(`alloc-top: ${child} is missing: run optuna5.ts once first`);

// The profiling driver, plain ES module JavaScript run by node (-e): it starts sampling,
// imports the child with its arguments, and prints the profile's tree as JSON.
const driver = `
import { Session } from "node:inspector/promises";
const s = new Session(); s.connect();
await s.post("HeapProfiler.enable");
await s.post("HeapProfiler.startSampling", { samplingInterval: ${interval},
  includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
process.argv = [process.argv[0], ${JSON.stringify(child)}, "", ${JSON.stringify(kind)}, ${JSON.stringify(n)}, ${JSON.stringify(warm)}];
const log = console.log; console.log = () => {};
await import(${JSON.stringify(`file://${child}`)});
const { profile } = await s.post("HeapProfiler.stopSampling");
log(JSON.stringify(profile.head));
`;
interface Node {
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly selfSize: number;
  readonly children: readonly Node[];
}
const head = JSON.parse(
  execFileSync(process.execPath, ["--input-type=module", "-e", driver], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  }),
) as Node;
const name = (n: Node): string => {
  const { functionName, url, lineNumber } = n.callFrame;
  return `${functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}:${lineNumber + 1}`;
};
const bytes = new Map<string, number>();
let total = 0;
const walk = (n: Node, caller: string): void => {
  const key = `${name(n)}  <- ${caller}`;
  bytes.set(key, (bytes.get(key) ?? 0) + n.selfSize);
  total += n.selfSize;
  for (const c of n.children) walk(c, name(n));
};
walk(head, "");
const trials = Number(n) + (warm === "1" ? 1000 : 0);
console.log(
  `${kind} ${n}${warm === "1" ? " + warm 1,000" : ""}: ${(total / 2 ** 20).toFixed(0)} MiB allocated (sampled every ${interval} bytes), ${(total / trials / 1024).toFixed(1)} KiB per trial`,
);
for (const [k, v] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(
    `${((100 * v) / total).toFixed(1).padStart(5)}%  ${(v / 2 ** 20).toFixed(1).padStart(6)} MiB  ${k}`,
  );
}
