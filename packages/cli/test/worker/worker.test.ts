import { getKey } from "@tunelab/study/records";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isAlive, nodeCommand, readTrials, runCli, type Workspace, workspace } from "./harness.js";

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.cleanup());

/** Node.js ES module text that reads the trial line and answers, and prints protocol lines. */
const PRELUDE = `
import { appendFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const next = async () => (await lines.next()).value;
const say = (s) => process.stdout.write(s + "\\n");
`;

const RANDOM = ["--sampler", "RandomSampler", "--sampler-kwargs", '{"seed": 3}'];
const NO_PRUNING = [...RANDOM, "--pruner", "NopPruner"];
/** Prunes trial 1 when it reports a larger value at step 0 than trial 0 did. */
const PRUNE_SECOND = [
  ...RANDOM,
  "--pruner",
  "MedianPruner",
  "--pruner-kwargs",
  '{"n_startup_trials": 1, "n_warmup_steps": 0}',
];

function failReason(t: { systemAttrs: Readonly<Record<string, unknown>> }): string {
  return String(getKey(t.systemAttrs, "fail_reason"));
}

describe("tunelab worker: what the command gets and gives", () => {
  it("params in TUNELAB_PARAMS and on stdin; the last line of stdout is the value; other lines pass through", async () => {
    const cmd = nodeCommand(
      ws,
      "objective.mjs",
      `${PRELUDE}
      const trial = JSON.parse(await next());
      const env = {};
      for (const k of ["TUNELAB_PARAMS", "TUNELAB_TRIAL_NUMBER", "TUNELAB_STUDY", "TUNELAB_STORAGE", "TUNELAB_MODE", "TUNELAB_PROTOCOL"]) env[k] = process.env[k];
      writeFileSync(${JSON.stringify(ws.dir)} + "/env-" + trial.number + ".json", JSON.stringify({ trial, env }));
      say("hello from trial " + trial.number);
      say(String(trial.params.x * trial.params.x));
      process.exit(0);`,
    );
    const r = await runCli(["worker", ...ws.target(), "--n-trials", "3", ...NO_PRUNING, ...cmd]);
    expect(r.stderr).not.toMatch(/tunelab: /);
    expect(r.code).toBe(0);
    const trials = await readTrials(ws.file);
    expect(trials.map((t) => t.state)).toEqual(["COMPLETE", "COMPLETE", "COMPLETE"]);
    for (const t of trials) {
      const x = t.params.x as number;
      expect(t.values).toEqual([x * x]);
      const seen = JSON.parse(ws.read(`env-${t.number}.json`)) as {
        trial: { number: number; params: { x: number } };
        env: Record<string, string>;
      };
      expect(seen.trial).toEqual({ number: t.number, params: { x } });
      expect(JSON.parse(seen.env.TUNELAB_PARAMS!)).toEqual({ x });
      expect(seen.env).toMatchObject({
        TUNELAB_TRIAL_NUMBER: String(t.number),
        TUNELAB_STUDY: "s",
        TUNELAB_STORAGE: ws.storage,
        TUNELAB_MODE: "trial",
        TUNELAB_PROTOCOL: "1",
      });
      expect(r.stdout).toContain(`hello from trial ${t.number}\n${x * x}\n`);
    }
  });

  it("a float parameter whose value is whole reaches the command as a float (2.0), as tunelab ask prints it", async () => {
    const space = JSON.stringify({
      f: { name: "FloatDistribution", attributes: { low: 2, high: 2 } },
      n: { name: "IntDistribution", attributes: { low: 3, high: 3 } },
      c: { name: "CategoricalDistribution", attributes: { choices: ["a"] } },
    });
    const cmd = nodeCommand(
      ws,
      "echo.mjs",
      `${PRELUDE}
      writeFileSync(${JSON.stringify(ws.dir)} + "/line.txt", (await next()) + "\\n" + process.env.TUNELAB_PARAMS);
      say("0");`,
    );
    expect(
      (await runCli(["worker", ...ws.target(space), "--n-trials", "1", ...NO_PRUNING, ...cmd])).code,
    ).toBe(0);
    expect(ws.read("line.txt")).toBe(
      '{"number": 0, "params": {"f": 2.0, "n": 3, "c": "a"}}\n{"f": 2.0, "n": 3, "c": "a"}',
    );
  });

  it("several values, separated by spaces or commas or as a JSON array, for a study with --directions", async () => {
    const cmd = nodeCommand(
      ws,
      "multi.mjs",
      `${PRELUDE}
      const n = Number(process.env.TUNELAB_TRIAL_NUMBER);
      say(["1.5 -2", "[1.5, -2]", "1.5, -2", "tunelab:result 1.5 -2"][n]);`,
    );
    const r = await runCli([
      "worker",
      ...ws.target(),
      "--directions",
      "minimize",
      "maximize",
      "--n-trials",
      "4",
      ...RANDOM,
      ...cmd,
    ]);
    expect(r.code).toBe(0);
    const trials = await readTrials(ws.file);
    expect(trials.map((t) => [t.state, t.values])).toEqual(Array(4).fill(["COMPLETE", [1.5, -2]]));
  });

  it("tunelab:report lines become intermediate values and do not pass through; stdin ends after the trial line", async () => {
    const cmd = nodeCommand(
      ws,
      "reports.mjs",
      `
      import { readFileSync, writeFileSync } from "node:fs";
      const say = (s) => process.stdout.write(s + "\\n");
      writeFileSync(${JSON.stringify(ws.dir)} + "/stdin.txt", readFileSync(0, "utf8"));
      for (const [step, v] of [[0, 0.5], [1, 0.25], [4, "nan"], [5, "-inf"]]) say("tunelab:report " + step + " " + v);
      say("0.125");`,
    );
    const r = await runCli(["worker", ...ws.target(), "--n-trials", "1", ...NO_PRUNING, ...cmd]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("0.125\n");
    const [t] = await readTrials(ws.file);
    expect(t?.state).toBe("COMPLETE");
    expect([...(t?.intermediateValues ?? [])]).toEqual([
      [0, 0.5],
      [1, 0.25],
      [4, Number.NaN],
      [5, Number.NEGATIVE_INFINITY],
    ]);
    expect(ws.read("stdin.txt")).toBe(`{"number": 0, "params": {"x": ${t?.params.x}}}\n`);
  });
});

describe("tunelab worker: pruning (a process per trial)", () => {
  it("the pruner's decision ends the command's process group with SIGTERM; the trial is PRUNED with its last report", async () => {
    // Trial n reports n at step 0, then works on; the pruner stops trial 1 (1 > median 0).
    const cmd = nodeCommand(
      ws,
      "prune.mjs",
      `${PRELUDE}
      const { number } = JSON.parse(await next());
      process.on("SIGTERM", () => { appendFileSync(${JSON.stringify(ws.dir)} + "/sigterm.txt", number + "\\n"); process.exit(143); });
      say("tunelab:report 0 " + number);
      if (number === 1) await new Promise((r) => setTimeout(r, 60000));
      say(String(number));
      process.exit(0);`,
    );
    const r = await runCli(["worker", ...ws.target(), "--n-trials", "2", ...PRUNE_SECOND, ...cmd]);
    expect(r.code).toBe(0);
    const trials = await readTrials(ws.file);
    expect(trials.map((t) => [t.state, t.values])).toEqual([
      ["COMPLETE", [0]],
      ["PRUNED", [1]], // a PRUNED trial keeps its last report as its value
    ]);
    expect(ws.read("sigterm.txt")).toBe("1\n");
  });

  for (const [how, script] of [
    ["prints tunelab:pruned", 'say("tunelab:pruned");'],
    ["exits with code 10", "process.exit(10);"],
  ] as const) {
    it(`a command that ${how} unasked has its trial PRUNED`, async () => {
      const cmd = nodeCommand(
        ws,
        "self-prune.mjs",
        `${PRELUDE} await next(); say("tunelab:report 0 7"); ${script}`,
      );
      expect((await runCli(["worker", ...ws.target(), "--n-trials", "1", ...NO_PRUNING, ...cmd])).code).toBe(
        0,
      );
      expect((await readTrials(ws.file)).map((t) => [t.state, t.values])).toEqual([["PRUNED", [7]]]);
    });
  }
});

describe("tunelab worker: trials that fail, with the reason in fail_reason", () => {
  const cases: readonly { name: string; script: string; reason: RegExp }[] = [
    {
      name: "a command that exits 1 (the end of its stderr in the reason)",
      script: 'process.stderr.write("Traceback: boom\\n"); say("0.5"); process.exit(1);',
      reason: /^the command exited with code 1; the end of its stderr:\nTraceback: boom$/,
    },
    {
      name: "a last line that is not a number",
      script: 'say("0.5"); say("done");',
      reason: /^the last line of the command's stdout is not a number: "done"$/,
    },
    {
      name: "no output",
      script: "",
      reason: /^the command printed nothing on stdout; its last line must be the value/,
    },
    {
      name: "a value of NaN",
      script: 'say("nan");',
      reason: /not a number/,
    },
    {
      name: "tunelab:fail",
      script: 'say("tunelab:fail CUDA out of memory"); say("0.5");',
      reason: /^the command said: CUDA out of memory$/,
    },
    {
      name: "a protocol line the worker does not accept",
      script: 'say("tunelab:report one 0.5"); await next(); say("0.5");',
      reason:
        /^the command printed a line the protocol does not accept: "tunelab:report one 0.5" \(the step must be an integer >= 0, got "one"\)$/,
    },
    {
      name: "a command killed by a signal",
      script: 'process.kill(process.pid, "SIGKILL");',
      reason: /^the command was killed by SIGKILL$/,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const cmd = nodeCommand(ws, "fails.mjs", `${PRELUDE} await next(); ${c.script}`);
      const r = await runCli(["worker", ...ws.target(), "--n-trials", "1", ...NO_PRUNING, ...cmd]);
      expect(r.code).toBe(0); // a failed trial is not a failed worker
      const [t] = await readTrials(ws.file);
      expect(t?.state).toBe("FAIL");
      expect(failReason(t!)).toMatch(/^CommandTrialError: |the objective returned/);
      expect(failReason(t!).replace(/^CommandTrialError: /, "")).toMatch(c.reason);
    });
  }

  it("a command that does not exist ends the worker (exit 1, one line naming it); its trial is FAIL, not RUNNING", async () => {
    const r = await runCli([
      "worker",
      ...ws.target(),
      "--n-trials",
      "5",
      ...NO_PRUNING,
      "--",
      "tunelab-no-such-program",
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^tunelab: worker: cannot start the command "tunelab-no-such-program": no such program \(not found in PATH\)$/m,
    );
    const trials = await readTrials(ws.file);
    expect(trials.map((t) => t.state)).toEqual(["FAIL"]);
  });

  it("--trial-timeout kills the command's process group, a grandchild that ignores SIGTERM included", async () => {
    const pidFile = `${ws.dir}/grandchild.pid`;
    // The shell starts a grandchild that ignores SIGTERM (sleep inherits the ignored signal),
    // then waits; SIGTERM ends the shell, SIGKILL after --kill-grace the grandchild.
    const script = `sh -c 'trap "" TERM; echo $$ > ${pidFile}; exec sleep 300' & wait`;
    const r = await runCli([
      "worker",
      ...ws.target(),
      "--n-trials",
      "1",
      "--trial-timeout",
      "1",
      "--kill-grace",
      "0.3",
      ...NO_PRUNING,
      "--",
      "sh",
      "-c",
      script,
    ]);
    expect(r.code).toBe(0);
    const [t] = await readTrials(ws.file);
    expect(t?.state).toBe("FAIL");
    expect(failReason(t!)).toBe(
      "CommandTrialError: the command ran longer than --trial-timeout 1 s: its process group got SIGTERM, and SIGKILL 0.3 s later (--kill-grace)",
    );
    const pid = Number(ws.read("grandchild.pid"));
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
  });

  it("--trial-timeout: a group that ends on SIGTERM is not sent SIGKILL, and the next trial runs", async () => {
    const cmd = nodeCommand(
      ws,
      "slow-first.mjs",
      `${PRELUDE} const { number } = JSON.parse(await next());
      if (number === 0) await new Promise((r) => setTimeout(r, 60000));
      say("1");`,
    );
    const r = await runCli([
      "worker",
      ...ws.target(),
      "--n-trials",
      "2",
      "--trial-timeout",
      "1",
      ...NO_PRUNING,
      ...cmd,
    ]);
    expect(r.code).toBe(0);
    const trials = await readTrials(ws.file);
    expect(trials.map((t) => t.state)).toEqual(["FAIL", "COMPLETE"]);
    expect(failReason(trials[0]!)).toBe(
      "CommandTrialError: the command ran longer than --trial-timeout 1 s: its process group got SIGTERM",
    );
  });
});

describe("tunelab worker: limits and progress", () => {
  it("--timeout starts no trial after it, and lets the running one finish", async () => {
    const cmd = nodeCommand(
      ws,
      "slow.mjs",
      `${PRELUDE} await next(); await new Promise((r) => setTimeout(r, 2500)); say("1");`,
    );
    const r = await runCli(["worker", ...ws.target(), "--timeout", "1", ...NO_PRUNING, ...cmd]);
    expect(r.code).toBe(0);
    expect((await readTrials(ws.file)).map((t) => t.state)).toEqual(["COMPLETE"]);
  });

  it("--n-trials counts the trials this worker runs, on a study that has some already", async () => {
    const cmd = nodeCommand(ws, "one.mjs", `${PRELUDE} say("1");`);
    expect((await runCli(["worker", ...ws.target(), "--n-trials", "2", ...NO_PRUNING, ...cmd])).code).toBe(0);
    expect((await runCli(["worker", ...ws.target(), "--n-trials", "3", ...NO_PRUNING, ...cmd])).code).toBe(0);
    expect((await readTrials(ws.file)).map((t) => t.number)).toEqual([0, 1, 2, 3, 4]);
  });

  it("draws a progress line on stderr when it is a terminal, and none otherwise", async () => {
    const cmd = nodeCommand(ws, "one.mjs", `${PRELUDE} say("0.25");`);
    const tty = await runCli(["worker", ...ws.target(), "--n-trials", "2", ...NO_PRUNING, ...cmd], {
      stderrIsTTY: true,
    });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain(
      "\r\x1b[2Ktunelab worker: 1 trial done (1 complete, 0 pruned, 0 failed); best value 0.25 (trial 0)",
    );
    expect(tty.stderr).toContain("\r\x1b[2Ktunelab worker: 2 trials done (2 complete, 0 pruned, 0 failed)");
    const plain = await runCli(["worker", ...ws.target(), "--n-trials", "2", ...NO_PRUNING, ...cmd]);
    expect(plain.code).toBe(0);
    expect(plain.stderr).not.toContain("\x1b");
    expect(plain.stderr).toBe(
      "tunelab worker: 2 trials done (2 complete, 0 pruned, 0 failed); best value 0.25 (trial 0)\n",
    );
  });
});

describe("tunelab worker --persistent", () => {
  /** Serves trials from stdin; notes each start; reports the trial number at step 0. */
  function server(extra = ""): string[] {
    return nodeCommand(
      ws,
      "server.mjs",
      `${PRELUDE}
      appendFileSync(${JSON.stringify(ws.dir)} + "/starts.txt", process.pid + " " + process.env.TUNELAB_MODE + "\\n");
      for (;;) {
        const line = await next();
        if (line === undefined) break;
        const { number, params } = JSON.parse(line);
        ${extra}
        say("tunelab:report 0 " + number);
        if ((await next()) === "tunelab:prune") { say("tunelab:pruned"); continue; }
        say("serving trial " + number);
        say("tunelab:result " + params.x * params.x);
      }
      appendFileSync(${JSON.stringify(ws.dir)} + "/starts.txt", "end of input\\n");`,
    );
  }

  it("one process serves every trial (one start), which ends at end of input", async () => {
    const r = await runCli([
      "worker",
      ...ws.target(),
      "--persistent",
      "--n-trials",
      "5",
      ...NO_PRUNING,
      ...server(),
    ]);
    expect(r.code).toBe(0);
    const trials = await readTrials(ws.file);
    expect(trials.map((t) => t.state)).toEqual(Array(5).fill("COMPLETE"));
    for (const t of trials) expect(t.values).toEqual([(t.params.x as number) ** 2]);
    expect(ws.read("starts.txt")).toMatch(/^\d+ persistent\nend of input\n$/);
    expect(r.stdout).toBe([0, 1, 2, 3, 4].map((n) => `serving trial ${n}\n`).join(""));
    expect(r.stderr).toContain("the command was started 1 time(s)");
  });

  it("a pruned trial leaves the process serving", async () => {
    const r = await runCli([
      "worker",
      ...ws.target(),
      "--persistent",
      "--n-trials",
      "3",
      ...PRUNE_SECOND,
      ...server(),
    ]);
    expect(r.code).toBe(0);
    expect((await readTrials(ws.file)).map((t) => t.state)).toEqual(["COMPLETE", "PRUNED", "PRUNED"]);
    expect(
      ws
        .read("starts.txt")
        .split("\n")
        .filter((l) => /persistent/.test(l)),
    ).toHaveLength(1);
  });

  it("each report is answered on stdin; a command that ignores tunelab:prune is stopped after --prune-grace and started again", async () => {
    const cmd = nodeCommand(
      ws,
      "deaf.mjs",
      `${PRELUDE}
      appendFileSync(${JSON.stringify(ws.dir)} + "/starts.txt", "start\\n");
      for (;;) {
        const line = await next();
        if (line === undefined) break;
        const { number } = JSON.parse(line);
        say("tunelab:report 0 " + number);
        appendFileSync(${JSON.stringify(ws.dir)} + "/answers.txt", number + " " + (await next()) + "\\n");
        if (number === 1) await new Promise((r) => setTimeout(r, 60000)); // deaf to tunelab:prune
        say("tunelab:result " + number);
      }`,
    );
    const r = await runCli([
      "worker",
      ...ws.target(),
      "--persistent",
      "--prune-grace",
      "0.3",
      "--n-trials",
      "3",
      ...PRUNE_SECOND,
      ...cmd,
    ]);
    expect(r.code).toBe(0);
    expect((await readTrials(ws.file)).map((t) => [t.state, t.values])).toEqual([
      ["COMPLETE", [0]],
      ["PRUNED", [1]],
      ["PRUNED", [2]],
    ]);
    expect(ws.read("answers.txt")).toBe("0 tunelab:continue\n1 tunelab:prune\n2 tunelab:prune\n");
    expect(ws.read("starts.txt")).toBe("start\nstart\n");
  });

  it("a process that dies fails its trial, and is started again for the next", async () => {
    const cmd = server('if (number === 1) { process.stderr.write("segfault-ish\\n"); process.exit(7); }');
    const r = await runCli([
      "worker",
      ...ws.target(),
      "--persistent",
      "--n-trials",
      "4",
      ...NO_PRUNING,
      ...cmd,
    ]);
    expect(r.code).toBe(0);
    const trials = await readTrials(ws.file);
    expect(trials.map((t) => t.state)).toEqual(["COMPLETE", "FAIL", "COMPLETE", "COMPLETE"]);
    expect(failReason(trials[1]!)).toBe(
      "CommandTrialError: the command exited with code 7 before it ended trial 1 (a persistent command answers each trial with tunelab:result, tunelab:pruned or tunelab:fail); the end of its stderr:\nsegfault-ish",
    );
    expect(
      ws
        .read("starts.txt")
        .split("\n")
        .filter((l) => /persistent/.test(l)),
    ).toHaveLength(2);
  });

  it("--trial-timeout kills the persistent process; the next trial starts a new one", async () => {
    const cmd = server("if (number === 0) await new Promise((r) => setTimeout(r, 60000));");
    const r = await runCli([
      "worker",
      ...ws.target(),
      "--persistent",
      "--trial-timeout",
      "1",
      "--n-trials",
      "2",
      ...NO_PRUNING,
      ...cmd,
    ]);
    expect(r.code).toBe(0);
    expect((await readTrials(ws.file)).map((t) => t.state)).toEqual(["FAIL", "COMPLETE"]);
    expect(
      ws
        .read("starts.txt")
        .split("\n")
        .filter((l) => /persistent/.test(l)),
    ).toHaveLength(2);
  });
});

describe("tunelab worker: the study", () => {
  it("creates the study with --direction, stores --sampler and --pruner in it as study create does, and refuses another direction", async () => {
    const cmd = nodeCommand(ws, "one.mjs", `${PRELUDE} say("1");`);
    const first = await runCli([
      "worker",
      ...ws.target(),
      "--direction",
      "maximize",
      "--n-trials",
      "1",
      ...PRUNE_SECOND,
      ...cmd,
    ]);
    expect(first.code).toBe(0);
    const again = await runCli([
      "worker",
      ...ws.target(),
      "--direction",
      "minimize",
      "--n-trials",
      "1",
      ...cmd,
    ]);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      'tunelab: --direction: the study "s" exists with direction(s) maximize, not minimize\n',
    );
    const { openJournalFileStorage } = await import("@tunelab/storage/journal");
    const storage = await openJournalFileStorage(ws.file);
    const id = await storage.getStudyIdFromName("s");
    expect(await storage.getStudyDirections(id)).toEqual(["maximize"]);
    expect(await storage.getStudySystemAttrs(id)).toMatchObject({
      "tunelab:cli:sampler": { name: "RandomSampler", kwargs: { seed: 3 } },
      "tunelab:cli:pruner": { name: "MedianPruner", kwargs: { nStartupTrials: 1, nWarmupSteps: 0 } },
    });
    await storage.close();
  });

  it("a search space that does not fit the study's parameters is a usage error naming --search-space", async () => {
    const cmd = nodeCommand(ws, "one.mjs", `${PRELUDE} say("1");`);
    expect((await runCli(["worker", ...ws.target(), "--n-trials", "1", ...NO_PRUNING, ...cmd])).code).toBe(0);
    const other = JSON.stringify({ x: { name: "IntDistribution", attributes: { low: 0, high: 3 } } });
    const r = await runCli(["worker", ...ws.target(other), "--n-trials", "1", ...NO_PRUNING, ...cmd]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^tunelab: --search-space: suggest: parameter "x" cannot change within a study/m,
    );
    expect((await readTrials(ws.file)).map((t) => t.state)).toEqual(["COMPLETE", "FAIL"]);
  });
});
