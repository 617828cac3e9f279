/**
 * Issue 18: a user's script as the README writes one (`import { ... } from "tunelab"`), the
 * subject of startup.ts: TPE (or Random) on the 10-D sphere on [-5, 5]^10, seed 0, in this
 * fresh process. It is run unbundled (plain node, the packages' compiled `dist/`), bundled into
 * one minified file by esbuild, and from a V8 startup snapshot of that bundle; the three must
 * print the same parameters (test: packages/tunelab/test/bundle/bundle.test.ts).
 *
 * Usage: node user-script.mjs [KIND] [N]   KIND tpe (default) | random; N trials (default 300)
 * From a snapshot (`node --snapshot-blob B`), the arguments follow the blob: KIND, N.
 * Prints one JSON line: processCpu (s, process.cpuUsage since process start: Node start-up,
 * module loading or snapshot deserialization, and the study), studyCpu (s, around optimize),
 * best (the best value) and firstParams (the first 12 trials' x0), which the test compares.
 */
import { createStudy, InMemoryStorage, RandomSampler, setLogLevel, TpeSampler } from "tunelab";

const names = Array.from({ length: 10 }, (_, i) => `x${i}`);

/** One run; `argv` is KIND and N. Exported so that a snapshot's main function calls it. */
export async function main(argv: readonly string[]): Promise<void> {
  const kind = argv[0] ?? "tpe";
  const n = Number(argv[1] ?? "300");
  if (kind !== "tpe" && kind !== "random")
    throw new RangeError(`user-script: KIND must be tpe or random, got ${kind}`);
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`user-script: N must be a positive integer, got ${argv[1]}`);
  setLogLevel("warn");
  const study = await createStudy({
    storage: new InMemoryStorage(),
    sampler: kind === "tpe" ? new TpeSampler({ seed: 0 }) : new RandomSampler({ seed: 0 }),
  });
  const c0 = process.cpuUsage();
  await study.optimize(
    (t) => {
      let s = 0;
      for (const name of names) {
        const x = t.suggestFloat(name, -5, 5);
        s += x * x;
      }
      return s;
    },
    { nTrials: n },
  );
  const c = process.cpuUsage(c0);
  const pc = process.cpuUsage();
  const firstParams = study.trials.slice(0, 12).map((t) => t.params.x0);
  console.log(
    JSON.stringify({
      processCpu: (pc.user + pc.system) / 1e6,
      studyCpu: (c.user + c.system) / 1e6,
      best: study.bestValue,
      firstParams,
    }),
  );
}
