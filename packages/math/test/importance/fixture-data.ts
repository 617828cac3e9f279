/**
 * Reads `fixtures/optuna_importance.json` (written by `fixtures/optuna_importance.py`) into
 * the study-free records `@tunelab/math/importance` takes.
 */
import { readFileSync } from "node:fs";
import type { ImportanceData, ImportanceDistribution, ImportanceParam } from "../../src/importance/index.js";

type Dist =
  | { kind: "float" | "int"; low: number; high: number; log: boolean; step: number | null }
  | { kind: "categorical"; choices: (string | number | boolean | null)[] };

export interface FixtureStudy {
  readonly name: string;
  readonly direction: "minimize" | "maximize";
  readonly distributions: Record<string, Dist>;
  readonly trials: { params: Record<string, string | number>; value: number }[];
  readonly fanova: Record<string, number>[];
  readonly mdi: Record<string, number>[];
  readonly ped_anova: Record<
    string,
    {
      options: Record<string, number | boolean>;
      raw: Record<string, number>;
      normalized: Record<string, number>;
    }
  >;
}

export function loadFixture(): FixtureStudy[] {
  const path = new URL("./fixtures/optuna_importance.json", import.meta.url);
  return (JSON.parse(readFileSync(path, "utf8")) as { studies: FixtureStudy[] }).studies;
}

/** The study's trials as an ImportanceData record; y = value (negated when `asLoss` and maximized). */
export function toData(s: FixtureStudy, asLoss = false): ImportanceData {
  const names = Object.keys(s.distributions);
  const params: ImportanceParam[] = names.map((name) => {
    const d = s.distributions[name]!;
    const distribution: ImportanceDistribution =
      d.kind === "categorical"
        ? { kind: "categorical", choices: d.choices.length }
        : d.kind === "int"
          ? { kind: "int", low: d.low, high: d.high, log: d.log, step: d.step ?? 1 }
          : { kind: "float", low: d.low, high: d.high, log: d.log, step: d.step };
    return { name, distribution };
  });
  const n = s.trials.length;
  const X = new Float64Array(n * names.length);
  const sign = asLoss && s.direction === "maximize" ? -1 : 1;
  const y = Float64Array.from(s.trials, (t) => sign * t.value);
  s.trials.forEach((t, i) => {
    names.forEach((name, j) => {
      const d = s.distributions[name]!;
      const v = t.params[name]!;
      X[i * names.length + j] = d.kind === "categorical" ? d.choices.indexOf(v) : (v as number);
    });
  });
  return { params, X, y };
}
