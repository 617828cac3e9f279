/**
 * Issue 18: the floor under a fresh TPE process's time, against Optuna 5.0's. Each round runs,
 * as separate processes (CPU of the whole process, user + system, from `/usr/bin/time`):
 *   node-empty     `node -e 0`: Node's own start-up
 *   node-import    Node importing `@tunelab/study` and `@tunelab/samplers/tpe` (compiled dist,
 *                  as optuna5-child.mjs loads them) and nothing else: start-up + module loading
 *   node-tpe       optuna5-child.mjs: TPE (multivariate) on the 10-D sphere, N trials
 *   py-empty       `python -c pass` (the Optuna 5.0 venv's interpreter)
 *   py-import      `python -c "import optuna"`
 *   py-tpe         optuna5.py: Optuna 5.0's TPE (multivariate), N trials
 * the kinds in a rotated order each round; medians over the rounds. The ratio target of the
 * issue (≥ 20× fresh at 300 trials) then needs node-tpe ≤ py-tpe / 20, which this prints
 * beside node-empty and node-import.
 *
 *   npm run ts -- benchmarks/overhead/tpe-floor.ts [--rounds R] [--trials N] [--univariate]
 *
 * Needs the compiled child (`benchmarks/overhead/dist/optuna5-child.mjs`, written by any
 * optuna5.ts run) and the packages' dist (`npx tsc -b packages/samplers packages/study`).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
};
const rounds = Number(opt("--rounds", "5"));
const trials = opt("--trials", "300");
if (!(Number.isSafeInteger(rounds) && rounds >= 1)) {
  throw new RangeError(`tpe-floor: --rounds must be an integer >= 1, got ${opt("--rounds", "5")}`);
}
if (!/^\d+$/.test(trials) || Number(trials) < 1) {
  throw new RangeError(`tpe-floor: --trials must be an integer >= 1, got ${trials}`);
}
const kind = argv.includes("--univariate") ? "tpe_univariate" : "tpe";
const root = fileURLToPath(new URL("../../", import.meta.url));
const child = fileURLToPath(new URL("./dist/optuna5-child.mjs", import.meta.url));
const peer = fileURLToPath(new URL("./optuna5.py", import.meta.url));
const python = "/tmp/optuna5/bin/python";
const importBoth = "await import('@tunelab/study'); await import('@tunelab/samplers/tpe');";

const cases: [string, string[]][] = [
  ["node-empty", [process.execPath, "-e", "0"]],
  ["node-import", [process.execPath, "--input-type=module", "-e", importBoth]],
  ["node-tpe", [process.execPath, child, "", kind, trials, "0"]],
  ["py-empty", [python, "-c", "pass"]],
  ["py-import", [python, "-c", "import optuna"]],
  ["py-tpe", [python, peer, kind, trials, "0"]],
];

/** CPU seconds (user + system) of one process run under /usr/bin/time. */
function cpuOf(cmd: string[]): number {
  const r = spawnSync("/usr/bin/time", ["-f", "TIME %U %S", ...cmd], { cwd: root, encoding: "utf8" });
  const m = /TIME ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  if (r.status !== 0 || m === null)
    throw new Error(`tpe-floor: ${cmd.join(" ")} failed: ${r.stderr.slice(-400)}`);
  return Number(m[1]) + Number(m[2]);
}

const times = new Map<string, number[]>(cases.map(([name]) => [name, []]));
for (let r = 0; r < rounds; r++) {
  for (let j = 0; j < cases.length; j++) {
    const [name, cmd] = cases[(j + r) % cases.length]!;
    times.get(name)!.push(cpuOf(cmd));
  }
}
const median = (xs: number[]): number => {
  const s = xs.slice().sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};
console.log(`${kind}, ${trials} trials; process CPU (user + system), median of ${rounds} rounds:`);
for (const [name] of cases) {
  const xs = times.get(name)!;
  console.log(`  ${name.padEnd(12)} ${median(xs).toFixed(3)} s   (${xs.map((x) => x.toFixed(2)).join(" ")})`);
}
const py = median(times.get("py-tpe")!);
const node = median(times.get("node-tpe")!);
console.log(`  ratio py-tpe / node-tpe: ${(py / node).toFixed(1)}x`);
console.log(
  `  20x would need node-tpe <= ${(py / 20).toFixed(3)} s; node-empty is ${median(times.get("node-empty")!).toFixed(3)} s, node-import ${median(times.get("node-import")!).toFixed(3)} s`,
);
