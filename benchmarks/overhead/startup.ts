/**
 * Issue 18: what a bundled single-file build and a V8 startup snapshot save on a fresh
 * process, (a) for a user's script importing `tunelab` (user-script.ts in its three forms,
 * startup-build.ts) and (b) for the CLI's `tunelab ask` (the launcher `bin/tunelab.cjs`
 * with TUNELAB_FAST=0, its fast path: the esbuild bundle compiled with its V8 code cache,
 * and a snapshot of that bundle taken after its warm-up, run with
 * `node --snapshot-blob BLOB ask ...`).
 *
 * Forms run alternately (the order rotating each round) so that all see the same load;
 * medians of R rounds. CPU time only: (a) `process.cpuUsage()` at the script's end (from
 * process start: Node start-up, loading or deserializing, the study), (b) user + system of
 * the whole `ask` process from /usr/bin/time (10 ms ticks), on a copy of a journal study
 * holding 300 complete trials of the 10-D sphere (TPE past its start-up trials).
 *
 *   npx tsc -b packages/cli && npm run build:fast -w @tunelab/cli
 *   npm run ts -- benchmarks/overhead/startup.ts [--rounds R] [--kind tpe|random] [--trials N]
 *     [--only user|cli]
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { RandomSampler } from "@tunelab/samplers/random";
import { openJournalFileStorage } from "@tunelab/storage/journal";
import { createStudy, setLogLevel } from "@tunelab/study";
import { buildUserScriptForms, formCommand, type UserScriptForms } from "./startup-build.js";

const argv = process.argv.slice(2);
const value = (name: string, fallback: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
};
const rounds = Number(value("--rounds", "9"));
const kind = value("--kind", "tpe");
const trials = value("--trials", "300");
const only = value("--only", "");
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const OUT = join(ROOT, "benchmarks/overhead/dist/startup");

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const summary = (xs: readonly number[]): string =>
  `median ${(1000 * median(xs)).toFixed(0)} ms (min ${(1000 * Math.min(...xs)).toFixed(0)}, max ${(1000 * Math.max(...xs)).toFixed(0)})`;

/** Runs `run(form)` for every form, `rounds` times, rotating the order; CPU seconds per form. */
function alternate<F extends string>(forms: readonly F[], run: (form: F) => number): Map<F, number[]> {
  const out = new Map<F, number[]>(forms.map((f) => [f, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < forms.length; k++) {
      const f = forms[(r + k) % forms.length]!;
      out.get(f)!.push(run(f));
    }
  }
  return out;
}

console.log(
  `node ${process.version}, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}, ${rounds} rounds`,
);

if (only !== "cli") {
  const forms = await buildUserScriptForms(OUT);
  const names = ["unbundled", "bundle", "snapshot"] as const;
  const study = new Map<keyof UserScriptForms, number[]>(names.map((f) => [f, []]));
  const cpu = alternate(names, (form) => {
    const [exe, ...args] = formCommand(forms, form);
    const out = execFileSync(exe!, [...args, kind, trials], { encoding: "utf8" });
    const r = JSON.parse(out.trim().split("\n").pop()!) as { processCpu: number; studyCpu: number };
    study.get(form)!.push(r.studyCpu);
    return r.processCpu;
  });
  console.log(
    `\n(a) a user's script importing tunelab, ${kind} ${trials} trials, process CPU (start-up + study) and study CPU:`,
  );
  for (const f of names) {
    const p = cpu.get(f)!;
    const s = study.get(f)!;
    const rest = p.map((x, i) => x - s[i]!);
    console.log(
      `  ${f.padEnd(10)} process ${summary(p)}; study ${summary(s)}; process - study ${summary(rest)}`,
    );
  }
}

if (only !== "user") {
  // The study: 300 complete trials of the 10-D sphere in a journal file.
  mkdirSync(OUT, { recursive: true });
  const template = join(OUT, "cli-template.log");
  rmSync(template, { force: true });
  setLogLevel("warn");
  const storage = await openJournalFileStorage(template);
  const s = await createStudy({ storage, studyName: "s", sampler: new RandomSampler({ seed: 1 }) });
  await s.optimize(
    (t) => {
      let v = 0;
      for (let i = 0; i < 10; i++) v += t.suggestFloat(`x${i}`, -5, 5) ** 2;
      return v;
    },
    { nTrials: 300 },
  );
  await storage.close?.();
  const space = JSON.stringify(
    Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [
        `x${i}`,
        { name: "FloatDistribution", attributes: { low: -5, high: 5 } },
      ]),
    ),
  );
  // The snapshot of the CLI's fast-path bundle, taken after its warm-up.
  const fastDir = join(ROOT, "packages/cli/dist/fast");
  const manifest = JSON.parse(readFileSync(join(fastDir, "manifest.json"), "utf8")) as { bundle: string };
  const bundleFile = join(fastDir, manifest.bundle);
  // Two snapshots: "snapshot" taken after the bundle's warm-up (its functions compiled),
  // "snapshot-cold" right after its top level ran.
  const blobs = { snapshot: join(OUT, "cli.blob"), "snapshot-cold": join(OUT, "cli-cold.blob") };
  for (const [form, blob] of Object.entries(blobs)) {
    const entry = join(OUT, `cli-${form}-entry.cjs`);
    const warm = form === "snapshot";
    writeFileSync(
      entry,
      `const __b = (function (exports, require, module, __filename, __dirname) {\n${readFileSync(bundleFile, "utf8")}\n});\n` +
        `const m = { exports: {} };\n__b(m.exports, require, m, ${JSON.stringify(bundleFile)}, ${JSON.stringify(fastDir)});\n` +
        `(${warm} ? m.exports.warmUp() : Promise.resolve()).then(() => require("node:v8").startupSnapshot.setDeserializeMainFunction(() =>\n` +
        "  m.exports.main(process.argv.slice(1)).then((c) => { process.exitCode = c; })));\n",
    );
    execFileSync(process.execPath, ["--snapshot-blob", blob, "--build-snapshot", entry], { stdio: "ignore" });
  }
  const bin = join(ROOT, "packages/cli/bin/tunelab.cjs");
  const work = join(OUT, "cli-work.log");
  const ask = [
    "ask",
    ...["--storage", `journal:${work}`, "--study", "s", "--search-space", space],
    ...["--sampler", "TpeSampler", "--sampler-kwargs", '{"seed": 1}'],
  ];
  const commands = {
    plain: { cmd: [process.execPath, bin, ...ask], env: { TUNELAB_FAST: "0" } },
    fast: { cmd: [process.execPath, bin, ...ask], env: {} },
    snapshot: { cmd: [process.execPath, "--snapshot-blob", blobs.snapshot, ...ask], env: {} },
    "snapshot-cold": { cmd: [process.execPath, "--snapshot-blob", blobs["snapshot-cold"], ...ask], env: {} },
    "node -e 0": { cmd: [process.execPath, "-e", "0"], env: {} },
  } as const;
  const names = Object.keys(commands) as (keyof typeof commands)[];
  const answers = new Map<string, Set<string>>(names.map((f) => [f, new Set()]));
  const cpu = alternate(names, (form) => {
    copyFileSync(template, work);
    const { cmd, env } = commands[form];
    const r = spawnSync("/usr/bin/time", ["-f", "TIME %U %S", ...cmd], {
      encoding: "utf8",
      env: { ...process.env, ...env },
    });
    const m = /TIME ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
    if (r.status !== 0 || m === null)
      throw new Error(`startup: ${form} failed (exit ${r.status}): ${r.stderr.trim()}`);
    answers.get(form)!.add(r.stdout.trim());
    return Number(m[1]) + Number(m[2]);
  });
  console.log(`\n(b) tunelab ask (TPE) on a journal study of 300 complete trials, CPU of the whole process:`);
  for (const f of names) console.log(`  ${f.padEnd(13)} ${summary(cpu.get(f)!)}`);
  // Every ask ran on the same copy of the study: each form must give one answer, the same.
  const asked = names.filter((f) => f !== "node -e 0").map((f) => [...answers.get(f)!]);
  const same = asked.every((a) => a.length === 1 && a[0] === asked[0]![0]);
  console.log(
    `  the forms' answers (seeded TPE): ${same ? "one and the same" : `DIFFER: ${JSON.stringify(asked)}`}`,
  );
}
