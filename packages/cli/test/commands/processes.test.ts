/**
 * End to end: the `tunelab` binary run as fresh processes from a shell loop (through tsx on
 * the TypeScript sources, so no build is needed), and the same journal file driven by
 * Optuna 5.0's own CLI alternately with tunelab's (skipped with the reason when Optuna 5.0
 * is missing locally; see packages/storage/test/peer.ts for the CI rule).
 */
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { optuna5 } from "../../../storage/test/peer.js";
import { type Workspace, workspace } from "./harness.js";

const ROOT = resolve(import.meta.dirname, "../../../..");
const TUNELAB = `node --conditions=@tunelab/source --import tsx ${join(ROOT, "packages/cli/src/bin.ts")}`;
const SPACE = '{"x": {"name": "FloatDistribution", "attributes": {"low": 0, "high": 1}}}';

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.cleanup());

function bash(
  script: string,
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync("bash", ["-c", script], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, TUNELAB_LOG_LEVEL: "warn", ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("tunelab from a shell loop (fresh processes)", () => {
  it("asks, reports, asks should-prune and tells; stdout holds only the results", () => {
    const r = bash(
      `set -u
       export TUNELAB_STORAGE=${ws.journal} TUNELAB_STUDY=loop
       tl() { ${TUNELAB} "$@"; }
       tl study create --direction minimize --pruner NopPruner > /dev/null || exit 20
       for i in 1 2; do
         out=$(tl ask --search-space '${SPACE}') || exit 21
         echo "ASK $out"
         [[ $out =~ \\"number\\":\\ ([0-9]+) ]] || exit 22
         n=\${BASH_REMATCH[1]}
         tl report --trial "$n" --step 0 --value 0.$i || exit 23
         tl should-prune --trial "$n"; rc=$?
         echo "PRUNE $rc"
         tl tell --trial "$n" --values 0.$i || exit 24
       done
       tl trials --format csv`,
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines.filter((l) => l.startsWith("ASK "))).toEqual([
      expect.stringMatching(/^ASK \{"number": 0, "params": \{"x": [0-9.e-]+\}\}$/),
      expect.stringMatching(/^ASK \{"number": 1, "params": \{"x": [0-9.e-]+\}\}$/),
    ]);
    expect(lines.filter((l) => l.startsWith("PRUNE "))).toEqual(["PRUNE 0", "PRUNE 0"]);
    expect(lines.filter((l) => l.endsWith(",COMPLETE"))).toHaveLength(2);
  });

  it("exits 10 from should-prune and 2 for a search space that is not JSON, as the shell sees them", () => {
    const r = bash(
      `export TUNELAB_STORAGE=${ws.journal} TUNELAB_STUDY=p
       tl() { ${TUNELAB} "$@"; }
       tl study create --pruner PercentilePruner --pruner-kwargs '{"percentile": 50, "n_startup_trials": 1}' > /dev/null
       tl ask --search-space '${SPACE}' > /dev/null; tl report --trial 0 --step 0 --value 1; tl tell --trial 0 --values 1
       tl ask --search-space '${SPACE}' > /dev/null; tl report --trial 1 --step 0 --value 5
       tl should-prune --trial 1; echo "RC $?"
       tl ask --search-space 'not json'; echo "RC $?"`,
    );
    expect(r.stdout).toBe("RC 10\nRC 2\n");
    expect(r.stderr).toBe(
      "tunelab: trial 1 should be pruned (exit 10)\n" +
        'tunelab: --search-space: not JSON (Unexpected token \'o\', "not json" is not valid JSON); expected {"name": {"name": "FloatDistribution", "attributes": {"low": 0, "high": 1}}, ...}\n',
    );
  });
});

const peer = optuna5();

describe.skipIf(peer.python === null)("with Optuna 5.0's CLI on the same journal file", () => {
  const optuna = join(dirname(peer.python ?? ""), "optuna");

  it("prints ask in the same shape, and each tool tells the other's trials", () => {
    const file = join(ws.dir, "study.log");
    const r = bash(
      `set -eu
       tl() { ${TUNELAB} "$@"; }
       tl study create --storage journal:${file} --study both > /dev/null
       a=$(${optuna} ask --storage ${file} --study-name both --search-space '${SPACE}' 2>/dev/null)
       echo "OPTUNA $a"
       tl tell --storage ${file} --study both --trial 0 --values 0.25
       b=$(tl ask --storage ${file} --study both --search-space '${SPACE}')
       echo "TUNELAB $b"
       ${optuna} tell --storage ${file} --study-name both --trial-number 1 --values 0.5 2>/dev/null
       ${optuna} trials --storage ${file} --study-name both --format json 2>/dev/null`,
    );
    expect(r.status, r.stderr).toBe(0);
    const [a, b, trials] = r.stdout.trim().split("\n");
    const shape = /^\{"number": (\d+), "params": \{"x": [0-9.e-]+\}\}$/;
    expect(a).toMatch(/^OPTUNA /);
    expect(a?.slice(7)).toMatch(shape);
    expect(b?.slice(8)).toMatch(shape);
    const rows = JSON.parse(trials ?? "[]") as { number: number; value: number; state: string }[];
    expect(rows.map((t) => [t.number, t.value, t.state])).toEqual([
      [0, 0.25, "COMPLETE"],
      [1, 0.5, "COMPLETE"],
    ]);
  });
});
